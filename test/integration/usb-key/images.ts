/** Test helpers: key images built with the real Linux tools (mkfs.vfat, sfdisk, mtools) in a temp dir. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Workdir {
  readonly dir: string;
  file(name: string): string;
  cleanup(): void;
}

export function workdir(): Workdir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baladeur-usb-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function sh(command: string, args: readonly string[], input?: string): string {
  return execFileSync(command, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

const MiB = 1024 * 1024;

/** A sparse image file of `mib` MiB. */
export function blankImage(file: string, mib: number): void {
  fs.closeSync(fs.openSync(file, 'w'));
  fs.truncateSync(file, mib * MiB);
}

/** Partition table from sfdisk script lines, e.g. ['start=2048, size=40000, type=c']. */
export function partition(file: string, lines: readonly string[], label: 'dos' | 'gpt' = 'dos'): void {
  sh('sfdisk', ['--quiet', file], `label: ${label}\n${lines.join('\n')}\n`);
}

export function mkfat(
  file: string,
  options: { fat: 12 | 16 | 32; offsetSectors?: number; sectors?: number },
): void {
  const args = ['-F', String(options.fat)];
  if (options.offsetSectors !== undefined) args.push('--offset', String(options.offsetSectors));
  args.push(file);
  if (options.sectors !== undefined) args.push(String(options.sectors / 2));
  sh('mkfs.vfat', args);
}

/** mtools target for a volume at a byte offset. */
function target(file: string, offsetBytes = 0): string {
  return offsetBytes === 0 ? file : `${file}@@${offsetBytes}`;
}

export function mmd(file: string, dir: string, offsetBytes = 0): void {
  sh('mmd', ['-i', target(file, offsetBytes), `::/${dir}`]);
}

export function mcopy(file: string, localFile: string, keyPath: string, offsetBytes = 0): void {
  sh('mcopy', ['-o', '-n', '-i', target(file, offsetBytes), localFile, `::/${keyPath}`]);
}

/** `fsck.vfat -n` on the volume at `offsetBytes` of an image: exit code and output. */
export function fsck(
  image: Uint8Array,
  offsetBytes: number,
  wd: Workdir,
): { clean: boolean; output: string } {
  const file = wd.file(`fsck-${process.pid}-${Math.random().toString(36).slice(2)}.img`);
  fs.writeFileSync(file, image.subarray(offsetBytes));
  try {
    const output = execFileSync('fsck.vfat', ['-n', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { clean: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { clean: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * A 64 MiB FAT32 stick image holding `files` (text, or `{ bytes }` of zeros) and `folders`, made
 * with mkfs.vfat and mtools: an export stick of a doctor's software. Returns the image's path.
 */
export function fatStickWithFiles(
  wd: Workdir,
  name: string,
  files: Record<string, string | { bytes: number }>,
  folders: string[] = [],
): string {
  const image = wd.file(`${name}.img`);
  blankImage(image, 64);
  mkfat(image, { fat: 32 });
  for (const folder of folders) mmd(image, folder);
  for (const [keyPath, content] of Object.entries(files)) {
    const local = wd.file(`${name}-${keyPath.replaceAll('/', '_')}`);
    if (typeof content === 'string') fs.writeFileSync(local, content);
    else {
      fs.closeSync(fs.openSync(local, 'w'));
      fs.truncateSync(local, content.bytes);
    }
    mcopy(image, local, keyPath);
  }
  return image;
}
