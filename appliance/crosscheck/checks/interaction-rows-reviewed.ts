/**
 * Interaction rows checked one by one against the edition in interaction-source.ts (entry text
 * and level read in the thesaurus: see docs/crosscheck.md, "Interaction table").
 */
import {
  byAspirinDose,
  byMethotrexateDose,
  type InteractionRule,
  type InteractionSide,
} from './interactions.ts';
import { RISK } from './interaction-risks.ts';
import { substanceKey } from './vocabulary.ts';

const keys = (...names: string[]): string[] => names.map(substanceKey);
const ASPIRIN: InteractionSide = { substances: keys('acide acétylsalicylique') };
const METHOTREXATE: InteractionSide = { substances: keys('méthotrexate') };
const NSAIDS: InteractionSide = { classes: ['nsaids'], except: keys('acide acétylsalicylique') };
const VKA: InteractionSide = { classes: ['vitamin-k-antagonists'] };
const STATINS: InteractionSide = { classes: ['statins'] };
const METHADONE: InteractionSide = { substances: keys('méthadone') };
const ST_JOHNS_WORT: InteractionSide = { substances: keys('millepertuis') };
const CI = 'contre-indication' as const;
const ASDEC = 'association-deconseillee' as const;
const PE = 'precaution-emploi' as const;
const APEC = 'a-prendre-en-compte' as const;

const ASPIRIN_DOSES = {
  fr: 'doses antiagrégantes : 50 à 375 mg par jour ; antalgiques : ≥ 500 mg par prise et < 3 g par jour ; anti-inflammatoires : ≥ 1 g par prise et/ou ≥ 3 g par jour',
  en: 'antiplatelet doses: 50 to 375 mg a day; analgesic: ≥ 500 mg a dose and < 3 g a day; anti-inflammatory: ≥ 1 g a dose and/or ≥ 3 g a day',
};

