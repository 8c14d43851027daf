/**
 * FHIR R4 status codes in the five kiosk languages (issue 19): allergy clinical and verification
 * status, condition clinical status, medication statement/request and device status. Our own
 * wording; a code not listed is shown as its code.
 */
import type { Language } from '../languages.ts';

type Words = Readonly<Record<Language, string>>;
const w = (fr: string, en: string, de: string, es: string, it: string): Words => ({ fr, en, de, es, it });

/** AllergyIntolerance.clinicalStatus, Condition.clinicalStatus, MedicationStatement/Request.status, Device.status. */
const STATUS: Readonly<Record<string, Words>> = {
  active: w('actif', 'active', 'aktiv', 'activo', 'attivo'),
  inactive: w('inactif', 'inactive', 'inaktiv', 'inactivo', 'inattivo'),
  resolved: w('résolu', 'resolved', 'abgeklungen', 'resuelto', 'risolto'),
  recurrence: w('récidive', 'recurrence', 'Wiederauftreten', 'recurrencia', 'recidiva'),
  relapse: w('rechute', 'relapse', 'Rückfall', 'recaída', 'ricaduta'),
  remission: w('en rémission', 'in remission', 'in Remission', 'en remisión', 'in remissione'),
  completed: w('terminé', 'completed', 'abgeschlossen', 'finalizado', 'completato'),
  stopped: w('arrêté', 'stopped', 'abgesetzt', 'suspendido', 'sospeso'),
  'on-hold': w('suspendu', 'on hold', 'pausiert', 'en pausa', 'in pausa'),
  intended: w('prévu', 'intended', 'geplant', 'previsto', 'previsto'),
  'not-taken': w('non pris', 'not taken', 'nicht eingenommen', 'no tomado', 'non assunto'),
  cancelled: w('annulé', 'cancelled', 'storniert', 'cancelado', 'annullato'),
  draft: w('brouillon', 'draft', 'Entwurf', 'borrador', 'bozza'),
  'entered-in-error': w(
    'saisi par erreur',
    'entered in error',
    'irrtümlich erfasst',
    'registrado por error',
    'inserito per errore',
  ),
  unknown: w(
    'statut inconnu',
    'status unknown',
    'Status unbekannt',
    'estado desconocido',
    'stato sconosciuto',
  ),
};

/** AllergyIntolerance.verificationStatus. */
const VERIFICATION: Readonly<Record<string, Words>> = {
  unconfirmed: w('non confirmée', 'unconfirmed', 'unbestätigt', 'no confirmada', 'non confermata'),
  presumed: w('présumée', 'presumed', 'vermutet', 'presunta', 'presunta'),
  confirmed: w('confirmée', 'confirmed', 'bestätigt', 'confirmada', 'confermata'),
  refuted: w('réfutée', 'refuted', 'widerlegt', 'descartada', 'smentita'),
  'entered-in-error': w(
    'saisie par erreur',
    'entered in error',
    'irrtümlich erfasst',
    'registrada por error',
    'inserita per errore',
  ),
};

/** A clinical, medication or device status code in the reader's words (the code when unknown). */
export function statusWords(code: string | undefined, language: Language): string | undefined {
  if (code === undefined) return undefined;
  return STATUS[code]?.[language] ?? code;
}

export function verificationWords(code: string | undefined, language: Language): string | undefined {
  if (code === undefined) return undefined;
  return VERIFICATION[code]?.[language] ?? code;
}

export const STATUS_CODES: readonly string[] = Object.keys(STATUS);
export const VERIFICATION_CODES: readonly string[] = Object.keys(VERIFICATION);
