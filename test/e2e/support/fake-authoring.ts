/** Authoring views for the fake server: a doctor's card on an open key, and a draft being edited. */
import type { AuthoringView } from '../../../appliance/contract/authoring.ts';
import { openKey, type BaseView } from './fake-views.ts';

export const doctor = { status: 'authenticated', name: 'Dr Test DOCTOR', profession: 'doctor' } as const;
export const open = { ...openKey({ status: 'unsigned' }), card: doctor };
export const withAuthoring = (authoring: AuthoringView): BaseView => ({ ...open, authoring });

export const editing: Extract<AuthoringView, { status: 'editing' }> = {
  status: 'editing',
  reference: 'ready',
  items: {
    allergies: [{ itemId: 'a1', label: 'Arachide (fake)', criticality: 'high', typed: true }],
    medications: [{ itemId: 'm1', label: 'Metformine 500 mg (fake)', detail: '1 comprimé matin et soir' }],
    problems: [{ itemId: 'p1', label: 'Diabète de type 2 (fake)' }],
    bloodGroup: { label: 'Blood group O Rh(D) negative (fake)', bloodGroup: 'O-' },
    devices: [],
    directives: [],
    contacts: [{ itemId: 'c1', label: 'Contact FAKE', detail: 'Fille, +33 6 00 00 00 00' }],
  },
  changes: [],
};
