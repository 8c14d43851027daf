/**
 * The image's chain of trust, checked without building or booting it (issue 20): the signed kernel
 * command line, no file system label anywhere, the TPM-sealed /data, no shell, the GPT disk
 * layout, and the Secure Boot key files. The boot test (image/boot-test.ts) checks them booted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const image = import.meta.dirname;
const rootfs = join(image, 'rootfs');
const file = (path: string) => readFileSync(join(rootfs, path), 'utf8');
const DATA_PARTUUID = '6b8f2c1e-1d3a-4c5e-9f00-ba1ade000003';
const ROOTHASH = '0123456789abcdef0123456789abcdef' + 'fedcba9876543210fedcba9876543210';
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baladeur-verified-boot-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a function of image/secure-boot.sh as image/build.sh sources it. */
function secureBoot(call: string): string {
  return execFileSync(
    'bash',
    ['-c', `set -euo pipefail; source "${join(image, 'secure-boot.sh')}"; ${call}`],
    {
      encoding: 'utf8',
    },
  );
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((f) => join(folder, f))
    .filter((f) => statSync(f).isFile());
}

describe('verified boot and sealed data (offline)', () => {
  it('the signed command line: verity root by partition UUID, panic, no shell, a bounded root wait, no USB before usbguard', () => {
    const args = secureBoot(`kernel_cmdline ${ROOTHASH} production`).trim().split(' ');
    expect(args).toEqual(
      expect.arrayContaining([
        'root=/dev/mapper/root',
        `roothash=${ROOTHASH}`,
        // The first and last 128 bits of the root hash, as systemd-veritysetup-generator derives them.
        'systemd.verity_root_data=PARTUUID=01234567-89ab-cdef-0123-456789abcdef',
        'systemd.verity_root_hash=PARTUUID=fedcba98-7654-3210-fedc-ba9876543210',
        'panic=10',
        'rd.shell=0',
        'rd.emergency=reboot',
        // Without it dracut waits for a root that failed verity forever instead of rebooting.
        'rd.timeout=120',
        'systemd.getty_auto=0',
        'usbcore.authorized_default=0',
        'systemd.gpt_auto=0',
      ]),
    );
    expect(args.join(' ')).not.toMatch(
      /LABEL=|init=|rd\.break|systemd\.debug_shell|forward_to_console|selftest/,
    );
    // Only a development image copies its journal to the serial console.
    expect(secureBoot(`kernel_cmdline ${ROOTHASH} development`)).toContain(
      'systemd.journald.forward_to_console=1',
    );
  });

  it('no file of the image overlay finds a file system by label (a USB stick could carry it)', () => {
    for (const path of filesUnder(rootfs)) expect(readFileSync(path, 'utf8'), path).not.toMatch(/\bLABEL=/);
    expect(file('etc/fstab')).toMatch(/^\/dev\/mapper\/root\s+\/\s+ext4\s+ro,/m);
    expect(file('etc/fstab')).toMatch(/^\/dev\/mapper\/data\s+\/data\s+ext4\s+nofail,nosuid,nodev,noexec/m);
    expect(readFileSync(join(image, 'make-disk.sh'), 'utf8')).not.toMatch(/mkfs\.ext4/);
  });

  it('/data is the boot disk data partition, opened by the TPM only: no key file, no password prompt', () => {
    const entries = file('etc/crypttab')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/));
    expect(entries).toEqual([
      [
        'data',
        `PARTUUID=${DATA_PARTUUID}`,
        'none',
        expect.stringMatching(/^tpm2-device=auto,headless=true,nofail/),
      ],
    ]);
    expect(readFileSync(join(image, 'make-disk.sh'), 'utf8')).toContain(`DATA_PARTUUID=${DATA_PARTUUID}`);
    const setup = file('usr/local/lib/baladeur/data-setup');
    expect(setup).toContain(`/dev/disk/by-partuuid/${DATA_PARTUUID}`);
    expect(setup).toMatch(/systemd-cryptenroll --unlock-key-file="\$key" --tpm2-device=auto --tpm2-pcrs=7 /);
    // Refuses to seal with Secure Boot off, removes the format key's slot, shows the recovery key
    // on the kiosk's screen only (the script's own output goes to the journal).
    expect(setup).toMatch(/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c/);
    expect(setup).toMatch(/^cryptsetup luksKillSlot --batch-mode "\$dev" 0$/m);
    // An empty file system: the server's unit makes its folder (ReadWritePaths=-/data/baladeur).
    expect(setup).toMatch(/^mkfs\.ext4 -q "\/dev\/mapper\/\$mapper"$/m);
    expect(setup.match(/\$recovery/g)).toHaveLength(1);
    expect(setup).toMatch(/printf ' {6}%s\\n\\n' "\$recovery"\n[^]*\} > \/dev\/tty1$/m);
    const unit = file('etc/systemd/system/baladeur-data-setup.service');
    expect(unit).toMatch(/^Before=systemd-cryptsetup@data\.service /m);
    expect(unit).toMatch(/^RequiredBy=systemd-cryptsetup@data\.service$/m);
    // libdevmapper's udev handshake is a System V semaphore: a private IPC namespace hangs it.
    expect(unit).not.toMatch(/^PrivateIPC=yes$/m);
    expect(unit).toContain(
      'dev-disk-by\\x2dpartuuid-6b8f2c1e\\x2d1d3a\\x2d4c5e\\x2d9f00\\x2dba1ade000003.device',
    );
    expect(file('usr/local/lib/baladeur/configure-image')).toMatch(
      /systemctl enable baladeur-data-setup\.service /,
    );
  });

  it('no emergency or rescue shell: the system reboots instead', () => {
    for (const unit of ['emergency', 'rescue']) {
      const dropIn = file(`etc/systemd/system/${unit}.service.d/baladeur-no-shell.conf`);
      expect(dropIn).toMatch(/^ExecStart=\n^ExecStart=\/usr\/bin\/systemctl --no-block reboot$/m);
      expect(dropIn).not.toMatch(/sulogin/);
    }
    expect(file('etc/dracut.conf.d/90-baladeur.conf')).toMatch(/systemd-veritysetup/);
  });

  it('the disk: ESP, verity root and hash partitions by root hash, an empty data partition', () => {
    const out = join(dir, 'out');
    const esp = join(dir, 'esp');
    mkdirSync(join(esp, 'EFI/BOOT'), { recursive: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(esp, 'EFI/BOOT/BOOTX64.EFI'), 'not really a loader');
    execFileSync('mkfs.ext4', ['-q', join(out, 'rootfs.ext4'), '8M']);
    const format = execFileSync(
      'veritysetup',
      ['format', join(out, 'rootfs.ext4'), join(out, 'rootfs.verity')],
      { encoding: 'utf8' },
    );
    const roothash = /Root hash:\s*([0-9a-f]{64})/.exec(format)?.[1] ?? '';
    writeFileSync(join(out, 'roothash'), `${roothash}\n`);
    const made = spawnSync('bash', [join(image, 'make-disk.sh'), esp, out], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const disk = join(out, 'baladeur-disk.img');
    const table = JSON.parse(execFileSync('sfdisk', ['--json', disk], { encoding: 'utf8' })) as {
      partitiontable: {
        partitions: { type: string; uuid: string; name: string; start: number; size: number }[];
      };
    };
    const parts = table.partitiontable.partitions;
    const uuid = (hex: string) =>
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    expect(parts.map((p) => [p.type, p.uuid.toLowerCase(), p.name])).toEqual([
      ['C12A7328-F81F-11D2-BA4B-00A0C93EC93B', expect.any(String), 'esp'],
      ['4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709', uuid(roothash.slice(0, 32)), 'root-x86-64'],
      ['2C7357ED-EBD2-46D9-AEC1-23D437EC2BF5', uuid(roothash.slice(32)), 'root-x86-64-verity'],
      ['0FC63DAF-8483-4772-8E79-3D69D8477DE4', DATA_PARTUUID, 'baladeur-data'],
    ]);
    // The root partition holds the ext4 the hash tree was made of; the data partition is zeros.
    const fd = openSync(disk, 'r');
    const read = (offset: number, length: number) => {
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, offset);
      return buffer;
    };
    const root = parts[1]!;
    const data = parts[3]!;
    expect(read(root.start * 512, root.size * 512).equals(readFileSync(join(out, 'rootfs.ext4')))).toBe(true);
    expect(read(data.start * 512, 4 << 20).every((b) => b === 0)).toBe(true);
    closeSync(fd);
  });

  it('the Secure Boot key files: PK, KEK and db, the same bytes for the same build epoch', () => {
    const key = join(dir, 'sb.key');
    const cert = join(dir, 'sb.crt');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=t'].concat([
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      {
        stdio: 'ignore',
      },
    );
    secureBoot(
      `sb_key_files ${key} ${cert} ${dir}/a 1764288000; sb_key_files ${key} ${cert} ${dir}/b 1764288000`,
    );
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['KEK.auth', 'PK.auth', 'db.auth']);
    const der = execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER']);
    for (const name of ['PK', 'KEK', 'db']) {
      const auth = readFileSync(join(dir, 'a', `${name}.auth`));
      expect(auth.equals(readFileSync(join(dir, 'b', `${name}.auth`))), name).toBe(true);
      expect(auth.includes(der), name).toBe(true);
    }
  });
});
