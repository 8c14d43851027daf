/**
 * Names of the commonest coded allergy substances and classes, critical conditions and IPS
 * "absent / unknown" statements in the five kiosk languages (issue 19), shown beside the authored
 * text, never instead of it.
 *
 * Sources and licences: the codes are SNOMED CT concept ids (http://snomed.info/sct) and the IPS
 * absent-unknown code system (HL7 IPS IG, CC0). Only the identifiers are used: every name below
 * is our own translation of the concept, written for Baladeur (no SNOMED CT description or
 * national edition text is copied), reviewed as HZ-19 in docs/clinical-safety.md.
 */
import type { Language } from '../languages.ts';

type Words = Readonly<Record<Language, string>>;
const w = (fr: string, en: string, de: string, es: string, it: string): Words => ({ fr, en, de, es, it });

export const SNOMED = 'http://snomed.info/sct';
export const IPS_ABSENT_UNKNOWN = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

const SNOMED_CONCEPTS: Readonly<Record<string, Words>> = {
  // Allergy statements and substances
  '716186003': w(
    'aucune allergie connue',
    'no known allergy',
    'keine bekannte Allergie',
    'sin alergias conocidas',
    'nessuna allergia nota',
  ),
  '409137002': w(
    'aucune allergie médicamenteuse connue',
    'no known drug allergy',
    'keine bekannte Arzneimittelallergie',
    'sin alergias conocidas a medicamentos',
    'nessuna allergia nota a farmaci',
  ),
  '429625007': w(
    'aucune allergie alimentaire connue',
    'no known food allergy',
    'keine bekannte Nahrungsmittelallergie',
    'sin alergias alimentarias conocidas',
    'nessuna allergia alimentare nota',
  ),
  '373270004': w('pénicillines', 'penicillins', 'Penicilline', 'penicilinas', 'penicilline'),
  '764146007': w('pénicilline', 'penicillin', 'Penicillin', 'penicilina', 'penicillina'),
  '387517004': w('paracétamol', 'paracetamol', 'Paracetamol', 'paracetamol', 'paracetamolo'),
  '387207008': w('ibuprofène', 'ibuprofen', 'Ibuprofen', 'ibuprofeno', 'ibuprofene'),
  '387458008': w(
    'aspirine',
    'aspirin',
    'Acetylsalicylsäure',
    'ácido acetilsalicílico',
    'acido acetilsalicilico',
  ),
  '111088007': w('latex', 'latex', 'Latex', 'látex', 'lattice'),
  // Critical and common conditions
  '38341003': w(
    'hypertension artérielle',
    'high blood pressure',
    'Bluthochdruck',
    'hipertensión arterial',
    'ipertensione arteriosa',
  ),
  '73211009': w('diabète', 'diabetes', 'Diabetes mellitus', 'diabetes', 'diabete'),
  '44054006': w(
    'diabète de type 2',
    'type 2 diabetes',
    'Diabetes mellitus Typ 2',
    'diabetes tipo 2',
    'diabete di tipo 2',
  ),
  '46635009': w(
    'diabète de type 1',
    'type 1 diabetes',
    'Diabetes mellitus Typ 1',
    'diabetes tipo 1',
    'diabete di tipo 1',
  ),
  '84114007': w(
    'insuffisance cardiaque',
    'heart failure',
    'Herzinsuffizienz',
    'insuficiencia cardiaca',
    'insufficienza cardiaca',
  ),
  '49436004': w(
    'fibrillation auriculaire',
    'atrial fibrillation',
    'Vorhofflimmern',
    'fibrilación auricular',
    'fibrillazione atriale',
  ),
  '22298006': w(
    'infarctus du myocarde',
    'heart attack',
    'Herzinfarkt',
    'infarto de miocardio',
    'infarto del miocardio',
  ),
  '230690007': w('accident vasculaire cérébral', 'stroke', 'Schlaganfall', 'ictus', 'ictus'),
  '84757009': w('épilepsie', 'epilepsy', 'Epilepsie', 'epilepsia', 'epilessia'),
  '195967001': w('asthme', 'asthma', 'Asthma', 'asma', 'asma'),
  '13645005': w(
    'bronchopneumopathie chronique obstructive',
    'chronic obstructive lung disease',
    'chronisch obstruktive Lungenerkrankung',
    'enfermedad pulmonar obstructiva crónica',
    'broncopneumopatia cronica ostruttiva',
  ),
  '55822004': w('hyperlipidémie', 'high blood lipids', 'Hyperlipidämie', 'hiperlipidemia', 'iperlipidemia'),
  '61582004': w(
    'rhinite allergique',
    'hay fever',
    'allergischer Schnupfen',
    'rinitis alérgica',
    'rinite allergica',
  ),
};

