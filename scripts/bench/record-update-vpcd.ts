/**
 * A doctor's update with the card through the real pcscd + vpcd + virtual PIV doctor card (issue
 * 16): the card's signature (VERIFY + GENERAL AUTHENTICATE 9C, as `baladeur key update --card`
 * opens it) and the whole update, key in → written, with the time spent in the card named apart
 * from the rest (opening with the code, the log key, sealing, writing). record-update.ts has the
 * same figures with the applet called in process (no vpcd).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_ROOT } from '../../appliance/common/app-root.ts';
import type { RecordSigner } from '../../appliance/common/record-signer.ts';
import { startPcscd } from '../../appliance/dev/pcscd-process.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { createVirtualCard } from '../../appliance/dev/virtual-card/index.ts';
import { openPcscRecordSigner } from '../../appliance/drivers/smartcard/pcsc-signer.ts';
import { memorySource } from '../../appliance/record/block-source.ts';
import { generatePatientCode } from '../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../appliance/record/container/create.ts';
import { DEFAULT_P2C } from '../../appliance/record/crypto/encrypt.ts';
import { signTier } from '../../appliance/record/crypto/sign.ts';
import { createKeyImage } from '../../appliance/record/fat/index.ts';
import { updateRecordOnKey } from '../../appliance/record/update-record.ts';
import { writeRecordToKey } from '../../appliance/record/write-record.ts';
import type { BenchFigure } from './figure.ts';
import { percentile } from './figure.ts';

const SIGNATURES = 10;
const UPDATES = 3;

/** The signer, with the time spent in `sign` (the card's I/O through pcscd and vpcd) added up. */
function timed(signer: RecordSigner): { signer: RecordSigner; cardMs: () => number; reset: () => void } {
  let ms = 0;
  return {
    signer: {
      algorithm: signer.algorithm,
      certificateChain: signer.certificateChain,
      async sign(input) {
        const started = performance.now();
        try {
          return await signer.sign(input);
        } finally {
          ms += performance.now() - started;
        }
      },
    },
    cardMs: () => ms,
    reset: () => {
      ms = 0;
    },
  };
}

export default async function bench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-update-vpcd-'));
  const pcscd = await startPcscd();
  if (!pcscd.ok) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(pcscd.error.message);
  }
  const pki = await ensureDevPki(path.join(dir, 'pki'));
  const card = await createVirtualCard(pki, 'doctor', { port: pcscd.value.port });
  const signs: number[] = [];
  const updates: number[] = [];
  const cardShares: number[] = [];
  let openMs: number | undefined;
  try {
    await card.insert();
    const started = performance.now();
    const opened = await openPcscRecordSigner({ pin: pki.people.doctor.pin });
    openMs = performance.now() - started;
    if (!opened.ok) throw new Error(`doctor card over vpcd: ${opened.error.kind}`);
    try {
      const measured = timed(opened.value.signer);
      const fixture = path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG-bundle-01.json');
      const bundle = JSON.parse(readFileSync(fixture, 'utf8')) as unknown;
      const payload = new TextEncoder().encode(JSON.stringify(bundle));
      for (let i = 0; i < SIGNATURES; i += 1) {
        const t = performance.now();
        await signTier(payload, measured.signer, { tier: 'full' });
        signs.push(performance.now() - t);
      }
      const code = generatePatientCode();
      const fileSigner = {
        privateKeyPem: pki.people.doctor.signing?.keyPem ?? '',
        certificateChainPem: [pki.people.doctor.signing?.certPem ?? ''],
      };
      for (let i = 0; i < UPDATES; i += 1) {
        const source = memorySource(
          createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 64 << 20 }),
        );
        writeRecordToKey(
          source,
          await createContainer({
            bundle,
            code,
            signer: fileSigner,
            emergencyPublicKeys: pki.emergency.keyring,
            p2c: DEFAULT_P2C,
          }),
        );
        measured.reset();
        const t = performance.now();
        const updated = await updateRecordOnKey(source, {
          bundle,
          code,
          signer: measured.signer,
          emergencyPublicKeys: pki.emergency.keyring,
          p2c: DEFAULT_P2C,
          author: { name: pki.people.doctor.name, profession: 'doctor', site: 'bench' },
          trustAnchorsPem: [pki.testCa.certPem],
        });
        if (!updated.ok) throw new Error(`update failed at ${updated.error.stage}`);
        updates.push(performance.now() - t);
        cardShares.push(measured.cardMs());
      }
    } finally {
      await opened.value.close();
    }
  } finally {
    await card.remove();
    await pcscd.value.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const whole = percentile(updates, 50);
  const share = percentile(cardShares, 50);
  const round = (ms: number): number => Math.round(ms);
  return [
    {
      name: 'update.vpcd.open_card',
      value: round(openMs ?? Number.NaN),
      unit: 'ms',
      note: 'reader found, card connected, SELECT, 9C certificate read, PIN checked (once)',
    },
    {
      name: 'update.vpcd.sign_on_card.p50',
      value: round(percentile(signs, 50)),
      unit: 'ms',
      note: `one tier, VERIFY + GENERAL AUTHENTICATE 9C through pcscd + vpcd; ${SIGNATURES} signatures`,
    },
    {
      name: 'update.vpcd.sign_on_card.p95',
      value: round(percentile(signs, 95)),
      unit: 'ms',
    },
    {
      name: 'update.vpcd.whole.median',
      value: round(whole),
      unit: 'ms',
      note: `key in → written, 2 tiers signed on the card, IPS_IG-bundle-01, p2c ${DEFAULT_P2C}, in-memory FAT32; median of ${UPDATES}`,
    },
    {
      name: 'update.vpcd.whole.card_share',
      value: round(share),
      unit: 'ms',
      note: `card I/O (pcscd + vpcd) ${Math.round((100 * share) / whole)} % of the whole update; the rest ${round(whole - share)} ms (code KDF, log key, sealing, write)`,
    },
  ];
}
