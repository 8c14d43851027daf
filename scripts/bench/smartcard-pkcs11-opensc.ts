/**
 * PKCS#11 login time through OpenSC's module (issue 17): the virtual PIV nurse card (P-256) in
 * the machine's pcscd through vpcd, from "insert" (the card connects to vpcd) to authenticated,
 * through the real PKCS#11 driver and its workers, as configured on a kiosk (OpenSC has slot
 * events: the driver waits for them rather than polling). vpcd adds ≈ 43 ms
 * per APDU (docs/professional-cards.md), so this is slower than a CCID reader for the exchanges
 * and faster for the signature (a physical card signs in tens to hundreds of ms).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPcscd } from '../../appliance/dev/pcscd-process.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { createVirtualCard } from '../../appliance/dev/virtual-card/index.ts';
import { parseTrustAnchors } from '../../appliance/drivers/smartcard/certificate.ts';
import { Pkcs11SmartcardService } from '../../appliance/drivers/smartcard/pkcs11/pkcs11-driver.ts';
import type { BenchFigure } from './figure.ts';
import { percentile } from './figure.ts';
import type { ReaderStatus } from '../../appliance/drivers/smartcard/types.ts';

export const OPENSC_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const ROUNDS = 8;

export function nextStatus(
  service: Pkcs11SmartcardService,
  want: (s: ReaderStatus) => boolean,
  ms = 10_000,
): Promise<ReaderStatus> {
  return new Promise((resolve, reject) => {
    if (want(service.current())) return resolve(service.current());
    const timer = setTimeout(() => reject(new Error(`bench: no status change within ${ms} ms`)), ms);
    const off = service.onStatus((s) => {
      if (!want(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export async function benchOpenScLogin(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-opensc-'));
  const started = await startPcscd({ friendlyName: 'Bench Virtual Reader' });
  if (!started.ok) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`OpenSC bench needs pcscd and vpcd: ${started.error.message}`);
  }
  const pcscd = started.value;
  const pki = await ensureDevPki(path.join(dir, 'pki'));
  const card = await createVirtualCard(pki, 'nurse', { port: pcscd.port });
  const service = new Pkcs11SmartcardService({
    modulePath: OPENSC_MODULE,
    anchors: parseTrustAnchors([pki.testCa.certPem]),
  });
  const present: number[] = [];
  const login: number[] = [];
  const total: number[] = [];
  try {
    await nextStatus(service, (s) => s.status === 'no_card', 20_000);
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await card.insert();
      const status = await nextStatus(service, (s) => s.status === 'card_present', 20_000);
      const t1 = performance.now();
      if (status.status !== 'card_present') throw new Error('bench: card not present');
      const result = await service.login(status.cardId, pki.people.nurse.pin);
      const t2 = performance.now();
      if (result.status !== 'authenticated') throw new Error(`bench: login ${result.status}`);
      present.push(t1 - t0);
      login.push(t2 - t1);
      total.push(t2 - t0);
      await card.remove();
      await nextStatus(service, (s) => s.status === 'no_card', 10_000);
    }
  } finally {
    await service.close();
    await card.remove();
    await pcscd.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const p50 = (xs: number[]): number => Math.round(percentile(xs, 50));
  return [
    {
      name: 'smartcard.pkcs11.opensc.inserted_to_card_present',
      value: p50(present),
      unit: 'ms',
      note: `median of ${ROUNDS}; vpcd insert → pcscd → OpenSC detects and binds the card (PIV), slot event (blocking wait), C_OpenSession + certificate read`,
    },
    {
      name: 'smartcard.pkcs11.opensc.pin_to_authenticated',
      value: p50(login),
      unit: 'ms',
      note: `median of ${ROUNDS}; chain check, C_Login (VERIFY), P-256 challenge signed on the card (GENERAL AUTHENTICATE) and verified`,
    },
    {
      name: 'smartcard.pkcs11.opensc.inserted_to_authenticated_p50',
      value: p50(total),
      unit: 'ms',
      note: `median of ${ROUNDS}, max ${Math.round(Math.max(...total))} ms; insert → authenticated, PIN typed instantly`,
    },
  ];
}