export const REVIEWED_ROWS: readonly InteractionRule[] = [
  {
    id: 'anticoagulant-aspirin',
    a: { classes: ['oral-anticoagulants'] },
    b: ASPIRIN,
    level: CI,
    byDose: byAspirinDose(APEC, CI),
    risk: RISK.bleeding,
    condition: {
      fr: `contre-indication aux doses anti-inflammatoires, et aux doses antalgiques en cas d'antécédent d'ulcère gastro-duodénal ; déconseillée aux doses antalgiques sans antécédent d'ulcère, et aux doses antiagrégantes avec antécédent d'ulcère ; à prendre en compte aux doses antiagrégantes (${ASPIRIN_DOSES.fr})`,
      en: `contraindicated at anti-inflammatory doses, and at analgesic doses with a history of peptic ulcer; not recommended at analgesic doses without ulcer history, and at antiplatelet doses with ulcer history; to be taken into account at antiplatelet doses (${ASPIRIN_DOSES.en})`,
    },
    entry: 'ACIDE ACETYLSALICYLIQUE + ANTICOAGULANTS ORAUX',
    reviewed: true,
  },
  {
    id: 'aspirin-nsaid',
    a: ASPIRIN,
    b: NSAIDS,
    level: ASDEC,
    byDose: byAspirinDose(APEC, ASDEC),
    risk: RISK.ulcerBleeding,
    condition: {
      fr: `déconseillée aux doses antalgiques ou anti-inflammatoires d'aspirine ; à prendre en compte aux doses antiagrégantes (${ASPIRIN_DOSES.fr})`,
      en: `not recommended at analgesic or anti-inflammatory aspirin doses; to be taken into account at antiplatelet doses (${ASPIRIN_DOSES.en})`,
    },
    entry: 'ACIDE ACETYLSALICYLIQUE + ANTI-INFLAMMATOIRES NON STÉROÏDIENS',
    reviewed: true,
  },
  {
    id: 'methotrexate-aspirin',
    a: METHOTREXATE,
    b: ASPIRIN,
    level: CI,
    byDose: (d) => {
      const higherAspirin = d.aspirin !== 'antiplatelet';
      if (d.methotrexate === 'up-to-20-mg-week') return higherAspirin ? PE : null;
      return higherAspirin ? CI : PE;
    },
    risk: RISK.methotrexateToxicity,
    condition: {
      fr: "méthotrexate > 20 mg par semaine : contre-indication avec l'aspirine aux doses antalgiques ou anti-inflammatoires, précaution d'emploi aux doses antiagrégantes ; méthotrexate ≤ 20 mg par semaine : précaution d'emploi aux doses antalgiques ou anti-inflammatoires",
      en: 'methotrexate > 20 mg a week: contraindicated with analgesic or anti-inflammatory aspirin doses, precaution at antiplatelet doses; methotrexate ≤ 20 mg a week: precaution at analgesic or anti-inflammatory doses',
    },
    entry: 'ACIDE ACETYLSALICYLIQUE + METHOTREXATE',
    reviewed: true,
  },
  ...(
    [
      ['aspirin-clopidogrel', 'clopidogrel', 'CLOPIDOGREL'],
      ['aspirin-ticagrelor', 'ticagrelor', 'TICAGRELOR'],
    ] as const
  ).map(([id, name, entry]): InteractionRule => ({
    id,
    a: ASPIRIN,
    b: { substances: keys(name) },
    level: ASDEC,
    risk: RISK.antiplateletBleeding,
    condition: {
      fr: "déconseillée en dehors des indications validées de l'association dans les syndromes coronariens aigus ; précaution d'emploi dans ces indications",
      en: 'not recommended outside the validated indications of the combination in acute coronary syndromes; precaution within them',
    },
    entry: `ACIDE ACETYLSALICYLIQUE + ${entry}`,
    reviewed: true,
  })),
  {
    id: 'aspirin-ticlopidine',
    a: ASPIRIN,
    b: { substances: keys('ticlopidine') },
    level: ASDEC,
    risk: RISK.antiplateletBleeding,
    entry: 'ACIDE ACETYLSALICYLIQUE + TICLOPIDINE',
    reviewed: true,
  },
  {
    id: 'aspirin-acetazolamide',
    a: ASPIRIN,
    b: { substances: keys('acétazolamide') },
    level: ASDEC,
    risk: RISK.acidosis,
    entry: 'ACIDE ACETYLSALICYLIQUE + ACETAZOLAMIDE',
    reviewed: true,
  },
  {
    id: 'aspirin-nicorandil',
    a: ASPIRIN,
    b: { substances: keys('nicorandil') },
    level: ASDEC,
    risk: RISK.ulcerBleeding,
    entry: 'ACIDE ACETYLSALICYLIQUE + NICORANDIL',
    reviewed: true,
  },
  {
    id: 'aspirin-probenecid',
    a: ASPIRIN,
    b: { substances: keys('probénécide') },
    level: ASDEC,
    risk: RISK.lessUricosuric,
    entry: 'ACIDE ACETYLSALICYLIQUE + PROBENECIDE',
    reviewed: true,
  },
  {
    id: 'aspirin-heparin',
    a: ASPIRIN,
    b: { classes: ['heparins'] },
    level: ASDEC,
    byDose: byAspirinDose(APEC, ASDEC),
    risk: RISK.bleeding,
    condition: {
      fr: `héparines à doses curatives et/ou sujet âgé : déconseillée aux doses antalgiques ou anti-inflammatoires d'aspirine, à prendre en compte aux doses antiagrégantes ; héparines à doses préventives : à prendre en compte (${ASPIRIN_DOSES.fr})`,
      en: `heparins at curative doses and/or elderly patient: not recommended at analgesic or anti-inflammatory aspirin doses, to be taken into account at antiplatelet doses; preventive heparin doses: to be taken into account (${ASPIRIN_DOSES.en})`,
    },
    entry: 'ACIDE ACETYLSALICYLIQUE + HÉPARINES (DOSES CURATIVES ET/OU SUJET ÂGÉ)',
    reviewed: true,
  },
  {
    id: 'methotrexate-nsaid',
    a: METHOTREXATE,
    b: NSAIDS,
    level: ASDEC,
    byDose: byMethotrexateDose(PE, ASDEC),
    risk: RISK.methotrexateToxicity,
    condition: {
      fr: "déconseillée avec le méthotrexate > 20 mg par semaine ; précaution d'emploi ≤ 20 mg par semaine",
      en: 'not recommended with methotrexate > 20 mg a week; precaution at ≤ 20 mg a week',
    },
    entry: 'METHOTREXATE + ANTI-INFLAMMATOIRES NON STÉROÏDIENS',
    reviewed: true,
  },
  {
    id: 'methotrexate-ppi',
    a: METHOTREXATE,
    b: { classes: ['proton-pump-inhibitors'] },
    level: ASDEC,
    byDose: byMethotrexateDose(APEC, ASDEC),
    risk: RISK.methotrexateToxicity,
    condition: {
      fr: 'déconseillée avec le méthotrexate > 20 mg par semaine ; à prendre en compte aux doses inférieures',
      en: 'not recommended with methotrexate > 20 mg a week; to be taken into account at lower doses',
    },
    entry: 'METHOTREXATE + ANTISÉCRÉTOIRES INHIBITEURS DE LA POMPE À PROTONS',
    reviewed: true,
  },
  ...(
    [
      ['methotrexate-ciprofloxacin', { substances: keys('ciprofloxacine') }, ASDEC, 'CIPROFLOXACINE'],
      ['methotrexate-penicillin', { classes: ['penicillins'] }, ASDEC, 'PÉNICILLINES'],
      ['methotrexate-probenecid', { substances: keys('probénécide') }, CI, 'PROBENECIDE'],
      ['methotrexate-trimethoprim', { substances: keys('triméthoprime') }, CI, 'TRIMETHOPRIME'],
      ['methotrexate-sulfonamide', { classes: ['sulfonamide-antibiotics'] }, PE, 'SULFAMIDES ANTIBACTÉRIENS'],
      ['methotrexate-acitretin', { substances: keys('acitrétine') }, CI, 'ACITRETINE'],
    ] as const
  ).map(([id, b, level, entry]): InteractionRule => ({
    id,
    a: METHOTREXATE,
    b,
    level,
    risk: id === 'methotrexate-acitretin' ? RISK.methotrexateLiver : RISK.methotrexateToxicity,
    entry: `METHOTREXATE + ${entry}`,
    reviewed: true,
  })),
  {
    id: 'vka-miconazole',
    a: VKA,
    b: { substances: keys('miconazole') },
    level: CI,
    risk: RISK.unpredictableBleeding,
    condition: { fr: 'toutes formes, y compris le gel buccal', en: 'every form, oral gel included' },
    entry: 'ANTIVITAMINES K + MICONAZOLE',
    reviewed: true,
  },
  {
    id: 'vka-st-johns-wort',
    a: VKA,
    b: ST_JOHNS_WORT,
    level: CI,
    risk: RISK.lessVka,
    entry: 'ANTIVITAMINES K + MILLEPERTUIS',
    reviewed: true,
  },
  {
    id: 'vka-noscapine',
    a: VKA,
    b: { substances: keys('noscapine') },
    level: ASDEC,
    risk: RISK.moreVka,
    entry: 'ANTIVITAMINES K + NOSCAPINE',
    reviewed: true,
  },
  {
    id: 'vka-macrolide',
    a: VKA,
    b: { classes: ['macrolides'], except: keys('spiramycine') },
    level: PE,
    risk: RISK.moreVka,
    condition: { fr: "contrôle plus fréquent de l'INR", en: 'check the INR more often' },
    entry: 'ANTIVITAMINES K + MACROLIDES (SAUF SPIRAMYCINE)',
    reviewed: true,
  },
  {
    id: 'statin-fusidic-acid',
    a: STATINS,
    b: { substances: keys('acide fusidique') },
    level: CI,
    risk: RISK.rhabdomyolysis,
    entry: "ACIDE FUSIDIQUE + INHIBITEURS DE L'HMG-COA RÉDUCTASE (STATINES)",
    reviewed: true,
  },
  {
    id: 'simvastatin-gemfibrozil',
    a: { substances: keys('simvastatine') },
    b: { substances: keys('gemfibrozil') },
    level: CI,
    risk: RISK.rhabdomyolysis,
    entry: "INHIBITEURS DE L'HMG-COA RÉDUCTASE (STATINES) + FIBRATES",
    reviewed: true,
  },
  {
    id: 'statin-fibrate',
    a: STATINS,
    b: { classes: ['fibrates'] },
    level: ASDEC,
    risk: RISK.rhabdomyolysis,
    condition: {
      fr: 'contre-indication entre gemfibrozil et simvastatine, et avec la rosuvastatine 40 mg',
      en: 'contraindicated for gemfibrozil with simvastatin, and with rosuvastatin 40 mg',
    },
    entry: "INHIBITEURS DE L'HMG-COA RÉDUCTASE (STATINES) + FIBRATES",
    reviewed: true,
  },
  {
    id: 'statin-daptomycin',
    a: STATINS,
    b: { substances: keys('daptomycine') },
    level: ASDEC,
    risk: RISK.rhabdomyolysis,
    entry: "INHIBITEURS DE L'HMG-COA RÉDUCTASE (STATINES) + DAPTOMYCINE",
    reviewed: true,
  },
  {
    id: 'methadone-qt-ci',
    a: METHADONE,
    b: { substances: keys('citalopram', 'escitalopram', 'dompéridone', 'hydroxyzine', 'pipéraquine') },
    level: CI,
    risk: RISK.torsades,
    entry: 'METHADONE + SUBSTANCES SUSCEPTIBLES DE DONNER DES TORSADES DE POINTES',
    reviewed: true,
  },
  {
    id: 'methadone-qt',
    a: METHADONE,
    b: {
      classes: ['torsadogenic'],
      except: keys('méthadone', 'citalopram', 'escitalopram', 'dompéridone', 'hydroxyzine', 'pipéraquine'),
    },
    level: ASDEC,
    risk: RISK.torsades,
    entry: 'METHADONE + SUBSTANCES SUSCEPTIBLES DE DONNER DES TORSADES DE POINTES',
    reviewed: true,
  },
  {
    id: 'methadone-agonist-antagonist',
    a: METHADONE,
    b: { classes: ['opioid-agonist-antagonists'] },
    level: CI,
    risk: RISK.lessMethadone,
    entry: 'METHADONE + MORPHINIQUES AGONISTES-ANTAGONISTES',
    reviewed: true,
  },
  {
    id: 'methadone-st-johns-wort',
    a: METHADONE,
    b: ST_JOHNS_WORT,
    level: CI,
    risk: RISK.withdrawal,
    entry: 'METHADONE + MILLEPERTUIS',
    reviewed: true,
  },
];
