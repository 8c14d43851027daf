/**
 * Entries "ANTI-INFLAMMATOIRES NON STÉROÏDIENS + …" (aspirin excepted: its own entries are in
 * interaction-rows-reviewed.ts) and other bleeding-risk entries, checked against the edition in
 * interaction-source.ts.
 */
import type { InteractionRule, InteractionSide } from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const NSAIDS: InteractionSide = { classes: ['nsaids'], except: [substanceKey('acide acétylsalicylique')] };
const ENTRY = 'ANTI-INFLAMMATOIRES NON STÉROÏDIENS';
const ASDEC = 'association-deconseillee' as const;

export const NSAID_ROWS: readonly InteractionRule[] = [
  {
    id: 'nsaid-nsaid',
    a: NSAIDS,
    b: NSAIDS,
    level: ASDEC,
    risk: RISK.ulcerBleeding,
    entry: `${ENTRY} + AUTRES ANTI-INFLAMMATOIRES NON STÉROÏDIENS`,
    reviewed: true,
  },
  {
    id: 'anticoagulant-nsaid',
    a: NSAIDS,
    b: { classes: ['oral-anticoagulants'] },
    level: ASDEC,
    risk: RISK.bleeding,
    entry: `${ENTRY} + ANTICOAGULANTS ORAUX`,
    reviewed: true,
  },
  {
    id: 'lithium-nsaid',
    a: NSAIDS,
    b: { substances: [substanceKey('lithium')] },
    level: ASDEC,
    risk: RISK.lithium,
    entry: `${ENTRY} + LITHIUM`,
    reviewed: true,
  },
  {
    id: 'nsaid-heparin',
    a: NSAIDS,
    b: { classes: ['heparins'] },
    level: ASDEC,
    risk: RISK.bleeding,
    condition: {
      fr: 'héparines à doses curatives et/ou sujet âgé ; à prendre en compte aux doses préventives',
      en: 'heparins at curative doses and/or elderly patient; to be taken into account at preventive doses',
    },
    entry: `${ENTRY} + HÉPARINES (DOSES CURATIVES ET/OU SUJET ÂGÉ)`,
    reviewed: true,
  },
  {
    id: 'nsaid-nicorandil',
    a: NSAIDS,
    b: { substances: [substanceKey('nicorandil')] },
    level: ASDEC,
    risk: RISK.ulcerBleeding,
    entry: `${ENTRY} + NICORANDIL`,
    reviewed: true,
  },
  {
    id: 'antiplatelet-anticoagulant',
    a: { classes: ['p2y12-antiplatelets'] },
    b: { classes: ['oral-anticoagulants'] },
    level: 'a-prendre-en-compte',
    risk: RISK.bleeding,
    entry: 'ANTIAGRÉGANTS PLAQUETTAIRES + ANTICOAGULANTS ORAUX',
    reviewed: true,
  },
  {
    id: 'inducer-apixaban',
    a: {
      substances: ['carbamazépine', 'fosphénytoïne', 'phénobarbital', 'phénytoïne', 'primidone'].map(
        substanceKey,
      ),
    },
    b: { substances: [substanceKey('apixaban')] },
    level: ASDEC,
    risk: RISK.lessApixaban,
    entry: 'ANTICONVULSIVANTS INDUCTEURS ENZYMATIQUES + APIXABAN',
    reviewed: true,
  },
];
