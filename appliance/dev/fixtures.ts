/**
 * Where the real IPS bundles used by the demo keys, the tests and the bench are: the copies shipped
 * in this repository (`test/fixtures/ips`, Apache 2.0, see the README there), or the folder named by
 * `BALADEUR_FIXTURES` — the one way to run the demo and the tests on other records.
 */
import path from 'node:path';
import { APP_ROOT } from '../common/app-root.ts';

export const FIXTURES_ENV = 'BALADEUR_FIXTURES';

export function ipsFixturesDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[FIXTURES_ENV];
  return fromEnv !== undefined && fromEnv !== ''
    ? path.resolve(fromEnv)
    : path.join(APP_ROOT, 'test', 'fixtures', 'ips');
}
