import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, 'reimage.sh');
/** Loop devices need root and a kernel that has them; CI containers may not. */
const loopDevices = spawnSync('losetup', ['-f'], { encoding: 'utf8' }).status === 0;
/** The block device mounted on /, when / is one (not an overlay). */
const rootSource = spawnSync('findmnt', ['-no', 'SOURCE', '/'], { encoding: 'utf8' }).stdout?.trim();
const rootDisk = rootSource?.startsWith('/dev/') ? rootSource : undefined;
let dir: string;
let image: string;
let bytes: Buffer;

function reimage(args: string[], input = '') {
  const run = spawnSync('bash', [SCRIPT, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, err: run.stderr };
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-reimage-'));
  image = path.join(dir, 'kiosk-test.img');
  bytes = randomBytes(3 * 1024 * 1024 + 512);
  writeFileSync(image, bytes);
  writeFileSync(
    path.join(dir, 'SHA256SUMS'),
    `${sha(bytes)}  kiosk-test.img\n${'0'.repeat(64)}  other.img\n`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/reimage.sh', () => {
  it('writes the image to a new file, checks SHA256SUMS and verifies the read-back hash', () => {
    const target = path.join(dir, 'disk.img');
    const run = reimage(['--yes', image, target]);
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(target).equals(bytes)).toBe(true);
    expect(run.err).toContain('image matches');
    expect(run.err).toContain(`target sha256 ${sha(bytes)}`);
    expect(run.err).toMatch(/verified/);
  });

  it('replaces a larger existing image file and verifies exactly the image length', () => {
    const target = path.join(dir, 'old.img');
    writeFileSync(target, randomBytes(5 * 1024 * 1024));
    expect(reimage(['--yes', image, target]).code).toBe(0);
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });

  it('asks for confirmation: anything but "yes" writes nothing (exit 5)', () => {
    const target = path.join(dir, 'disk.img');
    const refused = reimage([image, target], 'no\n');
    expect(refused.code).toBe(5);
    expect(refused.err).toMatch(/will be overwritten/);
    expect(existsSync(target)).toBe(false);
    expect(reimage([image, target], 'yes\n').code).toBe(0);
  });

  it('a target changed after writing fails verification (exit 1)', () => {
    const target = path.join(dir, 'disk.img');
    expect(reimage(['--yes', image, target]).code).toBe(0);
    expect(reimage(['--verify-only', image, target]).code).toBe(0);
    const corrupted = readFileSync(target);
    corrupted[1_000_000] = (corrupted[1_000_000] ?? 0) ^ 0xff;
    writeFileSync(target, corrupted);
    const run = reimage(['--verify-only', image, target]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/verification FAILED/);
    writeFileSync(target, bytes.subarray(0, 4096));
    expect(reimage(['--verify-only', image, target]).code).toBe(1);
  });

  it('refuses a missing image (exit 2) and an image that does not match SHA256SUMS (exit 4)', () => {
    const target = path.join(dir, 'disk.img');
    const missing = reimage(['--yes', path.join(dir, 'nope.img'), target]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/image not found/);
    expect(reimage(['--yes', image]).code).toBe(2);
    writeFileSync(path.join(dir, 'SHA256SUMS'), `${'1'.repeat(64)}  kiosk-test.img\n`);
    const damaged = reimage(['--yes', image, target]);
    expect(damaged.code).toBe(4);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses targets that are not a whole disk or a regular file (exit 3)', () => {
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expect(reimage(['--yes', image, folder]).code).toBe(3);
    expect(reimage(['--yes', image, '/dev/null']).code).toBe(3);
    expect(reimage(['--yes', image, image]).code).toBe(3);
    expect(reimage(['--yes', image, path.join(dir, 'no-such-folder', 'disk.img')]).code).toBe(3);
    // A mistyped or unplugged disk must not become a new file in /dev.
    const ghost = '/dev/baladeur-reimage-test-no-such-disk';
    const run = reimage(['--yes', image, ghost]);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/no such disk/);
    expect(existsSync(ghost)).toBe(false);
    expect(readFileSync(image).equals(bytes)).toBe(true);
  });

  it.skipIf(!loopDevices)(
    'writes a whole disk (a loop device) and refuses the file behind it while attached',
    () => {
      const backing = path.join(dir, 'disk-behind-loop.img');
      writeFileSync(backing, Buffer.alloc(4 * 1024 * 1024));
      const attach = spawnSync('losetup', ['-f', '--show', backing], { encoding: 'utf8' });
      expect(attach.status, attach.stderr).toBe(0);
      const loop = attach.stdout.trim();
      try {
        const run = reimage(['--yes', image, loop]);
        expect(run.code, run.err).toBe(0);
        expect(run.err).toMatch(/whole disk/);
        const refused = reimage(['--yes', image, backing]);
        expect(refused.code).toBe(3);
        expect(refused.err).toMatch(/loop device/);
      } finally {
        spawnSync('losetup', ['-d', loop]);
      }
      expect(readFileSync(backing).subarray(0, bytes.length).equals(bytes)).toBe(true);
    },
  );

  it.skipIf(rootDisk === undefined)(
    'refuses the disk the system runs from (checked with --verify-only, which never writes)',
    () => {
      const run = reimage(['--verify-only', image, rootDisk ?? '']);
      expect(run.code).toBe(3);
      expect(run.err).toMatch(/mounted|partition|no such disk/);
    },
  );
});
