/**
 * An emergency contact's relationship to the patient (Patient.contact.relationship) in the five
 * kiosk languages, by code (issue 19): "Next-of-Kin" is "plus proche parent" to a French reader.
 *
 * Codes: HL7 v2 table 0131 (contact role, FHIR R4's patient-contactrelationship value set) and
 * the family and personal codes of HL7 v3 RoleCode (with the RoleClass codes NOK, ECON, GUARD
 * some records put there). HL7 terminology (THO) is CC0; only the codes are used: every name
 * below is our own translation, written for Baladeur and reviewed as HZ-19.
 */
import type { Language } from '../languages.ts';

type Words = Readonly<Record<Language, string>>;
const w = (fr: string, en: string, de: string, es: string, it: string): Words => ({ fr, en, de, es, it });

export const V2_CONTACT_ROLE = 'http://terminology.hl7.org/CodeSystem/v2-0131';
export const V3_ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
export const V3_ROLE_CLASS = 'http://terminology.hl7.org/CodeSystem/v3-RoleClass';

const CONTACT_ROLES: Readonly<Record<string, Words>> = {
  BP: w(
    'contact pour la facturation',
    'billing contact',
    'Ansprechperson für die Abrechnung',
    'contacto de facturación',
    'referente per la fatturazione',
  ),
  C: w(
    'contact d’urgence',
    'emergency contact',
    'Notfallkontakt',
    'contacto de emergencia',
    'contatto di emergenza',
  ),
  CP: w(
    'personne à contacter',
    'contact person',
    'Kontaktperson',
    'persona de contacto',
    'persona di riferimento',
  ),
  E: w('employeur', 'employer', 'Arbeitgeber', 'empleador', 'datore di lavoro'),
  EP: w(
    'personne à prévenir en cas d’urgence',
    'person to contact in an emergency',
    'im Notfall zu benachrichtigen',
    'persona a avisar en caso de emergencia',
    'persona da avvisare in caso di emergenza',
  ),
  F: w('administration fédérale', 'federal agency', 'Bundesbehörde', 'organismo federal', 'ente federale'),
  I: w('assureur', 'insurance company', 'Versicherung', 'compañía de seguros', 'compagnia assicurativa'),
  N: w(
    'plus proche parent',
    'next of kin',
    'nächster Angehöriger',
    'familiar más cercano',
    'parente più prossimo',
  ),
  O: w('autre lien', 'other', 'andere Beziehung', 'otra relación', 'altro legame'),
  PR: w(
    'personne qui prépare l’adressage',
    'person preparing the referral',
    'Person, die die Überweisung vorbereitet',
    'persona que prepara la derivación',
    'persona che prepara l’invio',
  ),
  S: w('administration de l’État', 'state agency', 'Landesbehörde', 'organismo estatal', 'ente statale'),
  U: w('lien inconnu', 'unknown', 'Beziehung unbekannt', 'relación desconocida', 'legame sconosciuto'),
};

