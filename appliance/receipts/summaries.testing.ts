/** Hand-built summaries for printer tests (until/besides summarize() on the IPS fixtures). */
import type { Summary } from '../record/summary/types.ts';

const concept = (text: string) => ({ text, codings: [] });

export function frenchSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    patient: { name: 'Hélène FRANÇOIS-DUPRÉ', birthDate: '1948-03-07', gender: 'female' },
    documentDate: '2026-10-02T09:30:00+02:00',
    documentTitle: 'Résumé patient',
    authors: ['Dr Anaïs LEFÈVRE'],
    language: 'fr-FR',
    allergies: {
      status: 'entries',
      items: [
        {
          id: 'a1',
          substance: concept('Pénicillines (bêta-lactamines)'),
          type: 'allergy',
          categories: ['medication'],
          criticality: 'high',
          clinicalStatus: 'active',
          verificationStatus: 'confirmed',
          reactions: [{ manifestations: ['Œdème de Quincke', 'urticaire généralisée'], severity: 'severe' }],
        },
        {
          id: 'a2',
          substance: concept('Arachide'),
          categories: ['food'],
          criticality: 'low',
          reactions: [],
        },
      ],
    },
    medications: {
      status: 'entries',
      items: [
        {
          id: 'm1',
          medication: concept('Kardégic 75 mg, poudre pour solution buvable en sachet-dose'),
          ingredients: [concept('acide acétylsalicylique')],
          dosage: '1 sachet par jour à midi',
          source: 'MedicationStatement',
        },
        {
          id: 'm2',
          medication: concept('Lévothyrox 100 µg comprimé sécable'),
          ingredients: [],
          dosage: '1 comprimé le matin à jeun, 30 min avant le petit-déjeuner',
          source: 'MedicationStatement',
        },
      ],
    },
    problems: {
      status: 'entries',
      items: [
        { id: 'p1', condition: concept('Fibrillation auriculaire paroxystique'), onset: '2019-05' },
        { id: 'p2', condition: concept('Hypothyroïdie post-thyroïdectomie'), onset: '2011-01-20' },
      ],
    },
    devices: {
      status: 'entries',
      items: [{ id: 'd1', device: concept('Stimulateur cardiaque double chambre'), since: '2020-02-14' }],
    },
    bloodGroup: [{ id: 'b1', observation: concept('Groupe sanguin ABO et Rhésus'), value: 'A Rh+ (A+)' }],
    advanceDirectives: {
      status: 'entries',
      items: [{ id: 'ad1', text: 'Refuse la réanimation cardio-pulmonaire (« ne pas réanimer »)' }],
    },
    alerts: { status: 'empty', reason: 'Aucune alerte connue' },
    contacts: [{ name: 'Étienne FRANÇOIS', relationship: 'fils', telecom: ['+33 6 12 34 56 78'] }],
    immunizations: { status: 'absent' },
    procedures: { status: 'absent' },
    otherResources: [],
    ...overrides,
  };
}
