import { describe, expect } from 'vitest';
import type { ProfessionalIdentity } from '../../common/professions.ts';
import { authenticated, cmd, identity, lockedKey, openOk } from './fixtures.testing.ts';
import { itTransitions, viewOf } from './transitions.testing.ts';

/** An establishment card (CPE) given the doctor's role by the site's mapping "Internes du CHU". */
const mappedDoctor: ProfessionalIdentity = {
  ...identity('doctor'),
  nationalId: '3750100000042',
  siteMapping: 'Internes du CHU',
};

describe('establishment staff mapped by site policy, in the session', () => {
  itTransitions([
    {
      title: 'HZ-06 the audit records that the role came from a site mapping; the view says so',
      inputs: authenticated(mappedDoctor),
      card: 'authenticated',
      check: (r) => {
        expect(r.effects).toContainEqual({
          type: 'audit',
          event: {
            event: 'card_authenticated',
            who: { nationalId: '3750100000042', profession: 'doctor' },
            siteMapping: 'Internes du CHU',
          },
        });
        expect(viewOf(r.state).card).toEqual({
          status: 'authenticated',
          name: mappedDoctor.name,
          profession: 'doctor',
          siteMapping: 'Internes du CHU',
        });
      },
    },
    {
      title: 'HZ-21 a site-mapped doctor opens a key by code but is never offered to author or sign a record',
      inputs: [
        ...authenticated(mappedDoctor),
        ...lockedKey(),
        cmd({ type: 'code.submit', code: 'C' }),
        openOk('full'),
        cmd({ type: 'authoring.start' }),
      ],
      check: (r) => {
        expect(viewOf(r.state).key.status).toBe('open');
        expect(viewOf(r.state).authoringOffer).toBeUndefined();
        expect(r.state.authoring).toBeUndefined();
        expect(r.refused).toBe(1);
      },
    },
  ]);
});
