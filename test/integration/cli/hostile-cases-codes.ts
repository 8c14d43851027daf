/** HZ-13 hostile CLI keys, the patient code: typos, wrong lengths and alphabets, the wrong code. */
import type { HostileCase, HostileKit } from './hostile-kit.ts';

export function codeCases({ code, valid }: HostileKit): HostileCase[] {
  const typo = code.slice(0, 5) + (code[5] === '7' ? '8' : '7') + code.slice(6);
  return [
    { name: 'code with a typo', bytes: valid, exit: 3, message: /typo/u, code: typo },
    { name: 'code too short', bytes: valid, exit: 3, message: /must have 16 characters/u, code: 'ABCD-EFGH' },
    {
      name: 'code with a U',
      bytes: valid,
      exit: 3,
      message: /not in its alphabet/u,
      code: 'UUUU-UUUU-UUUU-UUUU',
    },
    {
      name: 'code of 10 000 characters',
      bytes: valid,
      exit: 3,
      message: /must have 16 characters/u,
      code: 'A'.repeat(10_000),
    },
    {
      name: 'wrong code',
      bytes: valid,
      exit: 3,
      message: /does not open the full tier/u,
      code: '0000-0000-0000-0000',
    },
  ];
}
