/**
 * The server as the image runs it: the app compiled to JavaScript in place with
 * image/tsconfig.app.json (what image/stage-app.sh does), in a temporary copy that borrows the
 * repository's node_modules and `.dev` (dev PKI, demo keys).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..', '..');

export interface CompiledApp {
  /** `appliance/server/main.js` in the compiled copy. */
  readonly main: string;
  dispose(): void;
}

export function compileAppAsInImage(): CompiledApp {
  const root = mkdtempSync(path.join(tmpdir(), 'baladeur-compiled-'));
  const copy = (relative: string) =>
    cpSync(path.join(REPO, relative), path.join(root, relative), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json', 'scripts/dev-pki.ts', 'scripts/dev-pki-profiles.ts'])
    copy(file);
  const skipped = ['src', 'node_modules'].map((name) => path.join(REPO, 'appliance', 'ui', name));
  cpSync(path.join(REPO, 'appliance'), path.join(root, 'appliance'), {
    recursive: true,
    filter: (source) => !skipped.some((dir) => source === dir || source.startsWith(dir + path.sep)),
  });
  cpSync(path.join(REPO, 'image', 'tsconfig.app.json'), path.join(root, 'tsconfig.app.json'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  symlinkSync(path.join(REPO, '.dev'), path.join(root, '.dev'));
  execFileSync(path.join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', path.join(root, 'tsconfig.app.json')], {
    stdio: 'inherit',
  });
  return {
    main: path.join(root, 'appliance', 'server', 'main.js'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
