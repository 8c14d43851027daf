/**
 * Boots the built disk image under QEMU (software emulation, serial console) the way a kiosk PC
 * boots it: OVMF with Secure Boot, a TPM 2.0 (swtpm), the disk on virtio, a USB stick labelled
 * `baladeur-data` attached, and a site stick signed with `baladeur site sign` (development
 * provisioning). First boot: systemd-boot enrolls the image's Secure Boot keys (the firmware starts
 * in setup mode) and resets. Second boot, Secure Boot on: checks the chain of trust (verity root,
 * /data a LUKS2 volume the TPM opened, the forged stick ignored, the kiosk provisioned from the
 * signed one, its emergency keyring on /data), then the kiosk (server
 * ready, page served, browser running and painting, the page watchdog drill, no failed unit,
 * nothing unexpected in the writable locations); then power off, and the raw disk is searched for
 * the kiosk secret, the emergency private key and any private JWK in clear. Prints each step's duration.
 * Usage: node --import tsx image/boot-test.ts [--out image/out]
 */
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  enrollSecureBoot,
  OVMF_VARS_SETUP_MODE,
  qemuArgs,
  runQemu,
  scanDisk,
  startSwtpm,
  type Vm,
} from './boot-vm.ts';
import { analysePpm } from './ppm.ts';

const out = resolve(
  process.argv.includes('--out') ? (process.argv[process.argv.indexOf('--out') + 1] as string) : 'image/out',
);
const TIMEOUT_MS = 15 * 60_000;
const work = mkdtempSync(join(tmpdir(), 'baladeur-boot-'));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const serialLog = join(out, 'boot-serial.log');
/** The signed site's name (no spaces: the self-test prints it as one marker word). */
const SITE_NAME = 'Boot-test-site';

/**
 * The development provisioning stick (baladeur-dev-provision.service, development images only): a
 * site signed with `baladeur site sign` and the development provisioning key, carrying a fresh
 * emergency private key, so that /data holds a real keyring for the raw disk search. Returns the
 * stick and the key's private member `d`.
 */
