/** Words printed by the kiosk itself, in the kiosk language. Record content is printed as authored. */
import type { Language } from '../common/languages.ts';
import { assertNever } from '../common/result.ts';
import type { Profession } from '../common/professions.ts';
import { LABELS_DE, LABELS_ES, LABELS_IT } from './labels-de-es-it.ts';

/** The receipt prints in the session's language: any of the kiosk's five. */
export type ReceiptLanguage = Language;

export interface ReceiptLabels {
  readonly title: string;
  readonly printedAt: string;
  readonly printedBy: string;
  readonly patient: string;
  readonly name: string;
  readonly birthDate: string;
  readonly gender: string;
  readonly unknown: string;
  readonly allergies: string;
  readonly criticality: Readonly<Record<'high' | 'low' | 'unable-to-assess' | 'unknown', string>>;
  readonly reaction: string;
  readonly medications: string;
  readonly problems: string;
  readonly devices: string;
  readonly bloodGroup: string;
  readonly advanceDirectives: string;
  readonly alerts: string;
  readonly contacts: string;
  readonly notRecorded: string;
  readonly allergiesNotRecorded: string;
  readonly otherInformation: string;
  readonly otherSectionWithoutContent: string;
  readonly since: string;
  readonly signature: string;
  readonly signedBy: string;
  readonly signedOn: string;
  readonly documentDate: string;
  readonly authors: string;
  readonly warning: Readonly<
    Record<
      | 'unsigned'
      | 'invalid_signature'
      | 'untrusted'
      | 'expired'
      | 'not_authorised'
      | 'revoked'
      | 'revocation_unknown',
      string
    >
  >;
  /** A valid record whose author's card was revoked after signing (the date, already formatted). */
  readonly signerRevokedSince: (date: string) => string;
  /** A valid record read while the site's CRL for its signer's authority is out of date (`warn`). */
  readonly crlNotCurrent: string;
  /** The revoked card's revocation date, under the alarm (already formatted). */
  readonly revokedOn: (date: string) => string;
  /** The record's age in words, after the signing date (HZ-05). */
  readonly signedAgo: (months: number) => string;
  /** Printed under the header when the record is older than the site's limit (HZ-05). */
  readonly outdated: (months: number) => string;
  readonly version: string;
  readonly warningAdvice: string;
  readonly footer: readonly string[];
  readonly professions: Readonly<Record<Profession, string>>;
  readonly testPage: string;
  /** Before the record's language code (DE, NL…): clinical text is printed as its author wrote it. */
  readonly authoredIn: string;
}

