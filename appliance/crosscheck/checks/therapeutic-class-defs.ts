/**
 * Therapeutic classes used by duplicate therapy and by the interaction table. Membership: the
 * substances named by the ANSM thesaurus for its class entries where it lists them (edition
 * October 2020, see interaction-source.ts), WHO INN stems, and ATC groups (WHO ATC/DDD index)
 * for coded record entries. docs/crosscheck.md, "Duplicate therapy by class", gives the sources.
 */
import type { ClassDef } from './class-defs.ts';

export type TherapeuticClassId =
  | 'vitamin-k-antagonists'
  | 'direct-oral-anticoagulants'
  | 'ace-inhibitors'
  | 'angiotensin-receptor-blockers'
  | 'thiazide-diuretics'
  | 'statins'
  | 'fibrates'
  | 'ssris'
  | 'benzodiazepines'
  | 'proton-pump-inhibitors'
  | 'beta-blockers'
  | 'p2y12-antiplatelets'
  | 'thiopurines'
  | 'xanthine-oxidase-inhibitors'
  | 'heparins'
  | 'torsadogenic'
  | 'ergot-vasoconstrictors'
  | 'morphine-agonists'
  | 'opioid-agonist-antagonists';

export const THERAPEUTIC_DEFS: Readonly<Record<TherapeuticClassId, ClassDef>> = {
  'vitamin-k-antagonists': { members: ['warfarine', 'fluindione', 'acénocoumarol'], atc: ['B01AA'] },
  'direct-oral-anticoagulants': {
    members: ['apixaban', 'rivaroxaban', 'dabigatran', 'édoxaban'],
    atc: ['B01AF', 'B01AE07'],
  },
  'ace-inhibitors': { members: [], stem: { suffixes: ['pril', 'prilat'] }, atc: ['C09A', 'C09B'] },
  'angiotensin-receptor-blockers': { members: [], stem: { suffixes: ['sartan'] }, atc: ['C09C', 'C09D'] },
  'thiazide-diuretics': {
    members: [
      'hydrochlorothiazide',
      'indapamide',
      'chlortalidone',
      'ciclétanine',
      'altizide',
      'bendrofluméthiazide',
    ],
    atc: ['C03A', 'C03BA'],
  },
  statins: { members: [], stem: { suffixes: ['vastatin'] }, atc: ['C10AA'] },
  fibrates: { members: ['gemfibrozil'], stem: { suffixes: ['fibrat'] }, atc: ['C10AB'] },
  ssris: {
    members: ['fluoxétine', 'paroxétine', 'sertraline', 'citalopram', 'escitalopram', 'fluvoxamine'],
    atc: ['N06AB'],
  },
  benzodiazepines: {
    members: ['clobazam', 'clorazépate dipotassique', 'loflazépate d éthyle', 'clotiazépam'],
    stem: { suffixes: ['azepam', 'azolam'] },
    atc: ['N05BA', 'N05CD', 'N03AE01'],
  },
  'proton-pump-inhibitors': { members: [], stem: { suffixes: ['prazol'] }, atc: ['A02BC'] },
  'beta-blockers': { members: ['carvédilol', 'labétalol'], stem: { suffixes: ['olol'] }, atc: ['C07A'] },
  'p2y12-antiplatelets': {
    members: ['clopidogrel', 'prasugrel', 'ticagrelor', 'ticlopidine'],
    atc: ['B01AC04', 'B01AC22', 'B01AC24', 'B01AC05'],
  },
  thiopurines: { members: ['azathioprine', 'mercaptopurine'], atc: ['L04AX01', 'L01BB02'] },
  'xanthine-oxidase-inhibitors': { members: ['allopurinol', 'fébuxostat'], atc: ['M04AA'] },
  heparins: {
    members: ['héparine', 'énoxaparine', 'tinzaparine', 'daltéparine', 'nadroparine', 'fondaparinux'],
    atc: ['B01AB'],
  },
  // "Substances susceptibles de donner des torsades de pointes", the class list of the thesaurus
  // (October 2020) without erythromycin and vincamine, concerned only in their IV forms, and
  // cocaine; see interaction-rows-cardiac.ts for the rule between members.
  torsadogenic: {
    members: [
      'amiodarone',
      'amisulpride',
      'trioxyde d arsenic',
      'chloroquine',
      'chlorpromazine',
      'citalopram',
      'crizotinib',
      'cyamémazine',
      'disopyramide',
      'dompéridone',
      'dronédarone',
      'dropéridol',
      'escitalopram',
      'flupentixol',
      'fluphénazine',
      'halofantrine',
      'halopéridol',
      'hydroquinidine',
      'hydroxychloroquine',
      'hydroxyzine',
      'lévomépromazine',
      'luméfantrine',
      'méquitazine',
      'méthadone',
      'moxifloxacine',
      'pentamidine',
      'pimozide',
      'pipampérone',
      'pipéraquine',
      'pipotiazine',
      'quinidine',
      'sotalol',
      'spiramycine',
      'sulpiride',
      'tiapride',
      'torémifène',
      'vandétanib',
      'zuclopenthixol',
    ],
  },
  'ergot-vasoconstrictors': {
    members: ['dihydroergotamine', 'ergotamine', 'méthylergométrine', 'méthysergide'],
  },
  'morphine-agonists': {
    members: [
      'morphine',
      'codéine',
      'dihydrocodéine',
      'tramadol',
      'oxycodone',
      'hydromorphone',
      'fentanyl',
      'tapentadol',
      'méthadone',
      'péthidine',
      'sufentanil',
      'alfentanil',
      'rémifentanil',
      'opium',
    ],
    atc: ['N02AA', 'N02AB', 'N02AJ'],
  },
  'opioid-agonist-antagonists': {
    members: ['buprénorphine', 'nalbuphine', 'pentazocine'],
    atc: ['N02AE', 'N02AF'],
  },
};

/**
 * Classes checked for duplicate therapy (two members at once), with the finding's severity:
 * high where a second member is a known hazard in itself (two anticoagulants), moderate otherwise.
 * NSAIDs are graded by the interaction table (aspirin by dose), not here.
 */
export const DUPLICATE_CLASSES: readonly {
  readonly id: TherapeuticClassId | 'oral-anticoagulants';
  readonly severity: 'high' | 'moderate';
}[] = [
  { id: 'oral-anticoagulants', severity: 'high' },
  { id: 'heparins', severity: 'high' },
  { id: 'ace-inhibitors', severity: 'moderate' },
  { id: 'angiotensin-receptor-blockers', severity: 'moderate' },
  { id: 'statins', severity: 'moderate' },
  { id: 'ssris', severity: 'moderate' },
  { id: 'benzodiazepines', severity: 'moderate' },
  { id: 'proton-pump-inhibitors', severity: 'moderate' },
  { id: 'beta-blockers', severity: 'moderate' },
  { id: 'p2y12-antiplatelets', severity: 'moderate' },
  { id: 'morphine-agonists', severity: 'moderate' },
  { id: 'thiopurines', severity: 'moderate' },
  { id: 'xanthine-oxidase-inhibitors', severity: 'moderate' },
];
