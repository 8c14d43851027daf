import { expect, test } from 'vitest';
import type { SessionView } from '../../../contract/session-view.ts';
import { base, nurse, openKey } from '../../../../test/e2e/support/fake-views.ts';
import { screensToPrefetch } from './prefetch.ts';
import { screenFor } from './screen.ts';

const view = (patch: Partial<SessionView>): SessionView => ({ ...base, revision: 1, bootId: 'b', ...patch });
const prefetched = (v: SessionView) => screensToPrefetch(v, screenFor(v));
const open = view(openKey({ status: 'unsigned' }));
const openKeyView = open.key as Extract<SessionView['key'], { status: 'open' }>;

test('the nurse’s screens prefetch nothing: the first screen loads only the entry', () => {
  expect(prefetched(view({}))).toEqual([]);
  expect(prefetched(view({ card: nurse, key: { status: 'locked', failedAttempts: 0 } }))).toEqual([]);
  expect(prefetched(open)).toEqual([]);
});

test('the patient’s code keypad fetches their access log; a pharmacist’s summary the cross-check', () => {
  expect(prefetched(view({ key: { status: 'locked', failedAttempts: 0 } }))).toEqual(['patientLog']);
  const crosscheck = { reference: 'ready', visible: false, boxCount: 0 } as const;
  expect(prefetched({ ...open, key: { ...openKeyView, crosscheck } })).toEqual(['crosscheck']);
});

test('an authoring offer fetches the authoring screens, on the summary as on a blank stick', () => {
  expect(prefetched({ ...open, authoringOffer: 'update' })).toEqual(['authoring']);
  expect(
    prefetched(
      view({ card: nurse, key: { status: 'error', reason: 'not_a_baladeur_key' }, authoringOffer: 'new' }),
    ),
  ).toEqual(['authoring']);
});
