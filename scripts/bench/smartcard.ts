/**
 * Smart-card timings through the real pcscd + vpcd + virtual PIV card (simulated mode). Card
 * figures are vpcd-bound: Debian's vpcd 3.3 adds ≈ 43 ms per APDU (Nagle + delayed ACK).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseTrustAnchors } from '../../appliance/drivers/smartcard/certificate.ts';
import { PcscSmartcardService } from '../../appliance/drivers/smartcard/pcsc-driver.ts';
import { startPcscd } from '../../appliance/dev/pcscd-process.ts';
import type { ReaderStatus } from '../../appliance/drivers/smartcard/types.ts';
import { createVirtualCard } from '../../appliance/dev/virtual-card/index.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import type { BenchFigure } from './figure.ts';
import { percentile } from './figure.ts';

const ROUNDS = 5;

function next(service: PcscSmartcardService, status: ReaderStatus['status']): Promise<ReaderStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: no ${status} within 10 s`)), 10_000);
    const off = service.onStatus((s) => {
      if (s.status !== status) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export default async function bench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-smartcard-'));
  const pcscd = await startPcscd();
  if (!pcscd.ok) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(pcscd.error.message);
  }
  const pki = await ensureDevPki(path.join(dir, 'pki'));
  const service = new PcscSmartcardService({ anchors: parseTrustAnchors([pki.testCa.certPem]) });
  const inserted: number[] = [];
  const login: number[] = [];
  const removed: number[] = [];
  try {
    if (service.current().status !== 'no_card') await next(service, 'no_card');
    const card = await createVirtualCard(pki, 'nurse');
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      const present = next(service, 'card_present');
      await card.insert();
      const status = await present;
      inserted.push(performance.now() - t);
      if (status.status !== 'card_present') throw new Error('bench: card not present');
      t = performance.now();
      const result = await service.login(status.cardId, pki.people.nurse.pin);
      login.push(performance.now() - t);
      if (result.status !== 'authenticated') throw new Error(`bench: login ${result.status}`);
      t = performance.now();
      const gone = next(service, 'no_card');
      await card.remove();
      await gone;
      removed.push(performance.now() - t);
    }
  } finally {
    await service.close();
    await pcscd.value.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const p50 = (xs: number[]): number => Math.round(percentile(xs, 50));
  return [
    {
      name: 'smartcard.inserted_to_card_present',
      value: p50(inserted),
      unit: 'ms',
      note: `median of ${ROUNDS}; pcscd detection (≈ 0.3 s for vpcd) + SELECT, vpcd-bound`,
    },
    {
      name: 'smartcard.pin_to_authenticated',
      value: p50(login),
      unit: 'ms',
      note: `median of ${ROUNDS}; VERIFY + GENERAL AUTHENTICATE + chain check, vpcd-bound (≈ 43 ms per APDU)`,
    },
    {
      name: 'smartcard.removed_to_no_card',
      value: p50(removed),
      unit: 'ms',
      budget: '≤ 200 ms (to screen wiped)',
      note: `median of ${ROUNDS}; driver status only, the UI wipe adds the socket push`,
    },
  ];
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await bench(), null, 2));
}
