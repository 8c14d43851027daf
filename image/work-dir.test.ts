/**
 * The image build's scratch folder is released without crossing a mount point (image/work-dir.sh):
 * a build killed while mmdebstrap had /proc, /sys and /dev/shm mounted in its tree must neither
 * make the next build fail nor empty the host's folders behind those mounts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.join(import.meta.dirname, 'work-dir.sh');
const canMount =
  process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true'], { stdio: 'ignore' }).status === 0;

let base = '';
afterEach(() => {
  if (base) spawnSync('bash', ['-c', `source ${SCRIPT} && release_work_dir ${base}`]);
  base = '';
});

/** Runs a script in a private mount namespace, so nothing it mounts outlives the test. */
function inMountNamespace(script: string) {
  return spawnSync(
    'unshare',
    ['--mount', '--propagation', 'private', 'bash', '-c', `source ${SCRIPT}\n${script}`],
    {
      encoding: 'utf8',
    },
  );
}

describe.skipIf(!canMount)('release_work_dir', () => {
  it('unmounts what an interrupted build left mounted, then removes the folder, leaving the host side intact', () => {
    base = mkdtempSync(path.join(tmpdir(), 'baladeur-work-dir-'));
    const host = path.join(base, 'host-shm');
    const work = path.join(base, 'work');
    mkdirSync(host);
    writeFileSync(path.join(host, 'host-file'), 'keep me');
    mkdirSync(path.join(work, 'rootfs/dev/shm'), { recursive: true });
    mkdirSync(path.join(work, 'rootfs/proc'), { recursive: true });
    const run = inMountNamespace(
      [
        `mount --bind ${host} ${work}/rootfs/dev/shm`,
        `mount -t proc proc ${work}/rootfs/proc`,
        `release_work_dir ${work}`,
        `echo "left: $(mounts_under ${work} | wc -l)"`,
      ].join('\n'),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`unmounting ${work}/rootfs/dev/shm`);
    expect(run.stdout).toContain('left: 0');
    expect(existsSync(work)).toBe(false);
    expect(readFileSync(path.join(host, 'host-file'), 'utf8')).toBe('keep me');
  });

  it('never removes across a mount it could not release', () => {
    base = mkdtempSync(path.join(tmpdir(), 'baladeur-work-dir-'));
    const host = path.join(base, 'host');
    const work = path.join(base, 'work');
    mkdirSync(host);
    writeFileSync(path.join(host, 'host-file'), 'keep me');
    mkdirSync(path.join(work, 'busy'), { recursive: true });
    // umount is made to fail: the mount must survive and the folder be kept.
    const run = inMountNamespace(
      [`mount --bind ${host} ${work}/busy`, 'umount() { return 1; }', `release_work_dir ${work}`].join('\n'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('still mounted');
    expect(readFileSync(path.join(host, 'host-file'), 'utf8')).toBe('keep me');
  });
});

describe('release_work_dir refuses', () => {
  it.each([[''], ['/']])('the folder %j', (dir) => {
    const run = spawnSync('bash', ['-c', `source ${SCRIPT} && release_work_dir '${dir}'`], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('refusing');
  });
});
