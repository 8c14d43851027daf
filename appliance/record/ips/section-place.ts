import { at, objects, str } from './read.ts';
import { sectionCategory, type Category } from './sections.ts';

/**
 * Placing Composition sections that real exporters send without a usable `section.code`
 * (hazard HZ-02: the kiosk must not call a category "not recorded" while an uncoded section holds it).
 * Order: a recognised IPS code; a known IPS section the summary has no place for (left as an
 * "other" section); the resource types of its entries, the title choosing among the categories a
 * type plausibly belongs to; its title (fr, en, de, es, it); else an "other" section.
 */

/**
 * IPS IG 1.1 Composition-uv-ips sections without a dedicated place in the summary: Functional
 * Status, Plan of Care, Social History, History of Pregnancy, Patient Story (LOINC).
 */
const OTHER_IPS_SECTION_LOINC: ReadonlySet<string> = new Set([
  '47420-5',
  '18776-5',
  '29762-2',
  '10162-6',
  '81338-6',
]);

/** Where a resource type may sit, and where it goes when the title does not choose. */
interface TypePlaces {
  readonly places: readonly Category[];
  readonly otherwise?: Category;
}

const TYPE_PLACES: Readonly<Record<string, TypePlaces>> = {
  AllergyIntolerance: { places: ['allergies'], otherwise: 'allergies' },
  MedicationStatement: { places: ['medications'], otherwise: 'medications' },
  MedicationRequest: { places: ['medications'], otherwise: 'medications' },
  // Some exporters code allergies or alerts as Conditions; the title says which.
  Condition: { places: ['problems', 'pastIllnesses', 'allergies', 'alerts'], otherwise: 'problems' },
  DeviceUseStatement: { places: ['devices'], otherwise: 'devices' },
  Device: { places: ['devices'], otherwise: 'devices' },
  Flag: { places: ['alerts'], otherwise: 'alerts' },
  Immunization: { places: ['immunizations'], otherwise: 'immunizations' },
  Procedure: { places: ['procedures'], otherwise: 'procedures' },
  Consent: { places: ['advanceDirectives'], otherwise: 'advanceDirectives' },
  Observation: { places: ['results', 'vitalSigns'] },
  DiagnosticReport: { places: ['results'] },
  DocumentReference: { places: ['advanceDirectives'] },
};

/**
 * Word starts (after removing accents and case) that name a category in French, English, German,
 * Spanish or Italian. Checked in this order, so that "drug allergies" is an allergy section,
 * "medical devices" a device section and "antécédents chirurgicaux" a procedure section.
 */
const TITLE_WORDS: readonly (readonly [Category, readonly string[]])[] = [
  ['allergies', ['allerg', 'alerg', 'intoler', 'intoller', 'unvertraglich']],
  [
    'advanceDirectives',
    [
      'directiv',
      'patientenverfug',
      'vorsorgevollmacht',
      'voluntad',
      'instrucciones previas',
      'disposizioni anticipat',
      'testamento vital',
      'living will',
    ],
  ],
  [
    'alerts',
    ['alert', 'allert', 'warnhinweis', 'warnung', 'avvis', 'avverten', 'avertissement', 'advertencia'],
  ],
  [
    'devices',
    ['device', 'dispositi', 'implant', 'impiant', 'medizinprodukt', 'gerat', 'prothes', 'prosthe', 'protes'],
  ],
  ['immunizations', ['immuni', 'inmuni', 'vaccin', 'vacun', 'impf']],
  ['vitalSigns', ['vital', 'vitaux']],
  [
    'procedures',
    [
      'procedur',
      'prozedur',
      'procedim',
      'surg',
      'chirurg',
      'cirug',
      'quirurg',
      'intervent',
      'intervenc',
      'eingriff',
      'operation',
      'operazion',
      'operacion',
      'acte',
    ],
  ],
  [
    'medications',
    [
      'medicat',
      'medicament',
      'medicac',
      'medikat',
      'medikament',
      'arzneimittel',
      'farmac',
      'traitement',
      'tratamiento',
      'trattament',
      'drug',
      'prescri',
      'verordnung',
    ],
  ],
  [
    'pastIllnesses',
    [
      'past',
      'antecedent',
      'vorerkrank',
      'fruhere',
      'anamnesi patologica',
      'medical history',
      'storia clinica',
      'resolved',
      'resolu',
      'resuelt',
      'risolt',
      'inactiv',
    ],
  ],
  [
    'problems',
    [
      'problem',
      'diagnos',
      'condition',
      'patholog',
      'patolog',
      'maladie',
      'krankheit',
      'erkrank',
      'enfermedad',
      'malatt',
    ],
  ],
  ['results', ['result', 'risultat', 'befund', 'ergebnis', 'labor', 'analys', 'analis', 'esami']],
];

