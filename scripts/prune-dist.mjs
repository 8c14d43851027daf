#!/usr/bin/env node
// Before `tsc -p tsconfig.build.json`: removes compiled files whose TypeScript source is gone (tsc
// never deletes the output of a moved or deleted file), so dist/ holds only what the sources make.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
let removed = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      walk(full);
      if (readdirSync(full).length === 0) rmSync(full, { recursive: true });
    } else if (name.endsWith('.js')) {
      const source = path.join(root, path.relative(dist, full)).replace(/\.js$/, '.ts');
      if (!existsSync(source)) {
        rmSync(full);
        removed++;
      }
    }
  }
}
for (const part of ['appliance', 'scripts'])
  if (existsSync(path.join(dist, part))) walk(path.join(dist, part));
if (removed > 0) console.log(`prune-dist: removed ${removed} stale compiled file(s)`);
