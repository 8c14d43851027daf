/**
 * Writing a provisioning plan into the data folder. Each file: temporary file in the same folder,
 * fsync, rename over the old one, fsync the folder — a power cut leaves the old file or the new
 * one, never half of either. `config.json` is written last (it is what the kiosk loads), then
 * anchors and keys the new configuration no longer names are removed: an old emergency private
 * key must not linger on the kiosk.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import type { PlannedFile, ProvisioningPlan } from './provisioning.ts';

export interface ApplyError {
  readonly code: 'io';
  /** Relative file name and errno code only. */
  readonly message: string;
}

/** Folders whose files provisioning owns (others in the data folder, e.g. the audit trail, are never touched). */
const OWNED_DIRS = ['anchors', 'keyring', 'crls'] as const;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomically replaces `file` with `contents` (mode 0600). */
export function writeFileAtomic(file: string, contents: string | Uint8Array): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    let done = 0;
    while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDir(dir);
}

function safeTarget(dataDir: string, file: PlannedFile): string {
  const target = path.resolve(dataDir, file.path);
  if (!target.startsWith(path.resolve(dataDir) + path.sep))
    throw new Error(`plan path escapes the data folder: ${file.path}`);
  return target;
}

export function applyProvisioning(
  dataDir: string,
  plan: ProvisioningPlan,
): Result<{ readonly written: readonly string[]; readonly removed: readonly string[] }, ApplyError> {
  const ordered = [
    ...plan.files.filter((f) => f.path !== 'config.json'),
    ...plan.files.filter((f) => f.path === 'config.json'),
  ];
  const written: string[] = [];
  const removed: string[] = [];
  let current = '';
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    for (const file of ordered) {
      current = file.path;
      writeFileAtomic(safeTarget(dataDir, file), file.contents);
      written.push(file.path);
    }
    const keep = new Set(plan.files.map((f) => f.path));
    for (const dir of OWNED_DIRS) {
      current = dir;
      let names: string[];
      try {
        names = readdirSync(path.join(dataDir, dir));
      } catch {
        continue;
      }
      for (const name of names) {
        const rel = `${dir}/${name}`;
        if (keep.has(rel)) continue;
        rmSync(path.join(dataDir, dir, name), { force: true, recursive: true });
        removed.push(rel);
      }
      if (removed.length > 0) fsyncDir(path.join(dataDir, dir));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return err({ code: 'io', message: `cannot write ${current}: ${code}` });
  }
  return ok({ written, removed });
}
