/** Where things are, relative to the application's root (a checkout, or the image's staged app). */
import path from 'node:path';
import { APP_ROOT } from '../common/app-root.ts';

export const REPO_ROOT = APP_ROOT;
export const DEV_DIR = path.join(APP_ROOT, '.dev');
export const UI_DIST = path.join(APP_ROOT, 'appliance', 'ui', 'dist');
