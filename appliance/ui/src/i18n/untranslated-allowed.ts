/**
 * Strings reviewed as correctly identical to English in another language (`set:language:path`),
 * each with why: proper nouns, units, codes, and words the other language uses as they are.
 * `catalogues.test.ts` fails on any other string left identical to English, and on an entry here
 * that is no longer identical (stale).
 */
export const UNTRANSLATED_ALLOWED: Readonly<Record<string, string>> = {
  'ui:fr:patient': 'same word in French',
  'ui:fr:note': 'same word in French',
  'ui:fr:bodySite': 'same word in French (site anatomique)',
  'ui:fr:crosscheck.substances': 'same word in French',
  'ui:fr:crosscheck.lot': 'same word in French (numéro de lot)',
  'ui:fr:crosscheck.code': 'same word in French',
  'ui:fr:dock.pin': 'PIN: the acronym printed on cards',
  'ui:fr:dock.code': 'same word in French',
  'ui:fr:recordVersion': 'same word in French (version)',
  'ui:fr:keyboard.ok': 'OK: the word French keyboards and dialogs use',
  'ui:de:status': 'German word (Status)',
  'ui:de:crosscheck.code': 'German word (Code)',
  'ui:de:dock.pin': 'PIN: the acronym printed on cards',
  'ui:de:dock.code': 'German word (Code)',
  'ui:es:dock.pin': 'PIN: the acronym printed on cards',
  'ui:it:dock.pin': 'PIN: the acronym printed on cards',
  'technician:fr:commit': 'git term, kept as is',
  'technician:fr:diagnostics': 'same word in French',
  'technician:fr:site': 'same word in French',
  'technician:fr:seconds': 'unit symbol (s)',
  'technician:de:usbKind.touchscreen': 'German technical word (Touchscreen)',
  'technician:de:seconds': 'unit symbol (s)',
  'technician:es:seconds': 'unit symbol (s)',
  'technician:it:seconds': 'unit symbol (s)',
  'receipt:fr:patient': 'same word in French',
  'patientLog:fr:when': 'same word in French (Date)',
  'patientLog:de:colon': 'punctuation',
  'patientLog:es:colon': 'punctuation',
  'patientLog:it:colon': 'punctuation',
  'receipt:fr:version': 'same word in French (Version)',
  'receipt:de:name': 'German word (Name)',
};
