/**
 * Boots the built image under QEMU (software emulation, serial console) and checks it:
 * server ready, kiosk page served, browser running and painting (screen pixels, not only a marker),
 * `systemctl --failed` empty, nothing unexpected under the writable locations; then power off.
 * Prints each step's duration. Usage: node --import tsx image/boot-test.ts [--out image/out]
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
  copyFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { analysePpm } from './ppm.ts';

const out = resolve(
  process.argv.includes('--out') ? (process.argv[process.argv.indexOf('--out') + 1] as string) : 'image/out',
);
const TIMEOUT_MS = 15 * 60_000;
const work = mkdtempSync(join(tmpdir(), 'baladeur-boot-'));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

/** The data partition as a technician would provision it: a site configuration. */
function makeDataDisk(): string {
  const tree = join(work, 'data');
  mkdirSync(join(tree, 'baladeur'), { recursive: true });
  copyFileSync(resolve('.dev/pki/test-ca.crt.pem'), join(tree, 'baladeur/trust-anchor.pem'));
  const config = {
    site: { name: 'Boot test site' },
    printer: { transport: { type: 'tcp', host: '127.0.0.1', port: 9100 } },
    trustAnchors: ['trust-anchor.pem'],
    dataDir: '.',
  };
  writeFileSync(join(tree, 'baladeur/config.json'), JSON.stringify(config, null, 2));
  // The server runs as `baladeur` (uid/gid assigned in the image); tmpfiles fixes ownership at boot.
  const disk = join(work, 'data.img');
  execFileSync('mkfs.ext4', ['-q', '-L', 'baladeur-data', '-d', tree, disk, '64M']);
  return disk;
}

function monitorCommand(socketPath: string, command: string): Promise<void> {
  return new Promise((resolveCommand, reject) => {
    const socket = connect(socketPath, () => socket.write(`${command}\n`));
    socket.on('error', reject);
    setTimeout(() => {
      socket.end();
      resolveCommand();
    }, 1500);
  });
}

async function main(): Promise<number> {
  const dataDisk = makeDataDisk();
  const monitor = join(work, 'monitor.sock');
  const screenshot = join(work, 'screen.ppm');
  const args = [
    '-machine',
    'q35',
    '-m',
    '2048',
    '-smp',
    '2',
    // The image targets x86-64-v2 or newer kiosk PCs (sharp's prebuilt libvips needs SSE4.2);
    // QEMU's default TCG CPU is plain x86-64, so emulate every feature TCG has.
    '-cpu',
    'max',
    // A USB bus, as on a kiosk PC: usbguard refuses to start without /sys/bus/usb/devices.
    '-device',
    'qemu-xhci',
    '-vga',
    'std',
    '-display',
    'none',
    '-nic',
    'none',
    '-serial',
    'stdio',
    '-monitor',
    `unix:${monitor},server,nowait`,
    '-kernel',
    join(out, 'vmlinuz'),
    '-initrd',
    join(out, 'initrd.img'),
    '-append',
    'root=LABEL=baladeur-root ro console=ttyS0 baladeur.selftest systemd.show_status=0 systemd.journald.forward_to_console=1',
    '-drive',
    `file=${join(out, 'rootfs.ext4')},if=virtio,format=raw,snapshot=on`,
    '-drive',
    `file=${dataDisk},if=virtio,format=raw`,
  ];
  console.log(`boot-test: qemu-system-x86_64 ${args.join(' ')}`);
  const qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen = new Map<string, string>();
  const failedUnits: string[] = [];
  const writableFiles: string[] = [];
  // The serial log is written as it comes, so a slow or stuck boot can be followed live.
  const serialLog = join(out, 'boot-serial.log');
  writeFileSync(serialLog, '');
  let screen: ReturnType<typeof analysePpm> | undefined;

  const finished = new Promise<void>((resolveExit) => qemu.on('exit', () => resolveExit()));
  const timer = setTimeout(() => qemu.kill('SIGKILL'), TIMEOUT_MS);
  let buffer = '';
  qemu.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    appendFileSync(serialLog, text);
    buffer += text;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      const marker = /BALADEUR-SELFTEST (\S+)(?: (.*))?$/.exec(line);
      if (!marker) continue;
      const [, name = '', tail = ''] = marker;
      const timed = / ?t=([\d.]+)$/.exec(tail);
      const uptime = timed?.[1] ?? '';
      const rest = timed ? tail.slice(0, timed.index) : tail;
      if (name === 'failed-unit') failedUnits.push(rest);
      else if (name === 'writable-file') writableFiles.push(rest);
      else if (name === 'journal') console.log(`boot-test: journal ${rest}`);
      else {
        seen.set(name, uptime);
        console.log(`boot-test: ${seconds()} s host, ${uptime} s guest uptime: ${name}`);
      }
      if (name === 'screenshot-now') {
        void monitorCommand(monitor, `screendump ${screenshot}`).then(() => {
          try {
            screen = analysePpm(readFileSync(screenshot));
            console.log(
              `boot-test: screen ${screen.width}×${screen.height}, ${screen.distinctColours} colours, ${(screen.nonBackgroundRatio * 100).toFixed(1)} % non-background`,
            );
          } catch (error) {
            console.log(`boot-test: screendump failed: ${String(error)}`);
          }
        });
      }
    }
  });
  await finished;
  clearTimeout(timer);
  if (screen) copyFileSync(screenshot, join(out, 'boot-screen.ppm'));

  const problems: string[] = [];
  for (const step of [
    'server-ready',
    'page-ok',
    'browser-running',
    'page-loaded',
    'screenshot-now',
    'browser-frozen',
    'page-dropped',
    'page-reloaded-after-watchdog',
    'done',
  ]) {
    if (!seen.has(step)) problems.push(`step ${step} not reached`);
  }
  if (failedUnits.length > 0) problems.push(`failed units: ${failedUnits.join(', ')}`);
  if (!screen) problems.push('no screenshot');
  else if (screen.distinctColours < 3 || screen.nonBackgroundRatio < 0.01)
    problems.push('screen looks blank');
  const unexpected = writableFiles.filter(
    (f) =>
      // Xwayland's display lock (cage), in RAM: in the kiosk unit's private /tmp since issue 20.
      !/^\/tmp\/(systemd-private-[0-9a-f]+-baladeur-kiosk\.service-\w+\/tmp\/)?\.X\d+-lock$/.test(f) &&
      !/^\/data\/baladeur\/(config\.json|trust-anchor\.pem|audit\.sqlite3?(-wal|-shm)?|kiosk-secret\.bin|screen\.env|cache\/bdpm-[\w.-]+)$/.test(
        f,
      ),
  );
  if (unexpected.length > 0)
    problems.push(`unexpected files in writable locations: ${unexpected.join(', ')}`);
  console.log(`boot-test: ${seconds()} s total; writable files: ${writableFiles.join(', ') || 'none'}`);
  for (const p of problems) console.log(`boot-test: FAIL ${p}`);
  console.log(problems.length === 0 ? 'boot-test: PASS' : 'boot-test: see image/out/boot-serial.log');
  return problems.length === 0 ? 0 : 1;
}

main()
  .then((code) => {
    rmSync(work, { recursive: true, force: true });
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    rmSync(work, { recursive: true, force: true });
    console.error(`boot-test: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
