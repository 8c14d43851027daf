/** The authoring forms' logic (lib/authoring.ts) and the screen it gets (lib/screen.ts). */
import { describe, expect, it } from 'vitest';
import { CommandSchema } from '../../../contract/commands.ts';
import type { SessionView } from '../../../contract/session-view.ts';
import { base, openKey } from '../../../../test/e2e/support/fake-views.ts';
import {
  allergyEdit,
  changeWords,
  contactEdit,
  dosageWords,
  editOutcome,
  identityCommand,
  matchesFor,
  medicationEdit,
  valueWords,
} from './authoring.ts';
import { fr } from '../i18n/fr.ts';
import { de } from '../i18n/de.ts';
import { screenFor } from './screen.ts';

const doctor = { status: 'authenticated', name: 'Dr Test DOCTOR', profession: 'doctor' } as const;
const valid = (edit: unknown) => CommandSchema.safeParse({ type: 'authoring.edit', edit }).success;

describe('authoring forms → edits the contract accepts', () => {
  it('an allergy needs a substance (picked or typed) and a criticality; the reaction is optional', () => {
    expect(allergyEdit({ freeText: 'pénicilline', reaction: '', criticality: undefined })).toBeUndefined();
    expect(allergyEdit({ freeText: '  ', reaction: '', criticality: 'high' })).toBeUndefined();
    const typed = allergyEdit({
      freeText: '  Pénicilline   G ',
      reaction: ' urticaire ',
      criticality: 'high',
    });
    expect(typed).toEqual({
      op: 'allergy.add',
      substance: { kind: 'text', text: 'Pénicilline G' },
      criticality: 'high',
      reaction: 'urticaire',
    });
    expect(valid(typed)).toBe(true);
    const picked = allergyEdit({
      picked: { code: '1234', label: 'AMOXICILLINE' },
      freeText: 'ignored',
      reaction: '',
      criticality: 'low',
    });
    expect(picked).toEqual({
      op: 'allergy.add',
      substance: { kind: 'bdpm', code: '1234', label: 'AMOXICILLINE' },
      criticality: 'low',
    });
    expect(valid(picked)).toBe(true);
  });

  it('a medication needs a product and a dose in words; a picked product carries its CIS', () => {
    expect(medicationEdit({ freeText: 'Kardégic', dose: ' ' })).toBeUndefined();
    const picked = medicationEdit({
      picked: { code: '60234100', label: 'DOLIPRANE 1000 mg' },
      freeText: '',
      dose: '1 comprimé matin et soir',
    });
    expect(picked).toMatchObject({ product: { kind: 'bdpm', cis: '60234100' } });
    expect(valid(picked)).toBe(true);
    expect(valid(medicationEdit({ freeText: 'Kardégic 75', dose: '1 sachet le midi' }))).toBe(true);
  });

  it('a contact needs a name and a phone number', () => {
    expect(contactEdit({ name: 'Marie Dupont', relationship: '', phone: 'inconnu' })).toBeUndefined();
    const contact = contactEdit({ name: 'Marie Dupont', relationship: 'fille', phone: '06 12 34 56 78' });
    expect(contact).toEqual({
      op: 'contact.add',
      name: 'Marie Dupont',
      relationship: 'fille',
      phone: '06 12 34 56 78',
    });
    expect(valid(contact)).toBe(true);
  });

  it('identity: the birth date typed DD/MM/YYYY is sent as YYYY-MM-DD; what is missing is named', () => {
    const today = new Date('2026-12-03T00:00:00Z');
    const ok = identityCommand(
      { family: 'Martin', given: 'Élise', birthDate: '05/03/1950', sex: 'female' },
      today,
    );
    expect(ok).toEqual({
      ok: true,
      command: {
        type: 'authoring.identity',
        family: 'Martin',
        given: 'Élise',
        birthDate: '1950-03-05',
        sex: 'female',
      },
    });
    if (ok.ok) expect(CommandSchema.safeParse(ok.command).success).toBe(true);
    expect(identityCommand({ family: ' ', given: 'Élise', birthDate: '31/02/1950' }, today)).toEqual({
      ok: false,
      missing: ['family', 'birthDate'],
    });
  });

  it('each picker shows its own kind of match', () => {
    const search = {
      query: 'amox',
      matches: [
        { kind: 'substance', code: '1', label: 'AMOXICILLINE' },
        { kind: 'product', code: '60000001', label: 'AMOXICILLINE 500 mg gélule' },
      ],
    } as const;
    expect(matchesFor(search, 'substance')).toEqual([{ code: '1', label: 'AMOXICILLINE' }]);
    expect(matchesFor(search, 'product')).toEqual([
      { code: '60000001', label: 'AMOXICILLINE 500 mg gélule' },
    ]);
    expect(matchesFor(undefined, 'product')).toEqual([]);
  });

  it('an edit is applied only once the worker’s check has passed; a refusal keeps the form', () => {
    expect(editOutcome({ updating: true })).toBe('pending');
    expect(editOutcome({})).toBe('applied');
    expect(editOutcome({ lastEditError: 'too_large' })).toBe('refused');
    // Refused, and the rest of the draft previewed again: still refused.
    expect(editOutcome({ lastEditError: 'item_not_found', updating: true })).toBe('refused');
  });

  it('a change in words shows both sides of a change', () => {
    const words = fr.criticality;
    expect(
      changeWords(
        {
          kind: 'changed',
          section: 'medications',
          before: { label: 'X', detail: '1 cp' },
          after: { label: 'X', detail: '2 cp' },
        },
        words,
        'fr',
      ),
    ).toBe('X (1 cp) → X (2 cp)');
    expect(
      changeWords({ kind: 'added', section: 'allergies', after: { label: 'Pénicilline' } }, words, 'fr'),
    ).toBe('Pénicilline');
    expect(
      changeWords({ kind: 'removed', section: 'devices', before: { label: 'Pacemaker' } }, words, 'fr'),
    ).toBe('Pacemaker');
  });

  it('HZ-10 an allergy’s criticality in the session’s words, the reaction as authored; a coded blood group as its symbol', () => {
    const latex = { label: 'Latex', criticality: 'high', detail: 'urticaire' } as const;
    expect(valueWords(latex, fr.criticality, 'fr')).toBe(`Latex (${fr.criticality.high} — urticaire)`);
    expect(valueWords(latex, de.criticality, 'de')).toBe(`Latex (${de.criticality.high} — urticaire)`);
    expect(valueWords({ label: 'Iode', criticality: 'unknown' }, fr.criticality, 'fr')).not.toMatch(
      /unknown/u,
    );
    expect(
      valueWords({ label: 'Blood group A Rh(D) positive', bloodGroup: 'A+' }, fr.criticality, 'fr'),
    ).toBe('A+');
    expect(valueWords({ label: 'Groupe A positif' }, fr.criticality, 'fr')).toBe('Groupe A positif');
    const structured = {
      label: 'Anastrozole',
      dosages: [
        {
          dose: { kind: 'quantity', quantity: { value: 1, unit: 'tablet', ucum: '1' } },
          timing: { periodUnit: 'd', when: [], timeOfDay: [], dayOfWeek: [] },
        },
      ],
    } as const;
    const french = valueWords(structured, fr.criticality, 'fr');
    expect(french).toBe(`Anastrozole (${dosageWords(structured.dosages, 'fr')})`);
    expect(french).not.toMatch(/per day|once/u);
    expect(valueWords(structured, de.criticality, 'de')).not.toBe(french);
  });
});

describe('the authoring screen', () => {
  const view = (patch: Partial<SessionView>): SessionView => ({
    ...base,
    revision: 1,
    bootId: 'b',
    ...patch,
  });
  it('a draft in progress replaces the summary; without one the summary shows', () => {
    const open = openKey({ status: 'unsigned' });
    expect(screenFor(view({ ...open, card: doctor })).kind).toBe('summary');
    expect(
      screenFor(view({ ...open, card: doctor, authoring: { status: 'reviewing', changes: [] } })).kind,
    ).toBe('authoring');
    // A new key: the stick holds no record (key error), the identity form shows.
    expect(
      screenFor(
        view({
          card: doctor,
          key: { status: 'error', reason: 'not_a_baladeur_key' },
          authoring: { status: 'identity' },
        }),
      ).kind,
    ).toBe('authoring');
  });
});