const PERSONAL_ROLES: Readonly<Record<string, Words>> = {
  MTH: w('mère', 'mother', 'Mutter', 'madre', 'madre'),
  FTH: w('père', 'father', 'Vater', 'padre', 'padre'),
  PRN: w('parent', 'parent', 'Elternteil', 'padre o madre', 'genitore'),
  SPS: w('conjoint ou conjointe', 'spouse', 'Ehepartner', 'cónyuge', 'coniuge'),
  HUSB: w('mari', 'husband', 'Ehemann', 'esposo', 'marito'),
  WIFE: w('épouse', 'wife', 'Ehefrau', 'esposa', 'moglie'),
  DOMPART: w('compagnon ou compagne', 'domestic partner', 'Lebenspartner', 'pareja de hecho', 'convivente'),
  SIGOTHR: w('partenaire', 'partner', 'Partner', 'pareja', 'partner'),
  CHILD: w('enfant', 'child', 'Kind', 'hijo o hija', 'figlio o figlia'),
  SON: w('fils', 'son', 'Sohn', 'hijo', 'figlio'),
  DAU: w('fille', 'daughter', 'Tochter', 'hija', 'figlia'),
  SIB: w('frère ou sœur', 'brother or sister', 'Geschwister', 'hermano o hermana', 'fratello o sorella'),
  BRO: w('frère', 'brother', 'Bruder', 'hermano', 'fratello'),
  SIS: w('sœur', 'sister', 'Schwester', 'hermana', 'sorella'),
  GRPRN: w('grand-parent', 'grandparent', 'Großelternteil', 'abuelo o abuela', 'nonno o nonna'),
  GRMTH: w('grand-mère', 'grandmother', 'Großmutter', 'abuela', 'nonna'),
  GRFTH: w('grand-père', 'grandfather', 'Großvater', 'abuelo', 'nonno'),
  AUNT: w('tante', 'aunt', 'Tante', 'tía', 'zia'),
  UNCLE: w('oncle', 'uncle', 'Onkel', 'tío', 'zio'),
  FAMMEMB: w('membre de la famille', 'family member', 'Familienangehöriger', 'familiar', 'familiare'),
  FRND: w('ami ou amie', 'friend', 'Freund oder Freundin', 'amigo o amiga', 'amico o amica'),
  NBOR: w('voisin ou voisine', 'neighbour', 'Nachbar oder Nachbarin', 'vecino o vecina', 'vicino o vicina'),
  ROOM: w('colocataire', 'roommate', 'Mitbewohner', 'compañero de piso', 'coinquilino'),
  ONESELF: w(
    'le patient lui-même',
    'the patient themself',
    'der Patient selbst',
    'el propio paciente',
    'il paziente stesso',
  ),
  GUARD: w('tuteur ou tutrice', 'guardian', 'Vormund', 'tutor legal', 'tutore'),
  NOK: w(
    'plus proche parent',
    'next of kin',
    'nächster Angehöriger',
    'familiar más cercano',
    'parente più prossimo',
  ),
  ECON: w(
    'contact d’urgence',
    'emergency contact',
    'Notfallkontakt',
    'contacto de emergencia',
    'contatto di emergenza',
  ),
};

interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

function wordsOf(c: Coding): Words | undefined {
  if (c.code === undefined) return undefined;
  switch (c.system) {
    case V2_CONTACT_ROLE:
      return CONTACT_ROLES[c.code];
    case V3_ROLE_CODE:
    case V3_ROLE_CLASS:
      return PERSONAL_ROLES[c.code];
    case undefined:
      // A bare code (no system): v2 codes are one or two letters, v3 codes longer; none shared.
      return CONTACT_ROLES[c.code] ?? PERSONAL_ROLES[c.code];
    default:
      return undefined;
  }
}

const same = (a: string, b: string): boolean =>
  a
    .toLocaleLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim() ===
  b
    .toLocaleLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();

/**
 * One relationship (a CodeableConcept reduced to its text and codings) in the reader's words: the
 * known code's name, then the authored text (CodeableConcept.text or a display) in brackets when
 * it says something else; an unknown code with no text is shown as the code itself, never guessed.
 */
export function relationshipWords(
  concept: { readonly text: string; readonly codings: readonly Coding[] },
  language: Language,
): string {
  const known = concept.codings.map(wordsOf).find((x) => x !== undefined)?.[language];
  const bareCode = concept.codings.some((c) => c.code === concept.text && c.display !== concept.text);
  const authored = bareCode ? undefined : concept.text;
  if (known === undefined) return concept.text;
  return authored === undefined || same(authored, known) ? known : `${known} (${authored})`;
}

export const RELATIONSHIP_TABLE = { v2: CONTACT_ROLES, v3: PERSONAL_ROLES } as const;

/** A contact's relationships in the reader's words, joined with ", "; its authored text when it has no codes. */
export function contactRelationshipWords(
  contact: {
    readonly relationship?: string;
    readonly relationships?: readonly { readonly text: string; readonly codings: readonly Coding[] }[];
  },
  language: Language,
): string | undefined {
  const concepts = contact.relationships ?? [];
  if (concepts.length === 0) return contact.relationship;
  return concepts.map((c) => relationshipWords(c, language)).join(', ');
}
