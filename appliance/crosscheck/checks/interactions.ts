/**
 * A small, reviewable table of well-known severe interactions, with the level of the ANSM
 * "Thésaurus des interactions médicamenteuses". NOT EXHAUSTIVE: it covers the rows listed here
 * only, and every level must be checked against the thesaurus in force before clinical use
 * (docs/crosscheck.md, "Interaction table").
 */
import type { ClassId } from './classes.ts';
import { substanceKey } from './vocabulary.ts';

export type InteractionLevel = 'contre-indication' | 'association-deconseillee' | 'precaution-emploi';

export interface InteractionSide {
  readonly classes?: readonly ClassId[];
  readonly substances?: readonly string[];
  /** Substance keys excluded from this side (e.g. aspirin has its own row). */
  readonly except?: readonly string[];
}

export interface InteractionRule {
  readonly id: string;
  readonly a: InteractionSide;
  readonly b: InteractionSide;
  readonly level: InteractionLevel;
  readonly risk: { readonly fr: string; readonly en: string };
  /** Conditions under which the level applies, when the thesaurus grades by dose or context. */
  readonly condition?: { readonly fr: string; readonly en: string };
  readonly source: string;
}

const THESAURUS = 'ANSM, Thésaurus des interactions médicamenteuses';
const ASPIRIN = substanceKey('acide acétylsalicylique');

const keys = (...names: string[]): string[] => names.map(substanceKey);

export const INTERACTIONS: readonly InteractionRule[] = [
  {
    id: 'anticoagulant-aspirin',
    a: { classes: ['oral-anticoagulants'] },
    b: { substances: [ASPIRIN] },
    level: 'contre-indication',
    risk: { fr: 'majoration du risque hémorragique', en: 'increased bleeding risk' },
    condition: {
      fr: "contre-indiqué aux doses anti-inflammatoires (≥ 1 g par prise et/ou ≥ 3 g par jour) et aux doses antalgiques en cas d'antécédent d'ulcère ; déconseillé aux doses antalgiques ; précaution d'emploi aux doses antiagrégantes",
      en: 'contraindicated at anti-inflammatory doses (≥ 1 g per dose and/or ≥ 3 g a day) and at analgesic doses with a history of peptic ulcer; not recommended at analgesic doses; precaution at antiplatelet doses',
    },
    source: THESAURUS,
  },
  {
    id: 'anticoagulant-nsaid',
    a: { classes: ['oral-anticoagulants'] },
    b: { classes: ['nsaids'], except: [ASPIRIN] },
    level: 'association-deconseillee',
    risk: { fr: 'majoration du risque hémorragique', en: 'increased bleeding risk' },
    source: THESAURUS,
  },
  {
    id: 'nsaid-nsaid',
    a: { classes: ['nsaids'] },
    b: { classes: ['nsaids'] },
    level: 'association-deconseillee',
    risk: {
      fr: 'majoration du risque ulcérogène et hémorragique digestif',
      en: 'increased risk of gastrointestinal ulcer and bleeding',
    },
    condition: {
      fr: "l'aspirine à dose antiagrégante (50 à 375 mg par jour) relève d'un niveau moindre",
      en: 'aspirin at antiplatelet doses (50 to 375 mg a day) carries a lower level',
    },
    source: THESAURUS,
  },
  {
    id: 'methotrexate-nsaid',
    a: { substances: keys('méthotrexate') },
    b: { classes: ['nsaids'] },
    level: 'association-deconseillee',
    risk: {
      fr: 'majoration de la toxicité hématologique du méthotrexate',
      en: 'increased haematological toxicity of methotrexate',
    },
    condition: {
      fr: "déconseillé avec le méthotrexate > 20 mg par semaine (contre-indiqué avec l'aspirine à ces doses) ; précaution d'emploi ≤ 20 mg par semaine",
      en: 'not recommended with methotrexate > 20 mg a week (contraindicated with aspirin at those doses); precaution at ≤ 20 mg a week',
    },
    source: THESAURUS,
  },
  {
    id: 'methotrexate-cotrimoxazole',
    a: { substances: keys('méthotrexate') },
    b: { substances: keys('triméthoprime', 'sulfaméthoxazole') },
    level: 'association-deconseillee',
    risk: {
      fr: 'majoration de la toxicité hématologique du méthotrexate',
      en: 'increased haematological toxicity of methotrexate',
    },
    source: THESAURUS,
  },
  {
    id: 'triptan-maoi',
    a: { substances: keys('sumatriptan', 'rizatriptan', 'zolmitriptan', 'almotriptan') },
    b: { substances: keys('iproniazide', 'moclobémide', 'linézolide', 'bleu de méthylène') },
    level: 'contre-indication',
    risk: {
      fr: "risque d'hypertension artérielle et de vasoconstriction coronaire",
      en: 'risk of hypertension and coronary vasoconstriction',
    },
    source: THESAURUS,
  },
  {
    id: 'pde5-nitrate',
    a: { classes: ['pde5-inhibitors'] },
    b: { classes: ['nitrates'] },
    level: 'contre-indication',
    risk: {
      fr: "risque d'hypotension grave, voire de syncope",
      en: 'risk of severe hypotension and syncope',
    },
    source: THESAURUS,
  },
  {
    id: 'potassium-sparing-potassium',
    a: { classes: ['potassium-sparing-diuretics'] },
    b: { classes: ['potassium-salts'] },
    level: 'contre-indication',
    risk: { fr: 'hyperkaliémie potentiellement létale', en: 'potentially lethal hyperkalaemia' },
    condition: { fr: "sauf en cas d'hypokaliémie", en: 'except in hypokalaemia' },
    source: THESAURUS,
  },
  {
    id: 'simvastatin-cyp3a4',
    a: { substances: keys('simvastatine') },
    b: {
      substances: keys(
        'clarithromycine',
        'érythromycine',
        'télithromycine',
        'itraconazole',
        'kétoconazole',
        'posaconazole',
        'voriconazole',
      ),
    },
    level: 'contre-indication',
    risk: {
      fr: "risque majoré d'effets indésirables musculaires (rhabdomyolyse)",
      en: 'increased risk of muscle toxicity (rhabdomyolysis)',
    },
    source: THESAURUS,
  },
  {
    id: 'colchicine-macrolide',
    a: { substances: keys('colchicine') },
    b: { classes: ['macrolides'], except: keys('spiramycine') },
    level: 'contre-indication',
    risk: {
      fr: 'augmentation des effets indésirables de la colchicine, aux conséquences potentiellement fatales',
      en: 'increased colchicine toxicity, potentially fatal',
    },
    source: THESAURUS,
  },
];

/** Every substance key named by the table (so free text can be read for them). */
export function interactionKeys(): string[] {
  return INTERACTIONS.flatMap((r) => [...(r.a.substances ?? []), ...(r.b.substances ?? [])]);
}
