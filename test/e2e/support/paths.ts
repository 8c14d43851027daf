import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const UI_DIST = fileURLToPath(new URL('../../../appliance/ui/dist/', import.meta.url));
export const FIXTURES = ipsFixturesDir();
