import type { Summary } from './types.ts';

/** The sections of a summary that hand-built summaries (tests, benchmarks) leave absent or empty. */
export const ABSENT_SECTIONS: Pick<
  Summary,
  | 'problems'
  | 'devices'
  | 'bloodGroup'
  | 'advanceDirectives'
  | 'alerts'
  | 'contacts'
  | 'immunizations'
  | 'procedures'
  | 'otherResources'
> = {
  problems: { status: 'absent' },
  devices: { status: 'absent' },
  bloodGroup: [],
  advanceDirectives: { status: 'absent' },
  alerts: { status: 'absent' },
  contacts: [],
  immunizations: { status: 'absent' },
  procedures: { status: 'absent' },
  otherResources: [],
};
