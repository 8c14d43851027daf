/**
 * The dev dock's two simulated readers (no pcscd here: the in-memory PIV card stands in for the
 * virtual one): SoftHSM CPS-like cards through the real PKCS#11 driver, inserted by profile.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../appliance/common/event-logger.ts';
import { ensureDevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { memoryCardSimulation, type CardSimulation } from '../../../appliance/dev/dock/sim-cards.ts';
import { combineCardSimulations } from '../../../appliance/dev/dock/sim-cards-combined.ts';
import { softHsmCardSimulation } from '../../../appliance/dev/dock/sim-cards-softhsm.ts';
import { certificateSerial } from '../../../appliance/dev/pki/softhsm-cards.ts';

let dir: string;
let sim: CardSimulation;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'baladeur-dock-softhsm-'));
  const pki = await ensureDevPki();
  const softhsm = await softHsmCardSimulation({
    pki,
    trustAnchorsPem: [pki.testCa.certPem],
    log: silentLogger,
    dir,
  });
  sim = combineCardSimulations(memoryCardSimulation(pki), softhsm);
}, 120_000);

afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const presentId = (): string => {
  const s = sim.service.current();
  if (s.status !== 'card_present') throw new Error(`no card: ${s.status}`);
  return s.cardId;
};

describe('dev dock: PIV and SoftHSM CPS cards behind one reader service', () => {
  it('lists the SoftHSM profiles with their 4-digit PINs beside the PIV ones', () => {
    const cps = sim.cards.profiles.filter((p) => p.profile.startsWith('cps-'));
    expect(cps.map((p) => p.profile)).toEqual([
      'cps-doctor',
      'cps-nurse',
      'cps-pharmacist',
      'cps-midwife',
      'cps-technician',
      'cps-expired',
      'cps-revoked',
      'cps-blocked',
    ]);
    for (const p of cps) expect(p.pin).toMatch(/^\d{4}$/);
    expect(sim.cards.profiles.some((p) => p.profile === 'nurse')).toBe(true);
  });

  it('a SoftHSM nurse card logs in; the revoked one is refused; the blocked one says blocked', async () => {
    expect(await sim.cards.insert('cps-nurse')).toBe(true);
    expect(sim.service.current()).toMatchObject({ status: 'card_present', pinLength: { min: 4, max: 8 } });
    expect(await sim.service.login(presentId(), '6060')).toMatchObject({ status: 'authenticated' });

    await sim.cards.insert('cps-revoked');
    expect(await sim.service.login(presentId(), '6060')).toEqual({ status: 'rejected', reason: 'revoked' });

    await sim.cards.insert('cps-blocked');
    expect(await sim.service.pinRetries(presentId())).toBe(0);
  });

  it('the doctor’s CPS signs records through the dock (PS256, its signature certificate); a wrong PIN is wrong_pin', async () => {
    await sim.cards.insert('cps-doctor');
    const cardId = presentId();
    expect(await sim.service.recordSigner?.(cardId, '0000')).toEqual({ status: 'wrong_pin' });
    const made = await sim.service.recordSigner?.(cardId, '1010');
    if (made?.status !== 'ready') throw new Error(`no signer: ${made?.status}`);
    expect(made.signer.algorithm).toBe('PS256');
    const leaf = new X509Certificate(made.signer.certificateChain[0] ?? new Uint8Array());
    expect(leaf.serialNumber.toLowerCase()).toBe(certificateSerial('cps-doctor', 'sign'));
    expect((await made.signer.sign(new TextEncoder().encode('h.p'))).length).toBe(256);
  });

  it('inserting a PIV card removes the SoftHSM one, and back', async () => {
    await sim.cards.insert('cps-doctor');
    const cps = presentId();
    await sim.cards.insert('nurse');
    expect(sim.cards.insertedProfile()).toBe('nurse');
    const piv = presentId();
    expect(piv).not.toBe(cps);
    expect(await sim.service.login(cps, '1010')).toEqual({ status: 'card_removed' });
    await sim.cards.remove();
    expect(sim.service.current().status).not.toBe('card_present');
  });
});
