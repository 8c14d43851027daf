/** Words printed by the kiosk itself, in the kiosk language. Record content is printed as authored. */
import type { Profession } from '../common/professions.ts';

export type ReceiptLanguage = 'fr' | 'en';

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
  readonly warning: Readonly<Record<'unsigned' | 'invalid_signature' | 'untrusted' | 'expired', string>>;
  readonly warningAdvice: string;
  readonly footer: readonly string[];
  readonly professions: Readonly<Record<Profession, string>>;
  readonly testPage: string;
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
      expired: 'ATTENTION : CERTIFICAT DU SIGNATAIRE EXPIRÉ',
    },
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
      expired: "WARNING: SIGNER'S CERTIFICATE EXPIRED",
    },
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
  },
};

/** 2026-11-28 → 28/11/2026 in French; ISO dates kept in English (unambiguous abroad). */
export function formatDate(value: string, language: ReceiptLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m || language === 'en') return value.length > 10 && m ? value.slice(0, 10) : value;
  return `${m[3]}/${m[2]}/${m[1]}`;
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
  return language === 'fr'
    ? `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`
    : `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
