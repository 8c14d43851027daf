/**
 * The boot test's virtual kiosk: OVMF with Secure Boot (Debian's `ovmf`, SMM), a TPM 2.0 (`swtpm`),
 * the disk image on virtio, and the scan of the raw disk afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { existsSync, mkdirSync, openSync, readSync, closeSync, fstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd';
/** Variables in setup mode (no PK): systemd-boot enrolls the image's keys from the ESP. */
export const OVMF_VARS_SETUP_MODE = '/usr/share/OVMF/OVMF_VARS_4M.fd';

export interface Vm {
  readonly disk: string;
  readonly vars: string;
  readonly tpmSocket: string;
  readonly monitor: string;
}

export function qemuArgs(vm: Vm, extra: readonly string[]): string[] {
  return [
    // Secure Boot in OVMF needs SMM and a flash that only SMM code may write.
    ...['-machine', 'q35,smm=on', '-global', 'driver=cfi.pflash01,property=secure,value=on'],
    ...['-drive', `if=pflash,format=raw,unit=0,file=${OVMF_CODE},readonly=on`],
    ...['-drive', `if=pflash,format=raw,unit=1,file=${vm.vars}`],
    ...['-m', '2048', '-smp', '2'],
    // The image targets x86-64-v2 or newer kiosk PCs (sharp's prebuilt libvips needs SSE4.2);
    // QEMU's default TCG CPU is plain x86-64, so emulate every feature TCG has.
    ...['-cpu', 'max'],
    ...['-chardev', `socket,id=chrtpm,path=${vm.tpmSocket}`, '-tpmdev', 'emulator,id=tpm0,chardev=chrtpm'],
    ...['-device', 'tpm-tis,tpmdev=tpm0'],
    // A USB bus, as on a kiosk PC: usbguard refuses to start without /sys/bus/usb/devices.
    ...['-device', 'qemu-xhci,id=xhci'],
    ...[
      '-drive',
      `if=none,id=boot,file=${vm.disk},format=raw`,
      '-device',
      'virtio-blk-pci,drive=boot,bootindex=1',
    ],
    ...['-vga', 'std', '-display', 'none', '-nic', 'none', '-serial', 'stdio'],
    ...['-monitor', `unix:${vm.monitor},server,nowait`],
    ...extra,
  ];
}

/** A software TPM 2.0 for the VM; its state (the sealed /data key) lasts across the test's boots. */
export async function startSwtpm(dir: string): Promise<{ socket: string; process: ChildProcess }> {
  const state = join(dir, 'tpm');
  mkdirSync(state, { recursive: true });
  const socket = join(dir, 'swtpm.sock');
  rmSync(socket, { force: true });
  const child = spawn(
    'swtpm',
    ['socket', '--tpm2', '--tpmstate', `dir=${state}`, '--ctrl', `type=unixio,path=${socket}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) throw new Error('swtpm did not open its control socket');
  return { socket, process: child };
}

/** How a QEMU run ended: by itself (power-off, or a reset under `-no-reboot`), or killed. */
export type QemuEnd = 'exited' | 'stopped' | 'timed-out';

/** Runs QEMU until it exits (or `timeoutMs`), handing each serial line to `onLine`. */
export function runQemu(
  args: string[],
  timeoutMs: number,
  serialLog: string,
  onLine: (line: string, stop: () => void) => void,
): Promise<QemuEnd> {
  console.log(`boot-test: qemu-system-x86_64 ${args.join(' ')}`);
  const qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let end: QemuEnd = 'exited';
  const stop = () => {
    end = 'stopped';
    qemu.kill('SIGKILL');
  };
  const timer = setTimeout(() => {
    end = 'timed-out';
    qemu.kill('SIGKILL');
  }, timeoutMs);
  let buffer = '';
  qemu.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    appendFileSync(serialLog, text);
    buffer += text;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      onLine(line, stop);
    }
  });
  return new Promise((resolveExit) =>
    qemu.on('exit', () => {
      clearTimeout(timer);
      resolveExit(end);
    }),
  );
}

/** First boot, firmware in setup mode: systemd-boot enrolls PK, KEK and db from the ESP, then resets. */
export async function enrollSecureBoot(vm: Vm, serialLog: string): Promise<string | undefined> {
  const started = Date.now();
  let enrolled = false;
  // -no-reboot: QEMU exits at the reset that follows the enrolment. Without it, the kiosk would
  // boot with Secure Boot off until the time is up.
  await runQemu(qemuArgs(vm, ['-no-reboot']), 4 * 60_000, serialLog, (line) => {
    if (/Custom Secure Boot keys successfully enrolled/.test(line)) enrolled = true;
  });
  console.log(
    `boot-test: ${((Date.now() - started) / 1000).toFixed(1)} s: Secure Boot keys ${enrolled ? 'enrolled' : 'NOT enrolled'}`,
  );
  return enrolled ? undefined : 'systemd-boot did not enroll the Secure Boot keys (firmware in setup mode)';
}

export interface DiskFinding {
  readonly what: string;
  readonly offset: number;
}

/**
 * Reads the whole raw disk and reports where any of `needles` appears in clear, and any private
 * JWK member (`"d":"` followed by a base64url key of at least 40 characters).
 */
export function scanDisk(path: string, needles: ReadonlyMap<string, Buffer>): DiskFinding[] {
  const findings: DiskFinding[] = [];
  const privateJwk = /"d"\s*:\s*"[A-Za-z0-9_-]{40,}"/g;
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  const overlap = 256;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    for (let position = 0; position < size; position += chunk.length - overlap) {
      const read = readSync(fd, chunk, 0, chunk.length, position);
      const view = chunk.subarray(0, read);
      for (const [what, needle] of needles) {
        for (let at = view.indexOf(needle); at >= 0; at = view.indexOf(needle, at + 1))
          findings.push({ what, offset: position + at });
      }
      if (view.includes('"d"')) {
        for (const match of view.toString('latin1').matchAll(privateJwk))
          findings.push({ what: 'private JWK member "d"', offset: position + (match.index ?? 0) });
      }
      if (read < chunk.length) break;
    }
  } finally {
    closeSync(fd);
  }
  // The overlap between chunks can report one place twice.
  return findings.filter(
    (f, i) => findings.findIndex((g) => g.what === f.what && g.offset === f.offset) === i,
  );
}