/** Titles naming a section the summary has no place for (plan, social, functional, pregnancy, family). */
const OTHER_TITLE_WORDS: readonly string[] = [
  'plan',
  'piano',
  'social',
  'sozial',
  'functional',
  'fonctionnel',
  'funktion',
  'funcional',
  'funzional',
  'pregnan',
  'grossesse',
  'schwanger',
  'embaraz',
  'gravidanz',
  'famil',
  'patient story',
];

/** Lower case, accents removed, words separated by single spaces, padded: " antecedents medicaux ". */
function normalised(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return ` ${plain} `;
}

const startsAWord = (text: string, word: string): boolean => text.includes(` ${word}`);

type TitleReading =
  | { readonly kind: 'category'; readonly category: Category }
  | { readonly kind: 'other' }
  | { readonly kind: 'none' };

/** What a section title (or the text of an unknown code) names. */
export function readTitle(title: string | undefined): TitleReading {
  if (title === undefined) return { kind: 'none' };
  const text = normalised(title);
  if (OTHER_TITLE_WORDS.some((w) => startsAWord(text, w))) return { kind: 'other' };
  for (const [category, words] of TITLE_WORDS) {
    if (words.some((w) => startsAWord(text, w))) return { kind: 'category', category };
  }
  return { kind: 'none' };
}

/** The section's own words: its title, else its code's text or displays. */
function titleOf(section: unknown): string | undefined {
  const code = at(section, 'code');
  const displays = objects(at(code, 'coding'))
    .map((c) => str(c['display']))
    .filter((d): d is string => d !== undefined);
  return (
    str(at(section, 'title')) ??
    str(at(code, 'text')) ??
    (displays.length > 0 ? displays.join(' ') : undefined)
  );
}

function hasOtherIpsCode(section: unknown): boolean {
  return objects(at(at(section, 'code'), 'coding')).some((c) => {
    const code = str(c['code']);
    return code !== undefined && OTHER_IPS_SECTION_LOINC.has(code);
  });
}

/**
 * The category of a Composition.section, given the resource types its entries resolved to, or
 * undefined for a section shown as "other information in the record".
 */
export function placeSection(section: unknown, entryTypes: readonly string[]): Category | undefined {
  const coded = sectionCategory(section);
  if (coded !== undefined) return coded;
  if (hasOtherIpsCode(section)) return undefined;
  const reading = readTitle(titleOf(section));
  if (reading.kind === 'other') return undefined;
  const named = reading.kind === 'category' ? reading.category : undefined;

  const votes = new Map<Category, number>();
  for (const type of entryTypes) {
    const places = TYPE_PLACES[type];
    const vote = named !== undefined && places?.places.includes(named) === true ? named : places?.otherwise;
    if (vote !== undefined) votes.set(vote, (votes.get(vote) ?? 0) + 1);
  }
  let best: Category | undefined;
  for (const [category, count] of votes) {
    const lead = best === undefined ? 0 : (votes.get(best) ?? 0);
    if (count > lead || (count === lead && category === named)) best = category;
  }
  return best ?? named;
}
