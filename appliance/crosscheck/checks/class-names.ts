/** Class names for reasons, French and English. */
import type { ClassId } from './classes.ts';

export const CLASS_NAMES: Readonly<Record<ClassId, { fr: string; en: string }>> = {
  penicillins: { fr: 'pénicillines', en: 'penicillins' },
  cephalosporins: { fr: 'céphalosporines', en: 'cephalosporins' },
  carbapenems: { fr: 'carbapénèmes', en: 'carbapenems' },
  monobactams: { fr: 'monobactames', en: 'monobactams' },
  'sulfonamide-antibiotics': { fr: 'sulfamides antibactériens', en: 'sulfonamide antibiotics' },
  nsaids: { fr: 'AINS (aspirine comprise)', en: 'NSAIDs (aspirin included)' },
  opioids: { fr: 'opioïdes', en: 'opioids' },
  'iodinated-contrast': { fr: 'produits de contraste iodés', en: 'iodinated contrast media' },
  fluoroquinolones: { fr: 'fluoroquinolones', en: 'fluoroquinolones' },
  barbiturates: { fr: 'barbituriques', en: 'barbiturates' },
  'oral-anticoagulants': { fr: 'anticoagulants oraux', en: 'oral anticoagulants' },
  macrolides: { fr: 'macrolides', en: 'macrolides' },
  'azole-antifungals': { fr: 'antifongiques azolés', en: 'azole antifungals' },
  maois: { fr: 'IMAO', en: 'MAO inhibitors' },
  triptans: { fr: 'triptans', en: 'triptans' },
  'pde5-inhibitors': { fr: 'inhibiteurs de la PDE5', en: 'PDE5 inhibitors' },
  nitrates: { fr: 'dérivés nitrés', en: 'nitrates' },
  'potassium-sparing-diuretics': {
    fr: 'diurétiques épargneurs de potassium',
    en: 'potassium-sparing diuretics',
  },
  'potassium-salts': { fr: 'sels de potassium', en: 'potassium salts' },
  'vitamin-k-antagonists': { fr: 'antivitamines K', en: 'vitamin K antagonists' },
  'direct-oral-anticoagulants': { fr: 'anticoagulants oraux directs', en: 'direct oral anticoagulants' },
  'ace-inhibitors': { fr: "inhibiteurs de l'enzyme de conversion", en: 'ACE inhibitors' },
  'angiotensin-receptor-blockers': {
    fr: "antagonistes des récepteurs de l'angiotensine II",
    en: 'angiotensin II receptor blockers',
  },
  'thiazide-diuretics': {
    fr: 'diurétiques thiazidiques et apparentés',
    en: 'thiazide and related diuretics',
  },
  statins: { fr: 'statines', en: 'statins' },
  fibrates: { fr: 'fibrates', en: 'fibrates' },
  ssris: { fr: 'inhibiteurs sélectifs de la recapture de la sérotonine', en: 'SSRIs' },
  benzodiazepines: { fr: 'benzodiazépines', en: 'benzodiazepines' },
  'proton-pump-inhibitors': { fr: 'inhibiteurs de la pompe à protons', en: 'proton pump inhibitors' },
  'beta-blockers': { fr: 'bêta-bloquants', en: 'beta blockers' },
  'p2y12-antiplatelets': { fr: 'antiagrégants anti-P2Y12', en: 'P2Y12 antiplatelet drugs' },
  thiopurines: { fr: 'thiopurines', en: 'thiopurines' },
  'xanthine-oxidase-inhibitors': {
    fr: 'inhibiteurs de la xanthine oxydase',
    en: 'xanthine oxidase inhibitors',
  },
  heparins: { fr: 'héparines', en: 'heparins' },
  torsadogenic: {
    fr: 'médicaments susceptibles de donner des torsades de pointes',
    en: 'drugs that may cause torsades de pointes',
  },
  'ergot-vasoconstrictors': {
    fr: "alcaloïdes vasoconstricteurs de l'ergot de seigle",
    en: 'vasoconstrictor ergot alkaloids',
  },
  'morphine-agonists': { fr: 'morphiniques agonistes', en: 'opioid agonists' },
  'opioid-agonist-antagonists': {
    fr: 'morphiniques agonistes-antagonistes',
    en: 'opioid agonist-antagonists',
  },
};