export const LABELS: Readonly<Record<ReceiptLanguage, ReceiptLabels>> = {
  fr: {
    title: "Résumé d'urgence — confidentiel",
    printedAt: 'Imprimé le',
    printedBy: 'par',
    patient: 'PATIENT',
    name: 'Nom',
    birthDate: 'Né(e) le',
    gender: 'Sexe',
    unknown: 'non renseigné',
    allergies: 'ALLERGIES ET INTOLÉRANCES',
    criticality: {
      high: 'CRITICITÉ HAUTE',
      low: 'criticité faible',
      'unable-to-assess': 'criticité non évaluable',
      unknown: 'criticité inconnue',
    },
    reaction: 'Réaction',
    medications: 'TRAITEMENTS EN COURS',
    problems: 'PROBLÈMES ACTIFS',
    devices: 'DISPOSITIFS IMPLANTÉS',
    bloodGroup: 'GROUPE SANGUIN',
    advanceDirectives: 'DIRECTIVES ANTICIPÉES',
    alerts: 'ALERTES',
    contacts: "CONTACTS D'URGENCE",
    notRecorded: 'Non renseigné dans le dossier.',
    allergiesNotRecorded: 'ALLERGIES NON RENSEIGNÉES — interroger le patient.',
    otherInformation: 'AUTRES INFORMATIONS DU DOSSIER',
    otherSectionWithoutContent: 'Section présente, sans contenu.',
    since: 'depuis',
    signature: 'SIGNATURE DU DOSSIER',
    signedBy: 'Signé par',
    signedOn: 'le',
    documentDate: 'Date du dossier',
    authors: 'Auteur(s)',
    warning: {
      unsigned: 'ATTENTION : DOSSIER NON SIGNÉ',
      invalid_signature: 'ATTENTION : SIGNATURE INVALIDE — DOSSIER POSSIBLEMENT MODIFIÉ',
      untrusted: 'ATTENTION : SIGNATAIRE NON RECONNU',
      expired: 'ATTENTION : SIGNATURE HORS DE LA VALIDITÉ DU CERTIFICAT',
      not_authorised: 'ATTENTION : SIGNATAIRE NON HABILITÉ À RÉDIGER UN DOSSIER',
      revoked: 'ATTENTION : CARTE DU SIGNATAIRE RÉVOQUÉE AVANT LA SIGNATURE',
      revocation_unknown: 'ATTENTION : RÉVOCATION DU SIGNATAIRE NON VÉRIFIABLE (LISTE PÉRIMÉE)',
    },
    signerRevokedSince: (date: string) =>
      `Carte du signataire révoquée depuis la signature (le ${date}) : signature valable.`,
    crlNotCurrent: 'Liste de révocation du kiosque périmée : révocation du signataire non vérifiée.',
    revokedOn: (date: string) => `Carte révoquée le ${date}`,
    signedAgo: (months: number) =>
      months === 0 ? 'signé il y a moins d’un mois' : `signé il y a ${months} mois`,
    outdated: (months: number) => `DOSSIER SIGNÉ IL Y A ${months} MOIS : PEUT NE PLUS ÊTRE À JOUR`,
    version: 'Version',
    warningAdvice:
      'Contenu non vérifié : à confirmer auprès du patient ou de son médecin avant toute décision.',
    footer: [
      'Document confidentiel — secret médical.',
      'À joindre au dossier de soins, ne pas laisser sans surveillance.',
    ],
    professions: {
      doctor: 'médecin',
      pharmacist: 'pharmacien(ne)',
      midwife: 'sage-femme',
      nurse: 'infirmier(e)',
      technician: 'technicien(ne)',
    },
    testPage: 'PAGE DE TEST — IMPRIMANTE',
    authoredIn: 'Textes cliniques tels que rédigés, en langue',
  },
  en: {
    title: 'Emergency summary — confidential',
    printedAt: 'Printed',
    printedBy: 'by',
    patient: 'PATIENT',
    name: 'Name',
    birthDate: 'Born',
    gender: 'Sex',
    unknown: 'not recorded',
    allergies: 'ALLERGIES AND INTOLERANCES',
    criticality: {
      high: 'HIGH CRITICALITY',
      low: 'low criticality',
      'unable-to-assess': 'criticality not assessable',
      unknown: 'criticality unknown',
    },
    reaction: 'Reaction',
    medications: 'CURRENT MEDICATION',
    problems: 'ACTIVE PROBLEMS',
    devices: 'IMPLANTED DEVICES',
    bloodGroup: 'BLOOD GROUP',
    advanceDirectives: 'ADVANCE DIRECTIVES',
    alerts: 'ALERTS',
    contacts: 'EMERGENCY CONTACTS',
    notRecorded: 'Not recorded in the record.',
    allergiesNotRecorded: 'ALLERGIES NOT RECORDED — ask the patient.',
    otherInformation: 'OTHER INFORMATION IN THE RECORD',
    otherSectionWithoutContent: 'Section present, without content.',
    since: 'since',
    signature: 'RECORD SIGNATURE',
    signedBy: 'Signed by',
    signedOn: 'on',
    documentDate: 'Record date',
    authors: 'Author(s)',
    warning: {
      unsigned: 'WARNING: RECORD NOT SIGNED',
      invalid_signature: 'WARNING: INVALID SIGNATURE — RECORD MAY HAVE BEEN ALTERED',
      untrusted: 'WARNING: SIGNER NOT TRUSTED',
      expired: "WARNING: SIGNED OUTSIDE THE CERTIFICATE'S VALIDITY",
      not_authorised: 'WARNING: SIGNER NOT AUTHORISED TO WRITE RECORDS',
      revoked: "WARNING: SIGNER'S CARD REVOKED BEFORE SIGNING",
      revocation_unknown: "WARNING: SIGNER'S REVOCATION CANNOT BE CHECKED (LIST OUT OF DATE)",
    },
    signerRevokedSince: (date: string) =>
      `Signer's card revoked since signing (on ${date}): the signature stands.`,
    crlNotCurrent: "The kiosk's revocation list is out of date: the signer's revocation was not checked.",
    revokedOn: (date: string) => `Card revoked on ${date}`,
    signedAgo: (months: number) =>
      months === 0 ? 'signed less than a month ago' : `signed ${months} month${months === 1 ? '' : 's'} ago`,
    outdated: (months: number) => `RECORD SIGNED ${months} MONTHS AGO: MAY BE OUT OF DATE`,
    version: 'Version',
    warningAdvice: 'Unverified content: confirm with the patient or their doctor before any decision.',
    footer: ['Confidential — medical secrecy.', 'Attach to the care record; do not leave unattended.'],
    professions: {
      doctor: 'doctor',
      pharmacist: 'pharmacist',
      midwife: 'midwife',
      nurse: 'nurse',
      technician: 'technician',
    },
    testPage: 'PRINTER TEST PAGE',
    authoredIn: 'Clinical text as written, in language',
  },
  de: LABELS_DE,
  es: LABELS_ES,
  it: LABELS_IT,
};

/** Day, month and year separators as each language writes a date on paper (ISO in English: unambiguous abroad). */
function numericDate(day: string, month: string, year: string, language: ReceiptLanguage): string {
  switch (language) {
    case 'en':
      return `${year}-${month}-${day}`;
    case 'de':
      return `${day}.${month}.${year}`;
    case 'fr':
    case 'es':
    case 'it':
      return `${day}/${month}/${year}`;
    default:
      return assertNever(language);
  }
}

/** 2026-11-28 → 28/11/2026 (fr, es, it), 28.11.2026 (de), 2026-11-28 (en); partial dates as written. */
export function formatDate(value: string, language: ReceiptLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return numericDate(m[3]!, m[2]!, m[1]!, language);
}

export function formatDateTime(date: Date, language: ReceiptLanguage, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${numericDate(get('day'), get('month'), get('year'), language)} ${get('hour')}:${get('minute')}`;
}
