/**
 * Negative boot test (issue 20): a disk whose root has one byte changed does not reach the kiosk.
 * The byte is in the ext4 superblock's volume name, a field ext4 itself never checks: only
 * dm-verity can tell, and the root then never appears in the initrd: no shell, no kiosk. The wait
 * for the root device ends at `rd.timeout=` (signed command line), and the initrd reboots
 * (`rd.emergency=reboot`): under `-no-reboot` QEMU exits by itself, after the kernel's
 * "reboot: Restarting system". Same virtual kiosk as image/boot-test.ts (OVMF Secure Boot, swtpm,
 * the self-test credential).
 * Not in .ci/run (another ≈ 3–4 min of emulation): `npm run image:boot-test:negative`.
 * Usage: node --import tsx image/boot-test-negative.ts [--out image/out]
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { enrollSecureBoot, OVMF_VARS_SETUP_MODE, qemuArgs, runQemu, startSwtpm, type Vm } from './boot-vm.ts';

const out = resolve(
  process.argv.includes('--out') ? (process.argv[process.argv.indexOf('--out') + 1] as string) : 'image/out',
);
const work = mkdtempSync(join(tmpdir(), 'baladeur-boot-negative-'));
const serialLog = join(out, 'boot-negative-serial.log');
/** ext4 superblock at 1024 bytes into the file system; s_volume_name at 0x78 in it. */
const VOLUME_NAME_OFFSET = 1024 + 0x78;

function flipRootByte(disk: string): number {
  const table = JSON.parse(execFileSync('sfdisk', ['--json', disk], { encoding: 'utf8' })) as {
    partitiontable: { partitions: { start: number; name: string }[] };
  };
  const root = table.partitiontable.partitions.find((p) => p.name === 'root-x86-64');
  if (!root) throw new Error('no root-x86-64 partition in the disk image');
  const offset = root.start * 512 + VOLUME_NAME_OFFSET;
  const fd = openSync(disk, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, offset);
    byte[0] = (byte[0] ?? 0) ^ 0x01;
    writeSync(fd, byte, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
  return offset;
}

async function main(): Promise<number> {
  writeFileSync(serialLog, '');
  const disk = join(work, 'disk.img');
  execFileSync('cp', ['--sparse=always', join(out, 'baladeur-disk.img'), disk]);
  const offset = flipRootByte(disk);
  console.log(
    `boot-test-negative: one bit flipped at byte ${offset} of the disk (root file system superblock)`,
  );
  const vars = join(work, 'vars.fd');
  copyFileSync(OVMF_VARS_SETUP_MODE, vars);
  const vm: Vm = { disk, vars, tpmSocket: join(work, 'swtpm.sock'), monitor: join(work, 'monitor.sock') };
  const withTpm = async <T>(run: () => Promise<T>): Promise<T> => {
    const tpm = await startSwtpm(work);
    try {
      return await run();
    } finally {
      tpm.process.kill();
    }
  };
  const problems: string[] = [];
  const enrollProblem = await withTpm(() => enrollSecureBoot(vm, serialLog));
  if (enrollProblem) problems.push(enrollProblem);
  let verityError = false;
  let kioskReached = false;
  let rootTimedOut = '';
  let restarting = '';
  if (!enrollProblem) {
    const args = qemuArgs(vm, [
      '-no-reboot',
      '-smbios',
      'type=11,value=io.systemd.credential:baladeur.selftest=1',
    ]);
    // -no-reboot: the initrd's reboot (rd.emergency=reboot) or a panic ends the run.
    const kernelTime = (line: string) => /^\[\s*([\d.]+)\]/.exec(line)?.[1] ?? '?';
    const end = await withTpm(() =>
      runQemu(args, 6 * 60_000, serialLog, (line, stop) => {
        if (/verity|Integrity Protection Setup for root/i.test(line) && /corrupt|fail/i.test(line))
          verityError = true;
        // The journal's copy (with the kernel's timestamp), not systemd's status line.
        if (!rootTimedOut && /^\[\s*[\d.]+\].*dev-mapper-root\.device.*timed out/i.test(line)) {
          rootTimedOut = kernelTime(line);
          console.log(`boot-test-negative: ${rootTimedOut} s guest uptime: the wait for the root ended`);
        }
        if (/reboot: Restarting system/.test(line)) {
          restarting = kernelTime(line);
          console.log(`boot-test-negative: ${restarting} s guest uptime: the kernel restarts the system`);
        }
        if (/BALADEUR-SELFTEST/.test(line)) {
          kioskReached = true;
          stop();
        }
      }),
    );
    if (kioskReached) problems.push('the system with a changed root reached the kiosk self-test');
    if (!verityError) problems.push('no dm-verity corruption reported on the serial console');
    // The reset, not a wait: QEMU (-no-reboot) ended by itself after the kernel's restart message.
    if (end !== 'exited') problems.push(`the guest did not reboot within 6 minutes (QEMU ${end})`);
    if (!restarting) problems.push('no "reboot: Restarting system" on the serial console');
  }
  for (const p of problems) console.log(`boot-test-negative: FAIL ${p}`);
  console.log(problems.length === 0 ? 'boot-test-negative: PASS' : `boot-test-negative: see ${serialLog}`);
  return problems.length === 0 ? 0 : 1;
}

main()
  .then((code) => {
    rmSync(work, { recursive: true, force: true });
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    rmSync(work, { recursive: true, force: true });
    console.error(`boot-test-negative: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
