/**
 * PKCS#11 card timings on SoftHSM2 (issue 17): a CPS-like card (RSA-2048, 4-digit PIN) from
 * "insert" (its token made visible and the driver told, as the dev dock does) to authenticated,
 * through the real PKCS#11 driver and its worker thread. SoftHSM is a software token: this
 * measures the driver and crypto, not a card; a physical CPS adds its own RSA signature time
 * (hundreds of ms). Then the same through OpenSC over the virtual PIV card in pcscd
 * (smartcard-pkcs11-opensc.ts).
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
import { benchOpenScLogin, nextStatus } from './smartcard-pkcs11-opensc.ts';

const ROUNDS = 10;

export default async function bench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-pkcs11-'));
  const pki = await ensureDevPki(path.join(dir, 'pki'));
  const cards = await ensureSoftHsmCards(path.join(dir, 'softhsm'), pki);
  process.env.SOFTHSM2_CONF = cards.conf;
  let visible: string | undefined;
  let rescan: () => void = () => undefined;
  const service = new Pkcs11SmartcardService({
    modulePath: cards.modulePath,
    anchors: parseTrustAnchors([pki.testCa.certPem]),
    revocation: { crls: parseCrls([await readFile(cards.crlPath, 'utf8')]), staleCrl: 'warn' },
    tokenVisible: (t) => t.label === visible,
    tokenChanges: (r) => {
      rescan = r;
      return () => (rescan = () => undefined);
    },
  });
  const next = (want: (s: ReaderStatus) => boolean) => nextStatus(service, want);
  const present: number[] = [];
  const login: number[] = [];
  const total: number[] = [];
  const signerReady: number[] = [];
  const signature: number[] = [];
  try {
    await next((s) => s.status === 'no_card');
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      visible = tokenLabel('cps-nurse');
      rescan();
      const status = await next((s) => s.status === 'card_present');
      const t1 = performance.now();
      if (status.status !== 'card_present') throw new Error('bench: card not present');
      const result = await service.login(status.cardId, '6060');
      const t2 = performance.now();
      if (result.status !== 'authenticated') throw new Error(`bench: login ${result.status}`);
      const t3 = performance.now();
      const made = await service.recordSigner(status.cardId, '6060');
      const t4 = performance.now();
      if (made.status !== 'ready') throw new Error(`bench: record signer ${made.status}`);
      await made.signer.sign(new TextEncoder().encode('header.payload'));
      signerReady.push(t4 - t3);
      signature.push(performance.now() - t4);
      present.push(t1 - t0);
      login.push(t2 - t1);
      total.push(t2 - t0);
      visible = undefined;
      rescan();
      await next((s) => s.status === 'no_card');
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
      note: `median of ${ROUNDS}; dock push (no poll) + C_GetTokenInfo + C_OpenSession + certificates`,
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
    {
      name: 'smartcard.pkcs11.softhsm.pin_to_record_signer',
      value: p50(signerReady),
      unit: 'ms',
      note: `median of ${ROUNDS}; certificates, C_Login, signature key and mechanisms, C_Logout (issue 16)`,
    },
    {
      name: 'smartcard.pkcs11.softhsm.record_signature_ps256',
      value: p50(signature),
      unit: 'ms',
      note: `median of ${ROUNDS}; one tier: C_Login, key, C_Sign RSA-2048 PSS, local check, C_Logout`,
    },
    ...(await benchOpenScLogin()),
  ];
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await bench(), null, 2));
}
