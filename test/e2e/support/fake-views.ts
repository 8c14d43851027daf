/** Synthetic session views for the screen gallery (made-up patient, not from any record). */
import type { SessionView } from '../../../appliance/contract/session-view.ts';
import type { Summary } from '../../../appliance/record/summary/types.ts';

export type BaseView = Omit<SessionView, 'revision' | 'bootId'>;

export const FAKE_PATIENT = 'Zoé FAKEPATIENT';
export const FAKE_ALLERGY = 'Pénicilline G (fake allergy text)';

export const base: BaseView = {
  mode: 'simulated',
  provisioning: 'provisioned',
  site: { name: 'Test site' },
  blankAfterSeconds: 0,
  language: 'fr',
  languages: ['fr', 'en', 'de', 'es', 'it'],
  devices: { reader: 'ready', usbKey: 'none', printer: 'ready' },
  card: { status: 'absent' },
  key: { status: 'absent' },
  breakGlass: { status: 'closed' },
  print: { status: 'idle' },
};

export const nurse = { status: 'authenticated', name: 'Inf. Test NURSE', profession: 'nurse' } as const;

export const summary: Summary = {
  patient: { name: FAKE_PATIENT, birthDate: '1961-04-12', gender: 'female' },
  documentDate: '2026-10-02T10:00:00+02:00',
  authors: ['Dr Test AUTHOR'],
  allergies: {
    status: 'entries',
    items: [
      {
        id: 'a1',
        substance: { text: 'Latex (fake, low)', codings: [] },
        categories: ['environment'],
        criticality: 'low',
        reactions: [{ manifestations: ['Urticaire'] }],
      },
      {
        id: 'a2',
        substance: { text: FAKE_ALLERGY, codings: [] },
        type: 'allergy',
        categories: ['medication'],
        criticality: 'high',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        reactions: [{ manifestations: ['Choc anaphylactique'], severity: 'severe' }],
        onset: '2001',
        note: 'A'.repeat(40) + ' ' + 'very long note that must wrap and never be cut '.repeat(6),
      },
    ],
  },
  medications: {
    status: 'entries',
    items: [
      {
        id: 'm1',
        medication: { text: 'Metformine 850 mg comprimé', codings: [] },
        ingredients: [{ text: 'metformine', codings: [] }],
        dosage: '1 comprimé matin et soir',
        route: 'orale',
        status: 'active',
        period: { start: '2019-03-01' },
        source: 'MedicationStatement',
      },
    ],
  },
  problems: {
    status: 'entries',
    items: [{ id: 'p1', condition: { text: 'Diabète de type 2', codings: [] }, clinicalStatus: 'active' }],
  },
  devices: { status: 'empty', reason: 'Aucun dispositif implanté' },
  bloodGroup: [
    { id: 'b1', observation: { text: 'ABO/Rh', codings: [] }, value: 'O Rh négatif', date: '2010-05-05' },
  ],
  advanceDirectives: { status: 'absent' },
  alerts: { status: 'entries', items: [{ id: 'al1', text: 'Patiente sous anticoagulant (fake)' }] },
  contacts: [{ name: 'Contact FAKE', relationship: 'Fille', telecom: ['+33 6 00 00 00 00'] }],
  immunizations: { status: 'absent' },
  procedures: { status: 'absent' },
  otherResources: [{ resourceType: 'Basic', count: 2 }],
};

export function openKey(
  verification: Extract<SessionView['key'], { status: 'open' }>['verification'],
): BaseView {
  return {
    ...base,
    devices: { reader: 'card_present', usbKey: 'present', printer: 'ready' },
    card: nurse,
    key: { status: 'open', tier: 'emergency', breakGlass: true, recordId: 'rec-1', verification, summary },
  };
}