const IPS_CONCEPTS: Readonly<Record<string, Words>> = {
  'no-allergy-info': w(
    'pas d’information sur les allergies',
    'no information about allergies',
    'keine Angaben zu Allergien',
    'sin información sobre alergias',
    'nessuna informazione sulle allergie',
  ),
  'no-known-allergies': w(
    'aucune allergie connue',
    'no known allergies',
    'keine bekannten Allergien',
    'sin alergias conocidas',
    'nessuna allergia nota',
  ),
  'no-medication-info': w(
    'pas d’information sur les traitements',
    'no information about medication',
    'keine Angaben zur Medikation',
    'sin información sobre medicación',
    'nessuna informazione sulla terapia',
  ),
  'no-known-medications': w(
    'aucun traitement connu',
    'no known medication',
    'keine bekannte Medikation',
    'sin medicación conocida',
    'nessuna terapia nota',
  ),
  'no-problem-info': w(
    'pas d’information sur les problèmes de santé',
    'no information about health problems',
    'keine Angaben zu Gesundheitsproblemen',
    'sin información sobre problemas de salud',
    'nessuna informazione sui problemi di salute',
  ),
  'no-known-problems': w(
    'aucun problème de santé connu',
    'no known health problems',
    'keine bekannten Gesundheitsprobleme',
    'sin problemas de salud conocidos',
    'nessun problema di salute noto',
  ),
  'no-device-info': w(
    'pas d’information sur les dispositifs',
    'no information about devices',
    'keine Angaben zu Medizinprodukten',
    'sin información sobre dispositivos',
    'nessuna informazione sui dispositivi',
  ),
  'no-known-devices': w(
    'aucun dispositif connu',
    'no known devices',
    'keine bekannten Medizinprodukte',
    'sin dispositivos conocidos',
    'nessun dispositivo noto',
  ),
  'no-procedure-info': w(
    'pas d’information sur les interventions',
    'no information about procedures',
    'keine Angaben zu Eingriffen',
    'sin información sobre intervenciones',
    'nessuna informazione sugli interventi',
  ),
  'no-known-procedures': w(
    'aucune intervention connue',
    'no known procedures',
    'keine bekannten Eingriffe',
    'sin intervenciones conocidas',
    'nessun intervento noto',
  ),
  'no-immunization-info': w(
    'pas d’information sur les vaccinations',
    'no information about immunizations',
    'keine Angaben zu Impfungen',
    'sin información sobre vacunas',
    'nessuna informazione sulle vaccinazioni',
  ),
  'no-known-immunizations': w(
    'aucune vaccination connue',
    'no known immunizations',
    'keine bekannten Impfungen',
    'sin vacunas conocidas',
    'nessuna vaccinazione nota',
  ),
};

/**
 * The concept's name in the reader's language from the first coding this table knows, or
 * undefined. The caller shows it beside the authored text, and only when it differs from it.
 */
export function conceptWords(
  codings: readonly { readonly system?: string; readonly code?: string }[],
  language: Language,
): string | undefined {
  for (const c of codings) {
    if (c.code === undefined) continue;
    const words =
      c.system === SNOMED
        ? SNOMED_CONCEPTS[c.code]
        : c.system === IPS_ABSENT_UNKNOWN
          ? IPS_CONCEPTS[c.code]
          : undefined;
    if (words) return words[language];
  }
  return undefined;
}

/** The reader's name for a coded concept when it says something the authored text does not. */
export function conceptAid(
  authored: string,
  codings: readonly { readonly system?: string; readonly code?: string }[],
  language: Language,
): string | undefined {
  const words = conceptWords(codings, language);
  return words === undefined || words.toLocaleLowerCase() === authored.trim().toLocaleLowerCase()
    ? undefined
    : words;
}

export const CONCEPT_TABLE = { snomed: SNOMED_CONCEPTS, ips: IPS_CONCEPTS } as const;
