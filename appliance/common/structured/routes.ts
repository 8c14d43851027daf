/**
 * Routes of administration in the five kiosk languages, by code (issue 19).
 *
 * Codes: EDQM Standard Terms (http://standardterms.edqm.eu) and, for the same concepts, the EMA
 * SPOR RMS ids that some national records use instead (e.g. Austria's ELGA: 100000073619 for oral
 * use, as in the MyHealth@EU ↔ EMA RMS mapping). Only the codes are taken from those sources; the
 * words are our own translations, written for Baladeur and reviewed in docs/clinical-safety.md
 * (HZ-19). A code not in this table is shown as authored.
 */
import type { Language } from '../languages.ts';

type Words = Readonly<Record<Language, string>>;
const w = (fr: string, en: string, de: string, es: string, it: string): Words => ({ fr, en, de, es, it });

export const EDQM_SYSTEMS: readonly string[] = [
  'http://standardterms.edqm.eu',
  'https://standardterms.edqm.eu',
  'urn:oid:0.4.0.127.0.16.1.1.2.1',
];
export const SPOR_RMS_ROUTE_SYSTEMS: readonly string[] = [
  'https://spor.ema.europa.eu/v1/lists/100000073345',
  'https://spor.ema.europa.eu/rmswi/#/lists/100000073345',
  // ELGA's route list (Austria) carries the RMS ids.
  'urn:oid:1.2.40.0.10.1.4.3.4.3.4',
];

interface RouteRow {
  readonly edqm: string;
  readonly rms?: string;
  readonly words: Words;
}

const ROUTES: readonly RouteRow[] = [
  {
    edqm: '20053000',
    rms: '100000073619',
    words: w('voie orale', 'oral use', 'zum Einnehmen', 'vía oral', 'uso orale'),
  },
  {
    edqm: '20045000',
    words: w(
      'voie intraveineuse',
      'intravenous use',
      'intravenöse Anwendung',
      'vía intravenosa',
      'uso endovenoso',
    ),
  },
  {
    edqm: '20035000',
    words: w(
      'voie intramusculaire',
      'intramuscular use',
      'intramuskuläre Anwendung',
      'vía intramuscular',
      'uso intramuscolare',
    ),
  },
  {
    edqm: '20066000',
    words: w(
      'voie sous-cutanée',
      'subcutaneous use',
      'subkutane Anwendung',
      'vía subcutánea',
      'uso sottocutaneo',
    ),
  },
  {
    edqm: '20030000',
    words: w(
      'voie intradermique',
      'intradermal use',
      'intradermale Anwendung',
      'vía intradérmica',
      'uso intradermico',
    ),
  },
  {
    edqm: '20003000',
    words: w('voie cutanée', 'cutaneous use', 'Anwendung auf der Haut', 'uso cutáneo', 'uso cutaneo'),
  },
  {
    edqm: '20001000',
    words: w('voie auriculaire', 'in the ear', 'Anwendung am Ohr', 'vía ótica', 'uso auricolare'),
  },
  {
    edqm: '20002500',
    words: w('voie buccale (joue)', 'buccal use', 'buccale Anwendung', 'vía bucal', 'uso buccale'),
  },
  {
    edqm: '20061000',
    words: w('voie rectale', 'rectal use', 'rektale Anwendung', 'vía rectal', 'uso rettale'),
  },
  {
    edqm: '20067000',
    words: w(
      'voie sublinguale',
      'sublingual use',
      'sublinguale Anwendung',
      'vía sublingual',
      'uso sublinguale',
    ),
  },
  {
    edqm: '20070000',
    words: w(
      'voie transdermique',
      'transdermal use',
      'transdermale Anwendung',
      'vía transdérmica',
      'uso transdermico',
    ),
  },
  {
    edqm: '20020000',
    words: w('voie inhalée', 'inhalation use', 'zur Inhalation', 'vía inhalatoria', 'uso inalatorio'),
  },
  { edqm: '20049000', words: w('voie nasale', 'nasal use', 'nasale Anwendung', 'vía nasal', 'uso nasale') },
  {
    edqm: '20051000',
    words: w('voie ophtalmique', 'ocular use', 'Anwendung am Auge', 'vía oftálmica', 'uso oftalmico'),
  },
];

const BY_EDQM = new Map(ROUTES.map((r) => [r.edqm, r.words]));
const BY_RMS = new Map(ROUTES.filter((r) => r.rms !== undefined).map((r) => [r.rms, r.words]));

/** The route in the reader's words when a coding is one we know; else undefined (show as authored). */
export function routeWords(
  codings: readonly { readonly system?: string; readonly code?: string }[],
  language: Language,
): string | undefined {
  for (const c of codings) {
    if (c.code === undefined || c.system === undefined) continue;
    const words = EDQM_SYSTEMS.includes(c.system)
      ? BY_EDQM.get(c.code)
      : SPOR_RMS_ROUTE_SYSTEMS.includes(c.system)
        ? BY_RMS.get(c.code)
        : undefined;
    if (words) return words[language];
  }
  return undefined;
}

/** Every route row (for the review test and the docs). */
export const ROUTE_TABLE: readonly RouteRow[] = ROUTES;
