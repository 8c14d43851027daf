/**
 * PKCS#11 card timings on SoftHSM2 (issue 17): a CPS-like card (RSA-2048, 4-digit PIN) from
 * "insert" (its token made visible) to authenticated, through the real PKCS#11 driver and its
 * worker thread. SoftHSM is a software token: this measures the driver, poll and crypto, not a
 * card; a physical CPS adds its own RSA signature time (hundreds of ms). The OpenSC/vpcd figure
 * needs the machine's pcscd and is not in this area.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { ensureSoftHsmCards, tokenLabel } from '../../appliance/dev/pki/softhsm-cards.ts';
import { parseTrustAnchors } from '../../appliance/drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../../appliance/drivers/smartcard/pkcs11/pkcs11-driver.ts';
import { parseCrls } from '../../appliance/drivers/smartcard/revocation.ts';
import type { ReaderStatus } from '../../appliance/drivers/smartcard/types.ts';
import type { BenchFigure } from './figure.ts';
import { percentile } from './figure.ts';

const ROUNDS = 10;
const POLL_MS = 100;

function next(service: Pkcs11SmartcardService, want: (s: ReaderStatus) => boolean): Promise<ReaderStatus> {
  return new Promise((resolve, reject) => {
    if (want(service.current())) return resolve(service.current());
    const timer = setTimeout(() => reject(new Error('bench: no status change within 10 s')), 10_000);
    const off = service.onStatus((s) => {
      if (!want(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export default async function bench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-pkcs11-'));
  const pki = await ensureDevPki(path.join(dir, 'pki'));
  const cards = await ensureSoftHsmCards(path.join(dir, 'softhsm'), pki);
  process.env.SOFTHSM2_CONF = cards.conf;
  let visible: string | undefined;
  const service = new Pkcs11SmartcardService({
    modulePath: cards.modulePath,
    anchors: parseTrustAnchors([pki.testCa.certPem]),
    revocation: { crls: parseCrls([await readFile(cards.crlPath, 'utf8')]), staleCrl: 'warn' },
    pollMs: POLL_MS,
    tokenVisible: (t) => t.label === visible,
  });
  const present: number[] = [];
  const login: number[] = [];
  const total: number[] = [];
  try {
    await next(service, (s) => s.status === 'no_card');
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      visible = tokenLabel('cps-nurse');
      const status = await next(service, (s) => s.status === 'card_present');
      const t1 = performance.now();
      if (status.status !== 'card_present') throw new Error('bench: card not present');
      const result = await service.login(status.cardId, '6060');
      const t2 = performance.now();
      if (result.status !== 'authenticated') throw new Error(`bench: login ${result.status}`);
      present.push(t1 - t0);
      login.push(t2 - t1);
      total.push(t2 - t0);
      visible = undefined;
      await next(service, (s) => s.status === 'no_card');
    }
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
  const p50 = (xs: number[]): number => Math.round(percentile(xs, 50));
  const p95 = (xs: number[]): number => Math.round(percentile(xs, 95));
  return [
    {
      name: 'smartcard.pkcs11.softhsm.inserted_to_card_present',
      value: p50(present),
      unit: 'ms',
      note: `median of ${ROUNDS}; bounded poll every ${POLL_MS} ms (kiosk default 300 ms) + C_OpenSession + certificates`,
    },
    {
      name: 'smartcard.pkcs11.softhsm.pin_to_authenticated',
      value: p50(login),
      unit: 'ms',
      note: `median of ${ROUNDS}; chain + CRL check, C_Login, RSA-2048 challenge signed and verified`,
    },
    {
      name: 'smartcard.pkcs11.softhsm.inserted_to_authenticated_p95',
      value: p95(total),
      unit: 'ms',
      note: `p95 of ${ROUNDS}; insert → authenticated, PIN typed instantly`,
    },
  ];
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await bench(), null, 2));
}
