/** Words printed by the kiosk itself, in the kiosk language. Record content is printed as authored. */
import type { Language } from '../common/languages.ts';
import { assertNever } from '../common/result.ts';
import type { Profession } from '../common/professions.ts';

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
    Record<'unsigned' | 'invalid_signature' | 'untrusted' | 'expired' | 'not_authorised', string>
  >;
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
    },
    signedAgo: (months: number) => (months === 0 ? 'signé il y a moins d’un mois' : `signé il y a ${months} mois`),
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
    },
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
  de: {
    title: 'Notfalldaten — vertraulich',
    printedAt: 'Gedruckt am',
    printedBy: 'von',
    patient: 'PATIENT/IN',
    name: 'Name',
    birthDate: 'Geboren am',
    gender: 'Geschlecht',
    unknown: 'nicht angegeben',
    allergies: 'ALLERGIEN UND UNVERTRÄGLICHKEITEN',
    criticality: {
      high: 'HOHE KRITIKALITÄT',
      low: 'geringe Kritikalität',
      'unable-to-assess': 'Kritikalität nicht beurteilbar',
      unknown: 'Kritikalität unbekannt',
    },
    reaction: 'Reaktion',
    medications: 'AKTUELLE MEDIKATION',
    problems: 'AKTIVE PROBLEME',
    devices: 'IMPLANTATE',
    bloodGroup: 'BLUTGRUPPE',
    advanceDirectives: 'PATIENTENVERFÜGUNGEN',
    alerts: 'WARNHINWEISE',
    contacts: 'NOTFALLKONTAKTE',
    notRecorded: 'In der Akte nicht angegeben.',
    allergiesNotRecorded: 'ALLERGIEN NICHT ANGEGEBEN — Patienten befragen.',
    otherInformation: 'WEITERE ANGABEN DER AKTE',
    otherSectionWithoutContent: 'Abschnitt vorhanden, ohne Inhalt.',
    since: 'seit',
    signature: 'SIGNATUR DER AKTE',
    signedBy: 'Signiert von',
    signedOn: 'am',
    documentDate: 'Datum der Akte',
    authors: 'Verfasser',
    warning: {
      unsigned: 'ACHTUNG: AKTE NICHT SIGNIERT',
      invalid_signature: 'ACHTUNG: UNGÜLTIGE SIGNATUR — AKTE MÖGLICHERWEISE VERÄNDERT',
      untrusted: 'ACHTUNG: UNTERZEICHNER NICHT ANERKANNT',
      expired: 'ACHTUNG: SIGNATUR AUSSERHALB DER ZERTIFIKATSGÜLTIGKEIT',
      not_authorised: 'ACHTUNG: UNTERZEICHNER NICHT ZUR AKTENFÜHRUNG BERECHTIGT',
    },
    signedAgo: (months: number) =>
      months === 0 ? 'vor weniger als einem Monat signiert' : `vor ${months} Monat${months === 1 ? '' : 'en'} signiert`,
    outdated: (months: number) => `AKTE VOR ${months} MONATEN SIGNIERT: MÖGLICHERWEISE NICHT AKTUELL`,
    version: 'Fassung',
    warningAdvice:
      'Ungeprüfter Inhalt: vor jeder Entscheidung beim Patienten oder seinem Arzt bestätigen.',
    footer: ['Vertrauliches Dokument — ärztliche Schweigepflicht.', 'Der Behandlungsakte beifügen, nicht unbeaufsichtigt lassen.'],
    professions: {
      doctor: 'Arzt/Ärztin',
      pharmacist: 'Apotheker/in',
      midwife: 'Hebamme',
      nurse: 'Pflegefachkraft',
      technician: 'Techniker/in',
    },
    testPage: 'TESTSEITE — DRUCKER',
    authoredIn: 'Klinische Texte wie verfasst, in Sprache',
  },
  es: {
    title: 'Resumen de urgencia — confidencial',
    printedAt: 'Impreso el',
    printedBy: 'por',
    patient: 'PACIENTE',
    name: 'Nombre',
    birthDate: 'Nacido/a el',
    gender: 'Sexo',
    unknown: 'no consta',
    allergies: 'ALERGIAS E INTOLERANCIAS',
    criticality: {
      high: 'CRITICIDAD ALTA',
      low: 'criticidad baja',
      'unable-to-assess': 'criticidad no evaluable',
      unknown: 'criticidad desconocida',
    },
    reaction: 'Reacción',
    medications: 'TRATAMIENTO ACTUAL',
    problems: 'PROBLEMAS ACTIVOS',
    devices: 'DISPOSITIVOS IMPLANTADOS',
    bloodGroup: 'GRUPO SANGUÍNEO',
    advanceDirectives: 'INSTRUCCIONES PREVIAS',
    alerts: 'ALERTAS',
    contacts: 'CONTACTOS DE EMERGENCIA',
    notRecorded: 'No consta en la historia.',
    allergiesNotRecorded: 'ALERGIAS NO REGISTRADAS — pregunte al paciente.',
    otherInformation: 'OTRA INFORMACIÓN DE LA HISTORIA',
    otherSectionWithoutContent: 'Sección presente, sin contenido.',
    since: 'desde',
    signature: 'FIRMA DE LA HISTORIA',
    signedBy: 'Firmado por',
    signedOn: 'el',
    documentDate: 'Fecha de la historia',
    authors: 'Autor(es)',
    warning: {
      unsigned: 'ATENCIÓN: HISTORIA SIN FIRMAR',
      invalid_signature: 'ATENCIÓN: FIRMA NO VÁLIDA — HISTORIA POSIBLEMENTE MODIFICADA',
      untrusted: 'ATENCIÓN: FIRMANTE NO RECONOCIDO',
      expired: 'ATENCIÓN: FIRMA FUERA DE LA VALIDEZ DEL CERTIFICADO',
      not_authorised: 'ATENCIÓN: FIRMANTE NO HABILITADO PARA REDACTAR HISTORIAS',
    },
    signedAgo: (months: number) =>
      months === 0 ? 'firmado hace menos de un mes' : `firmado hace ${months} mes${months === 1 ? '' : 'es'}`,
    outdated: (months: number) => `HISTORIA FIRMADA HACE ${months} MESES: PUEDE NO ESTAR AL DÍA`,
    version: 'Versión',
    warningAdvice:
      'Contenido no verificado: confírmelo con el paciente o su médico antes de cualquier decisión.',
    footer: ['Documento confidencial — secreto médico.', 'Adjuntar a la historia clínica; no dejar sin vigilancia.'],
    professions: {
      doctor: 'médico/a',
      pharmacist: 'farmacéutico/a',
      midwife: 'matrona',
      nurse: 'enfermero/a',
      technician: 'técnico/a',
    },
    testPage: 'PÁGINA DE PRUEBA — IMPRESORA',
    authoredIn: 'Textos clínicos tal como se redactaron, en idioma',
  },
  it: {
    title: 'Riepilogo di emergenza — riservato',
    printedAt: 'Stampato il',
    printedBy: 'da',
    patient: 'PAZIENTE',
    name: 'Nome',
    birthDate: 'Nato/a il',
    gender: 'Sesso',
    unknown: 'non indicato',
    allergies: 'ALLERGIE E INTOLLERANZE',
    criticality: {
      high: 'CRITICITÀ ELEVATA',
      low: 'criticità bassa',
      'unable-to-assess': 'criticità non valutabile',
      unknown: 'criticità sconosciuta',
    },
    reaction: 'Reazione',
    medications: 'TERAPIA IN CORSO',
    problems: 'PROBLEMI ATTIVI',
    devices: 'DISPOSITIVI IMPIANTATI',
    bloodGroup: 'GRUPPO SANGUIGNO',
    advanceDirectives: 'DISPOSIZIONI ANTICIPATE DI TRATTAMENTO',
    alerts: 'AVVERTENZE',
    contacts: 'CONTATTI DI EMERGENZA',
    notRecorded: 'Non indicato nella cartella.',
    allergiesNotRecorded: 'ALLERGIE NON INDICATE — chiedere al paziente.',
    otherInformation: 'ALTRE INFORMAZIONI DELLA CARTELLA',
    otherSectionWithoutContent: 'Sezione presente, senza contenuto.',
    since: 'dal',
    signature: 'FIRMA DELLA CARTELLA',
    signedBy: 'Firmato da',
    signedOn: 'il',
    documentDate: 'Data della cartella',
    authors: 'Autore/i',
    warning: {
      unsigned: 'ATTENZIONE: CARTELLA NON FIRMATA',
      invalid_signature: 'ATTENZIONE: FIRMA NON VALIDA — CARTELLA FORSE MODIFICATA',
      untrusted: 'ATTENZIONE: FIRMATARIO NON RICONOSCIUTO',
      expired: 'ATTENZIONE: FIRMA FUORI DALLA VALIDITÀ DEL CERTIFICATO',
      not_authorised: 'ATTENZIONE: FIRMATARIO NON ABILITATO A REDIGERE CARTELLE',
    },
    signedAgo: (months: number) =>
      months === 0 ? 'firmato meno di un mese fa' : `firmato ${months} ${months === 1 ? 'mese' : 'mesi'} fa`,
    outdated: (months: number) => `CARTELLA FIRMATA ${months} MESI FA: POTREBBE NON ESSERE AGGIORNATA`,
    version: 'Versione',
    warningAdvice:
      'Contenuto non verificato: confermare con il paziente o il suo medico prima di ogni decisione.',
    footer: ['Documento riservato — segreto medico.', 'Allegare alla cartella clinica; non lasciare incustodito.'],
    professions: {
      doctor: 'medico',
      pharmacist: 'farmacista',
      midwife: 'ostetrica/o',
      nurse: 'infermiere/a',
      technician: 'tecnico',
    },
    testPage: 'PAGINA DI PROVA — STAMPANTE',
    authoredIn: 'Testi clinici così come redatti, in lingua',
  },
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
