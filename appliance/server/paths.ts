/** Where things are, relative to this checkout. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DEV_DIR = path.join(REPO_ROOT, '.dev');
export const UI_DIST = path.join(REPO_ROOT, 'appliance', 'ui', 'dist');
