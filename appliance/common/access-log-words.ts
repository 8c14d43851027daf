/**
 * The patient's own view of who opened their key (issue 19), in plain words and the five kiosk
 * languages: one sentence per opening, shared by the screen and the printed receipt so that both
 * say the same thing (HZ-20). Break-glass openings say plainly that the code was not used.
 */
import { LOCALES, type Language } from './languages.ts';
import type { Profession } from './professions.ts';

/** One opening as the patient sees it (from an access-log entry; no other data). */
export interface PatientAccessEntry {
  /** ISO 8601 instant. */
  readonly when: string;
  readonly site: string;
  readonly name: string;
  readonly profession: Profession;
  readonly tier: 'emergency' | 'full';
  /** Present only for an emergency access (break-glass). */
  readonly breakGlassReason?: string;
}

interface Words {
  readonly title: string;
  readonly intro: string;
  readonly none: string;
  /** The log could not be read (damaged): the summary stays readable. */
  readonly failed: string;
  readonly unreadable: (n: number) => string;
  readonly profession: Readonly<Record<Profession, string>>;
  readonly opened: (who: string, profession: string, site: string) => string;
  readonly part: Readonly<Record<'emergency' | 'full', string>>;
  readonly withCode: string;
  readonly breakGlass: string;
  readonly reason: string;
  readonly when: string;
  /** "Date : " in French typography, "Date: " elsewhere. */
  readonly colon: string;
}

