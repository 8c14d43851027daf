/**
 * `npm run at-rest` (issue 15): no patient data at rest, checked at scale. Starts the compiled dev
 * kiosk (simulated hardware: the real pcscd with virtual cards unless `--memory-cards`) with a
 * private data folder, TMPDIR and Chromium profile; keeps the kiosk page open in Chromium; runs
 * N scripted sessions (nurse, break-glass, pharmacist, print, pulled key, pulled card) over the ten
 * demo keys; stops everything; then searches the data folder (audit SQLite, caches), TMPDIR, the
 * server's log output, the browser profile and every file written under /tmp meanwhile for the
 * records' clinical and identifying strings. Prints one JSON line of figures; exits 1 on any hit
 * or failed session. Hits are reported by file and needle number, never by the needle's text.
 * Usage: npm run at-rest [-- --sessions 100] [--memory-cards]
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { devConfigJson } from '../../appliance/dev/dev-config.ts';
import { ipsFixturesDir } from '../../appliance/dev/fixtures.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { secretFromHtml } from '../../appliance/ui/src/lib/secret.ts';
import { needlesOf, withoutShipped } from './needles.ts';
import { filesUnder, scan } from './scan.ts';
import { attach, runSession, SESSION_KINDS, type SessionKind } from './sessions.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const argv = process.argv.slice(2);
const sessions = Number(argv[argv.indexOf('--sessions') + 1] ?? 100) || 100;
const memoryCards = argv.includes('--memory-cards');
const started = Date.now();

const root = mkdtempSync(path.join(tmpdir(), 'baladeur-at-rest-'));
const dirs = {
  data: path.join(root, 'data'),
  tmp: path.join(root, 'tmp'),
  profile: path.join(root, 'profile'),
};
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
const pki = await ensureDevPki();
const configFile = path.join(root, 'config.json');
writeFileSync(configFile, JSON.stringify({ ...devConfigJson(pki, root), dataDir: 'data' }, null, 2));
const logFile = path.join(root, 'server.log');
const log = createWriteStream(logFile);

const server = spawn(
  process.execPath,
  [path.join(REPO, 'dist/appliance/dev/main.js'), '--config', configFile],
  {
    env: {
      ...process.env,
      PORT: '0',
      TMPDIR: dirs.tmp,
      LOG_LEVEL: 'info',
      BALADEUR_DEMO_P2C: '1000',
      BALADEUR_SIM_CARD: memoryCards ? 'memory' : 'pcscd',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
server.stderr.pipe(log, { end: false });
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('the kiosk did not start within 180 s')), 180_000);
  server.stdout.on('data', (chunk: Buffer) => {
    log.write(chunk);
    out += chunk.toString();
    const m = /kiosk ready at (http:\/\/\S+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(m[1] as string);
    }
  });
  server.once('exit', (code) => reject(new Error(`the kiosk exited (${code}) before it was ready`)));
});

const browser = await chromium.launchPersistentContext(dirs.profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  env: { ...process.env, TMPDIR: dirs.tmp },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = browser.pages()[0] ?? (await browser.newPage());
await page.goto(base);
const secret = secretFromHtml(await (await fetch(base)).text());
if (secret === undefined) throw new Error('no page secret: is the UI built (npm run build)?');
const kiosk = await attach(base, secret);

// What the records hold, less what the kiosk ships itself (the page, the drug reference) and what
// is already in our folders before any record is opened (the browser's own profile strings, the
// demo keys' names): those cannot be a patient's data at rest.
const fixtures = ipsFixturesDir();
const fixtureNames = readdirSync(fixtures).filter((f) => f.endsWith('.json'));
const needles = new Set<string>();
for (const name of fixtureNames)
  for (const n of needlesOf(JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')))) needles.add(n);
const reference = [
  ...filesUnder(path.join(REPO, 'appliance/ui/dist')),
  ...filesUnder(path.join(REPO, 'appliance/crosscheck/data/bdpm')),
  ...filesUnder(path.join(REPO, 'dist/appliance')),
];
const baseline = scan(filesUnder(root), [...needles]);
const before = new Set(baseline.hits.map((h) => h.needle));
const candidates = new Set(
  [...needles].filter((_n, i) => !before.has(i) && !fixtureNames.some((f) => f.includes(_n))),
);

const demos = kiosk.state.demoKeys.map((d) => d.name);
const counts = Object.fromEntries(SESSION_KINDS.map((k) => [k, 0])) as Record<SessionKind, number>;
const failures: string[] = [];
for (let i = 0; i < sessions; i++) {
  const kind = SESSION_KINDS[i % SESSION_KINDS.length] as SessionKind;
  const demo = demos[i % demos.length] as string;
  try {
    await runSession(kiosk, kind, demo);
    counts[kind]++;
  } catch (error) {
    failures.push(
      `${i} ${kind}: ${String((error as Error).message).slice(0, 200)} ${String((error as { cause?: unknown }).cause ?? '').slice(0, 200)}`,
    );
    await fetch(new URL('dev/usb-key/remove', base), { method: 'POST' }).catch(() => undefined);
    await fetch(new URL('dev/card/remove', base), { method: 'POST' }).catch(() => undefined);
  }
}
const pageShown = await page.evaluate(() => document.body.innerText.length);
kiosk.socket.close();
await browser.close();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
log.end();
await new Promise<void>((resolve) => log.once('close', () => resolve()));

// The drug reference's index, built in the data folder at the pharmacist's first login, is
// reference data too.
const { kept, dropped } = withoutShipped(candidates, [
  ...reference,
  ...filesUnder(dirs.data).filter((f) => path.basename(f).startsWith('bdpm-index-')),
]);

const ours = [...filesUnder(root)];
const systemTmp = filesUnder(tmpdir(), started).filter((f) => !f.startsWith(root + path.sep));
const { hits, bytes } = scan([...ours, ...systemTmp], kept);
const figures = {
  area: 'at_rest',
  sessions,
  ok: sessions - failures.length,
  kinds: counts,
  cards: memoryCards ? 'memory' : 'pcscd',
  page_text_chars: pageShown,
  needles: kept.length,
  needles_dropped_as_shipped: dropped,
  needles_dropped_present_before: needles.size - candidates.size,
  files_scanned: ours.length + systemTmp.length,
  system_tmp_files: systemTmp.length,
  bytes_scanned: bytes,
  hits: hits.length,
  seconds: Math.round((Date.now() - started) / 1000),
};
for (const f of failures) console.error(`at-rest: session failed: ${f}`);
for (const h of hits) console.error(`at-rest: HIT needle #${h.needle} (${h.encoding}) in ${h.file}`);
console.log(JSON.stringify(figures));
if (hits.length === 0 && failures.length === 0) rmSync(root, { recursive: true, force: true });
else console.error(`at-rest: kept ${root} for inspection`);
process.exit(hits.length === 0 && failures.length === 0 ? 0 : 1);
