/** The risks the interaction rows name, in French (as in the thesaurus) and English. */
import type { Localised } from './interactions.ts';

const r = (fr: string, en: string): Localised => ({ fr, en });

export const RISK = {
  bleeding: r('majoration du risque hémorragique', 'increased bleeding risk'),
  unpredictableBleeding: r(
    'hémorragies imprévisibles, éventuellement graves',
    'unpredictable, possibly severe bleeding',
  ),
  antiplateletBleeding: r(
    'majoration du risque hémorragique par addition des activités antiagrégantes plaquettaires',
    'increased bleeding risk from added antiplatelet effects',
  ),
  ulcerBleeding: r(
    'majoration du risque ulcérogène et hémorragique digestif',
    'increased risk of gastrointestinal ulcer and bleeding',
  ),
  acidosis: r(
    "majoration des effets indésirables, notamment de l'acidose métabolique",
    'increased adverse effects, metabolic acidosis in particular',
  ),
  lessUricosuric: r("diminution de l'effet uricosurique", 'reduced uricosuric effect'),
  methotrexateToxicity: r(
    'majoration de la toxicité, notamment hématologique, du méthotrexate',
    'increased toxicity of methotrexate, haematological in particular',
  ),
  methotrexateLiver: r(
    "majoration de l'hépatotoxicité du méthotrexate",
    'increased liver toxicity of methotrexate',
  ),
  moreVka: r(
    "augmentation de l'effet de l'antivitamine K et du risque hémorragique",
    'increased effect of the vitamin K antagonist and bleeding risk',
  ),
  lessVka: r(
    "diminution de l'effet de l'antivitamine K, risque thrombotique",
    'reduced effect of the vitamin K antagonist, risk of thrombosis',
  ),
  rhabdomyolysis: r(
    "risque majoré d'effets indésirables musculaires (rhabdomyolyse)",
    'increased risk of muscle toxicity (rhabdomyolysis)',
  ),
  torsades: r(
    'risque majoré de troubles du rythme ventriculaire, notamment de torsades de pointes',
    'increased risk of ventricular arrhythmia, torsades de pointes in particular',
  ),
  lessMethadone: r(
    "diminution de l'effet de la méthadone (blocage compétitif des récepteurs)",
    'reduced effect of methadone (competitive receptor blockade)',
  ),
  withdrawal: r('risque de syndrome de sevrage', 'risk of withdrawal syndrome'),
  hyperkalaemia: r('hyperkaliémie potentiellement létale', 'potentially lethal hyperkalaemia'),
  lithium: r(
    'augmentation de la lithémie pouvant atteindre des valeurs toxiques',
    'lithium levels rising to toxic values',
  ),
  lessApixaban: r(
    "diminution des concentrations d'apixaban, risque de moindre effet anticoagulant",
    'lower apixaban levels, risk of a weaker anticoagulant effect',
  ),
  lessCodeine: r("risque d'inefficacité de la codéine", 'risk that codeine does not work'),
  angioedema: r("augmentation du risque d'angioedème", 'increased risk of angioedema'),
  marrow: r('insuffisance médullaire éventuellement grave', 'possibly severe bone-marrow failure'),
  hypotension: r("risque d'hypotension grave, voire de syncope", 'risk of severe hypotension and syncope'),
  serotonin: r('risque de syndrome sérotoninergique', 'risk of serotonin syndrome'),
  triptanMaoi: r(
    "risque d'hypertension artérielle et de vasoconstriction coronaire",
    'risk of hypertension and coronary vasoconstriction',
  ),
  colchicine: r(
    'augmentation des effets indésirables de la colchicine, aux conséquences potentiellement fatales',
    'increased colchicine toxicity, potentially fatal',
  ),
  ergotism: r(
    "risque d'ergotisme avec nécrose des extrémités",
    'risk of ergotism with necrosis of the extremities',
  ),
  bradycardia: r('bradycardie excessive', 'excessive bradycardia'),
  ivabradine: r(
    "augmentation des concentrations d'ivabradine et de ses effets indésirables (bradycardie)",
    'increased ivabradine levels and adverse effects (bradycardia)',
  ),
  tizanidine: r(
    'augmentation des concentrations de tizanidine, hypotension',
    'increased tizanidine levels, hypotension',
  ),
  dabigatran: r(
    'augmentation des concentrations de dabigatran, risque hémorragique',
    'increased dabigatran levels, bleeding risk',
  ),
  opioidBlock: r(
    "diminution de l'effet antalgique, risque de sevrage",
    'reduced analgesia, risk of withdrawal',
  ),
  seizures: r(
    'risque de crises convulsives (baisse du valproate)',
    'risk of seizures (valproate levels fall)',
  ),
} as const;