export const ACCESS_LOG_WORDS: Readonly<Record<Language, Words>> = {
  fr: {
    title: 'Qui a ouvert votre clé',
    intro: 'Chaque ouverture de votre dossier est inscrite sur votre clé. La plus récente est en premier.',
    none: 'Personne n’a encore ouvert votre dossier avec ce kiosque ni un autre.',
    failed: 'Le journal des accès de votre clé n’a pas pu être lu. Votre dossier reste lisible ci-dessus.',
    unreadable: (n) =>
      `${n} ligne(s) du journal n’ont pas pu être lues (clé retirée pendant l’écriture, ou abîmée).`,
    profession: {
      doctor: 'médecin',
      pharmacist: 'pharmacien·ne',
      midwife: 'sage-femme',
      nurse: 'infirmier·ère',
      technician: 'technicien·ne',
    },
    opened: (who, profession, site) => `${who} (${profession}) a ouvert votre dossier à ${site}.`,
    part: { emergency: 'Partie vue : le résumé d’urgence.', full: 'Partie vue : tout le dossier.' },
    withCode: 'Ouvert avec votre code.',
    breakGlass: 'ACCÈS D’URGENCE : ouvert sans votre code.',
    reason: 'Motif donné',
    when: 'Date',
    colon: ' : ',
  },
  en: {
    title: 'Who opened your key',
    intro: 'Every time your record is opened, it is written on your key. The most recent comes first.',
    none: 'Nobody has opened your record yet, at this kiosk or another.',
    failed: 'The access log on your key could not be read. Your record above can still be read.',
    unreadable: (n) =>
      `${n} line(s) of the log could not be read (key pulled out while writing, or damaged).`,
    profession: {
      doctor: 'doctor',
      pharmacist: 'pharmacist',
      midwife: 'midwife',
      nurse: 'nurse',
      technician: 'technician',
    },
    opened: (who, profession, site) => `${who} (${profession}) opened your record at ${site}.`,
    part: { emergency: 'Part seen: the emergency summary.', full: 'Part seen: the whole record.' },
    withCode: 'Opened with your code.',
    breakGlass: 'EMERGENCY ACCESS: opened without your code.',
    reason: 'Reason given',
    when: 'Date',
    colon: ': ',
  },
  de: {
    title: 'Wer Ihren Stick geöffnet hat',
    intro: 'Jedes Öffnen Ihrer Akte wird auf Ihrem Stick vermerkt. Das neueste steht oben.',
    none: 'Noch niemand hat Ihre Akte geöffnet, weder an diesem noch an einem anderen Kiosk.',
    failed:
      'Das Zugriffsprotokoll auf Ihrem Stick konnte nicht gelesen werden. Ihre Akte oben bleibt lesbar.',
    unreadable: (n) =>
      `${n} Zeile(n) des Protokolls konnten nicht gelesen werden (Stick beim Schreiben abgezogen oder beschädigt).`,
    profession: {
      doctor: 'Arzt/Ärztin',
      pharmacist: 'Apotheker/in',
      midwife: 'Hebamme',
      nurse: 'Pflegefachkraft',
      technician: 'Techniker/in',
    },
    opened: (who, profession, site) => `${who} (${profession}) hat Ihre Akte geöffnet, Ort: ${site}.`,
    part: { emergency: 'Gesehener Teil: die Notfalldaten.', full: 'Gesehener Teil: die ganze Akte.' },
    withCode: 'Mit Ihrem Code geöffnet.',
    breakGlass: 'NOTFALLZUGRIFF: ohne Ihren Code geöffnet.',
    reason: 'Angegebener Grund',
    when: 'Datum',
    colon: ': ',
  },
  es: {
    title: 'Quién ha abierto su llave',
    intro: 'Cada vez que se abre su historia, queda anotado en su llave. La más reciente aparece primero.',
    none: 'Nadie ha abierto todavía su historia, ni en este quiosco ni en otro.',
    failed:
      'No se ha podido leer el registro de accesos de su llave. Su historia sigue siendo legible arriba.',
    unreadable: (n) =>
      `No se ha podido leer ${n} línea(s) del registro (llave retirada durante la escritura, o dañada).`,
    profession: {
      doctor: 'médico/a',
      pharmacist: 'farmacéutico/a',
      midwife: 'matrona',
      nurse: 'enfermero/a',
      technician: 'técnico/a',
    },
    opened: (who, profession, site) => `${who} (${profession}) abrió su historia en ${site}.`,
    part: { emergency: 'Parte vista: el resumen de urgencia.', full: 'Parte vista: toda la historia.' },
    withCode: 'Abierta con su código.',
    breakGlass: 'ACCESO DE EMERGENCIA: abierta sin su código.',
    reason: 'Motivo indicado',
    when: 'Fecha',
    colon: ': ',
  },
  it: {
    title: 'Chi ha aperto la vostra chiavetta',
    intro: 'Ogni apertura della vostra cartella viene annotata sulla chiavetta. La più recente è in alto.',
    none: 'Nessuno ha ancora aperto la vostra cartella, né in questo chiosco né in un altro.',
    failed:
      'Il registro degli accessi della chiavetta non è leggibile. La vostra cartella qui sopra resta leggibile.',
    unreadable: (n) =>
      `${n} riga/e del registro non sono leggibili (chiavetta tolta durante la scrittura, o danneggiata).`,
    profession: {
      doctor: 'medico',
      pharmacist: 'farmacista',
      midwife: 'ostetrica/o',
      nurse: 'infermiere/a',
      technician: 'tecnico',
    },
    opened: (who, profession, site) => `${who} (${profession}) ha aperto la vostra cartella presso ${site}.`,
    part: { emergency: 'Parte vista: il riepilogo di emergenza.', full: 'Parte vista: tutta la cartella.' },
    withCode: 'Aperta con il vostro codice.',
    breakGlass: 'ACCESSO DI EMERGENZA: aperta senza il vostro codice.',
    reason: 'Motivo indicato',
    when: 'Data',
    colon: ': ',
  },
};

/** "3 décembre 2026, 14:05" in the reader's language and the kiosk's time zone. */
export function accessDate(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

/** The lines that tell one opening, in order: date, who and where, which part, how (and why). */
export function accessLines(entry: PatientAccessEntry, language: Language, timeZone?: string): string[] {
  const w = ACCESS_LOG_WORDS[language];
  const lines = [
    `${w.when} : ${accessDate(entry.when, language, timeZone)}`.replace(
      ' : ',
      language === 'fr' ? ' : ' : ': ',
    ),
    w.opened(entry.name, w.profession[entry.profession], entry.site),
    w.part[entry.tier],
  ];
  if (entry.breakGlassReason === undefined) lines.push(w.withCode);
  else lines.push(w.breakGlass, `${w.reason}${w.colon}${entry.breakGlassReason}`);
  return lines;
}