async function makeSiteStick(): Promise<{ stick: string; d: string }> {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const { kty, crv, x, y, d } = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  if (!d) throw new Error('no private member in the exported emergency key');
  const site = {
    format: 'baladeur-site/1',
    site: { name: SITE_NAME },
    printer: { transport: { type: 'none' } },
    trustAnchors: [readFileSync(resolve('.dev/pki/test-ca.crt.pem'), 'utf8')],
    emergencyKeyring: [{ kty, crv, x, y, d, kid: 'boot-test-emergency' }],
  };
  const siteFile = join(work, 'site.json');
  writeFileSync(siteFile, JSON.stringify(site, null, 2));
  const stick = join(work, 'site-stick.img');
  execFileSync(
    'node',
    [
      'scripts/baladeur.mjs',
      ...[
        'site',
        'sign',
        '--key',
        '.dev/pki/provisioning.key.pem',
        '--cert',
        '.dev/pki/provisioning.crt.pem',
      ],
      ...['--in', siteFile, '--image', stick],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  rmSync(siteFile);
  return { stick, d };
}

/** A USB stick as an attacker would make it: labelled like the old data partition, with a config. */
function makeStick(): string {
  const tree = join(work, 'stick');
  mkdirSync(join(tree, 'baladeur'), { recursive: true });
  copyFileSync(resolve('.dev/pki/test-ca.crt.pem'), join(tree, 'baladeur/trust-anchor.pem'));
  const config = { site: { name: 'Forged site' }, trustAnchors: ['trust-anchor.pem'], dataDir: '.' };
  writeFileSync(join(tree, 'baladeur/config.json'), JSON.stringify(config, null, 2));
  const stick = join(work, 'stick.img');
  execFileSync('mkfs.ext4', ['-q', '-L', 'baladeur-data', '-d', tree, stick, '64M']);
  return stick;
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
  writeFileSync(serialLog, '');
  const disk = join(work, 'disk.img');
  execFileSync('cp', ['--sparse=always', join(out, 'baladeur-disk.img'), disk]);
  const vars = join(work, 'vars.fd');
  copyFileSync(OVMF_VARS_SETUP_MODE, vars);
  const stick = makeStick();
  const site = await makeSiteStick();
  emergencyD = site.d;
  const vm: Vm = { disk, vars, tpmSocket: join(work, 'swtpm.sock'), monitor: join(work, 'monitor.sock') };
  // swtpm ends with each QEMU run (QEMU shuts the TPM down); its state folder carries the TPM over.
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
  else problems.push(...(await withTpm(() => bootKiosk(vm, stick, site.stick))));
  if (problems.length === 0) problems.push(...searchRawDisk(disk));
  console.log(`boot-test: ${seconds()} s total`);
  for (const p of problems) console.log(`boot-test: FAIL ${p}`);
  console.log(problems.length === 0 ? 'boot-test: PASS' : 'boot-test: see image/out/boot-serial.log');
  return problems.length === 0 ? 0 : 1;
}

let kioskSecretHead = '';
let emergencyD = '';
/** How many private emergency keys the self-test saw in /data/baladeur/keyring. */
let keyringFiles = 0;

function searchRawDisk(disk: string): string[] {
  const needles = new Map<string, Buffer>();
  if (/^[0-9a-f]{32}$/.test(kioskSecretHead))
    needles.set('kiosk secret', Buffer.from(kioskSecretHead, 'hex'));
  else return ['the self-test reported no kiosk secret to look for'];
  // Not vacuous: the keyring is on /data (the self-test listed it), so its key must be found
  // nowhere in clear, neither as the JSON text of `d` nor as its raw bytes.
  if (keyringFiles < 1) return ['no emergency keyring on /data: the raw disk search would prove nothing'];
  needles.set('emergency private key "d" (base64url)', Buffer.from(emergencyD, 'latin1'));
  needles.set('emergency private key "d" (raw)', Buffer.from(emergencyD, 'base64url'));
  const findings = scanDisk(disk, needles);
  console.log(`boot-test: ${seconds()} s host: raw disk searched, ${findings.length} finding(s)`);
  return findings.map((f) => `${f.what} in clear in the raw disk at byte ${f.offset}`);
}

async function bootKiosk(vm: Vm, stick: string, siteStick: string): Promise<string[]> {
  const screenshot = join(work, 'screen.ppm');
  const seen = new Map<string, string>();
  const values = new Map<string, string>();
  const failedUnits: string[] = [];
  const writableFiles: string[] = [];
  const mappings: string[] = [];
  let screen: ReturnType<typeof analysePpm> | undefined;
  const args = qemuArgs(vm, [
    // A reboot (an emergency: no shell, reboot instead; or a panic) ends the test.
    '-no-reboot',
    ...['-drive', `if=none,id=stick,file=${stick},format=raw,snapshot=on`],
    ...['-device', 'usb-storage,bus=xhci.0,drive=stick,removable=on'],
    ...['-drive', `if=none,id=site,file=${siteStick},format=raw,snapshot=on`],
    ...['-device', 'usb-storage,bus=xhci.0,drive=site,removable=on'],
    // The self-test runs only with this credential (baladeur-selftest.service): the kernel command
    // line is signed and cannot carry a switch.
    ...['-smbios', 'type=11,value=io.systemd.credential:baladeur.selftest=1'],
  ]);
  await runQemu(args, TIMEOUT_MS, serialLog, (line) => {
    const marker = /BALADEUR-SELFTEST (\S+)(?: (.*))?$/.exec(line);
    if (!marker) return;
    const [, name = '', tail = ''] = marker;
    const timed = / ?t=([\d.]+)$/.exec(tail);
    const uptime = timed?.[1] ?? '';
    const rest = timed ? tail.slice(0, timed.index) : tail;
    if (name === 'failed-unit') failedUnits.push(rest);
    else if (name === 'writable-file') writableFiles.push(rest);
    else if (name === 'dm') mappings.push(rest);
    else if (name === 'journal') console.log(`boot-test: journal ${rest}`);
    else if (name.startsWith('kiosk-secret-head=')) kioskSecretHead = name.slice('kiosk-secret-head='.length);
    else if (name.startsWith('keyring-files=')) keyringFiles = Number(name.slice('keyring-files='.length));
    else {
      const eq = name.indexOf('=');
      if (eq > 0) values.set(name.slice(0, eq), name.slice(eq + 1));
      seen.set(name, uptime);
      console.log(`boot-test: ${seconds()} s host, ${uptime} s guest uptime: ${name}`);
    }
    if (name === 'screenshot-now') {
      void monitorCommand(vm.monitor, `screendump ${screenshot}`).then(() => {
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
  });
  if (screen) copyFileSync(screenshot, join(out, 'boot-screen.ppm'));
  for (const m of mappings) console.log(`boot-test: device-mapper ${m}`);
  return [
    ...chainOfTrustProblems(values, mappings),
    ...kioskProblems(seen, failedUnits, screen),
    ...writableProblems(writableFiles),
  ];
}

/** Secure Boot on, root = verity volume, /data = LUKS2 on the boot disk opened by the TPM, USB held. */
function chainOfTrustProblems(values: ReadonlyMap<string, string>, mappings: readonly string[]): string[] {
  const problems: string[] = [];
  const expect = (key: string, want: string) => {
    if (values.get(key) !== want)
      problems.push(`${key} is ${values.get(key) ?? 'not reported'}, expected ${want}`);
  };
  expect('secure-boot', '1');
  expect('root-source', '/dev/mapper/root');
  expect('data-source', '/dev/mapper/data');
  // crypttab: no key file, headless: a token is the only way in, and the TPM2 token the only one
  // that needs no typing.
  expect('data-unlock', 'active');
  expect('usb-authorized-default', '0');
  // Provisioned from the signed site stick (development provisioning), never from the forged one.
  expect('provisioned', 'true');
  expect('site-name', SITE_NAME);
  const root = mappings.find((m) => m.startsWith('root '));
  if (!root || !/^root CRYPT-VERITY vd[a-z]\d+,vd[a-z]\d+,$/.test(root))
    problems.push(`the root is not a dm-verity volume over two boot-disk partitions (${root ?? 'none'})`);
  const data = mappings.find((m) => m.startsWith('data '));
  if (!data || !/^data CRYPT-LUKS2 vd[a-z]\d+,$/.test(data))
    problems.push(`/data is not a LUKS2 volume on a boot-disk partition (${data ?? 'none'})`);
  if (!/^sd[a-z],/.test(values.get('usb-block') ?? ''))
    problems.push('the USB stick was not authorised by usbguard (no USB disk seen)');
  return problems;
}

function kioskProblems(
  seen: ReadonlyMap<string, string>,
  failedUnits: readonly string[],
  screen: ReturnType<typeof analysePpm> | undefined,
): string[] {
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
  return problems;
}

/** Only the allow-listed files: the signed site's, the audit trail, the kiosk secret. */
function writableProblems(writableFiles: readonly string[]): string[] {
  console.log(`boot-test: writable files: ${writableFiles.join(', ') || 'none'}`);
  const unexpected = writableFiles.filter(
    (f) =>
      // Xwayland's display lock (cage), in RAM: in the kiosk unit's private /tmp since issue 20.
      !/^\/tmp\/(systemd-private-[0-9a-f]+-baladeur-kiosk\.service-\w+\/tmp\/)?\.X\d+-lock$/.test(f) &&
      !/^\/data\/baladeur\/(audit\.sqlite3?(-wal|-shm)?|kiosk-secret\.bin|screen\.env|cache\/bdpm-[\w.-]+|config\.json|site\.jws|anchors\/anchor-\d+\.pem|keyring\/[\w.-]+\.private\.jwk\.json)$/.test(
        f,
      ),
  );
  return unexpected.length > 0 ? [`unexpected files in writable locations: ${unexpected.join(', ')}`] : [];
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
