/**
 * A doctor's update (issue 16): signing a tier on the card and the whole update, key in → written.
 * The card is the virtual PIV applet called in process, so these figures hold no vpcd share; the
 * APDUs per signature are counted, and through pcscd + vpcd each costs ≈ 43 ms more (smartcard.ts);
 * record-update-vpcd.ts measures the same through the real pcscd + vpcd.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ok } from '../../appliance/common/result.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { createApplet } from '../../appliance/dev/virtual-card/index.ts';
import { pivRecordSigner } from '../../appliance/drivers/smartcard/piv/piv-signer.ts';
import { memorySource } from '../../appliance/record/block-source.ts';
import { generatePatientCode } from '../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../appliance/record/container/create.ts';
import { DEFAULT_P2C } from '../../appliance/record/crypto/encrypt.ts';
import { signTier } from '../../appliance/record/crypto/sign.ts';
import { createKeyImage } from '../../appliance/record/fat/index.ts';
import { updateRecordOnKey } from '../../appliance/record/update-record.ts';
import { writeRecordToKey } from '../../appliance/record/write-record.ts';
import { APP_ROOT } from '../../appliance/common/app-root.ts';
import type { BenchFigure } from './figure.ts';
import { percentile } from './figure.ts';

const VPCD_MS_PER_APDU = 43;

export default async function bench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-update-'));
  try {
    const pki = await ensureDevPki(path.join(dir, 'pki'));
    const applet = await createApplet(pki, 'doctor');
    let apdus = 0;
    const card = await pivRecordSigner(async (command) => {
      apdus += 1;
      return ok(applet.process(command));
    }, pki.people.doctor.pin);
    if (!card.ok) throw new Error(`virtual doctor card: ${card.error.kind}`);
    const fixture = path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG-bundle-01.json');
    const bundle = JSON.parse(readFileSync(fixture, 'utf8')) as unknown;
    const payload = new TextEncoder().encode(JSON.stringify(bundle));
    const signs: number[] = [];
    apdus = 0;
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      await signTier(payload, card.value, { tier: 'full' });
      signs.push(performance.now() - started);
    }
    const apdusPerSignature = apdus / 20;
    const code = generatePatientCode();
    const fileSigner = {
      privateKeyPem: pki.people.doctor.signing?.keyPem ?? '',
      certificateChainPem: [pki.people.doctor.signing?.certPem ?? ''],
    };
    const updates: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const source = memorySource(
        createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 64 << 20 }),
      );
      const first = await createContainer({
        bundle,
        code,
        signer: fileSigner,
        emergencyPublicKeys: pki.emergency.keyring,
        p2c: DEFAULT_P2C,
      });
      writeRecordToKey(source, first);
      const started = performance.now();
      const updated = await updateRecordOnKey(source, {
        bundle,
        code,
        signer: card.value,
        emergencyPublicKeys: pki.emergency.keyring,
        p2c: DEFAULT_P2C,
        author: { name: pki.people.doctor.name, profession: 'doctor', site: 'bench' },
        trustAnchorsPem: [pki.testCa.certPem],
      });
      if (!updated.ok) throw new Error(`update failed at ${updated.error.stage}`);
      updates.push(performance.now() - started);
    }
    const vpcdShare = 2 * apdusPerSignature * VPCD_MS_PER_APDU;
    return [
      {
        name: 'update.sign_on_card.p95',
        value: percentile(signs, 95),
        unit: 'ms',
        note: `in-process virtual PIV, ${apdusPerSignature} APDUs per tier (+≈${apdusPerSignature * VPCD_MS_PER_APDU} ms via vpcd)`,
      },
      {
        name: 'update.whole.median',
        value: percentile(updates, 50),
        unit: 'ms',
        note: `key in → written, IPS_IG-bundle-01, p2c ${DEFAULT_P2C}, in-memory FAT32; vpcd would add ≈${vpcdShare} ms (2 tiers)`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
