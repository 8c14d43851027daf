/**
 * The application's root folder: the nearest folder above this module that holds `package.json`.
 * The same answer whether the code runs as TypeScript from a checkout (`<repo>/appliance/common`),
 * compiled (`<repo>/dist/appliance/common`, which has no package.json of its own), or staged in
 * the image (`/opt/baladeur/dist/…`). Data that ships with the app (the BDPM release, the built UI)
 * is found from here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

export const APP_ROOT = findRoot(import.meta.dirname);
