/** The screens of an import from the doctor's software (issue 16, item 5): lib/screen.ts and the messages. */
import { describe, expect, it } from 'vitest';
import type { AuthoringView } from '../../../contract/authoring.ts';
import type { SessionView } from '../../../contract/session-view.ts';
import { base } from '../../../../test/e2e/support/fake-views.ts';
import { importMessages } from '../i18n/authoring-import.ts';
import { displayedDate, identityCommand } from './authoring.ts';
import { screenFor } from './screen.ts';

const doctor = { status: 'authenticated', name: 'Dr Test DOCTOR', profession: 'doctor' } as const;
const view = (authoring: AuthoringView, key: SessionView['key']): SessionView => ({
  ...base,
  revision: 1,
  bootId: 'b',
  card: doctor,
  key,
  authoring,
});
const back = { status: 'importing', step: 'return_patient_key', outcome: 'imported' } as const;

describe('import screens', () => {
  it('the import steps replace the summary; the patient key put back asks for the code on the usual screen', () => {
    expect(screenFor(view({ status: 'importing', step: 'insert_export' }, { status: 'absent' })).kind).toBe(
      'authoring',
    );
    expect(screenFor(view(back, { status: 'absent' })).kind).toBe('authoring');
    expect(screenFor(view(back, { status: 'locked', failedAttempts: 0 })).kind).toBe('locked');
  });

  it('HZ-23 a key that holds another record: the warning stays on screen, no code is asked for it', () => {
    const wrong = { ...back, wrongKey: true } as const;
    expect(screenFor(view(wrong, { status: 'locked', failedAttempts: 0 })).kind).toBe('authoring');
  });

  it('HZ-23 a new record: a stick holding a record put back stays on the import screen (no code screen), said in its own words', () => {
    const wrong = { ...back, newRecord: true, wrongKey: true } as const;
    expect(screenFor(view(wrong, { status: 'locked', failedAttempts: 0 })).kind).toBe('authoring');
    for (const language of ['fr', 'en', 'de', 'es', 'it'] as const) {
      const m = importMessages(language);
      expect(new Set(Object.values(m.newRecord)).size).toBe(5);
      expect(m.newRecord.wrongKey).not.toBe(m.wrongKey);
      expect(m.newRecord.back).not.toBe(m.step.return_patient_key);
    }
  });

  it('the identity an import gives fills the form as it is typed, and is read back the same', () => {
    expect(displayedDate('1990-04-02')).toBe('02/04/1990');
    const again = identityCommand({ family: 'Durand', given: 'Léa', birthDate: displayedDate('1990-04-02') });
    expect(again.ok && again.command.birthDate).toBe('1990-04-02');
    expect(displayedDate('1990')).toBe('');
  });

  it('every outcome is said in the five languages, distinct from the others', () => {
    for (const language of ['fr', 'en', 'de', 'es', 'it'] as const) {
      const m = importMessages(language);
      const said = Object.values(m.outcome);
      expect(new Set(said).size).toBe(said.length);
      expect(m.action.length).toBeGreaterThan(5);
    }
    expect(importMessages('fr').action).toBe('Importer depuis le logiciel du médecin');
  });
});
