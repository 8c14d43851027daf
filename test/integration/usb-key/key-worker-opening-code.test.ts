/**
 * Issue 16: who leaves the patient's code in the key's worker. The session machine's effects for
 * a full-tier opening are carried out on a real key worker (as the runtime does: `open_with_code`,
 * then `author_forget` when the session says so); whether the worker still holds the code is
 * observed through the worker protocol: an update draft previews only with the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../appliance/common/app-root.ts';
import type { Profession } from '../../../appliance/common/professions.ts';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { generatePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../../appliance/record/container/create.ts';
import { createKeyImage } from '../../../appliance/record/fat/index.ts';
import { testCa, testPerson, type TestIdentity } from '../../../appliance/record/pki.testing.ts';
import { writeRecordToKey } from '../../../appliance/record/write-record.ts';
import { KeyWorker } from '../../../appliance/server/key-worker/client.ts';
import type { SessionEffect } from '../../../appliance/server/session/events.ts';
import {
  authenticated,
  cardOut,
  cmd,
  identity,
  keyIn,
  readOk,
  run,
  type Input,
} from '../../../appliance/server/session/fixtures.testing.ts';

const budgets = { readMs: 20_000, unlockMs: 60_000, appendMs: 20_000, bootMs: 90_000 };
const bundle = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
) as unknown;

let ca: TestIdentity;
let author: TestIdentity;
beforeAll(async () => {
  ca = await testCa('Opening code Root');
  author = await testPerson(ca, { name: 'Dr Claire MARTIN', title: '10' });
});

async function keyWithRecord(): Promise<{ image: SharedArrayBuffer; code: string }> {
  const code = generatePatientCode();
  const container = await createContainer({
    bundle,
    code,
    signer: { privateKeyPem: author.privateKeyPem, certificateChainPem: [author.certificatePem] },
    emergencyPublicKeys: { keys: [] },
    p2c: 1000,
  });
  const bytes = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 });
  if (!writeRecordToKey(memorySource(bytes), container).ok) throw new Error('test key');
  const image = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(image).set(bytes);
  return { image, code };
}

let worker: KeyWorker | undefined;
afterEach(() => worker?.close());

/** The session's inputs up to a full-tier opening by `profession`, with the worker answering. */
async function openThroughSession(profession: Profession, after: Input[] = []) {
  const { image, code } = await keyWithRecord();
  worker = new KeyWorker(
    {
      trustAnchorsPem: [ca.certificatePem],
      emergencyKeyring: [],
      kioskSecret: new Uint8Array(32).fill(7),
      siteName: 'Test site',
    },
    budgets,
  );
  await worker.started;
  worker.attach({ kind: 'memory', image, readOnly: false });
  expect((await worker.read()).ok).toBe(true);
  const opened = await worker.openWithCode(code, Date.now());
  if (!opened.ok) throw new Error(`not opened: ${opened.error}`);
  const { effects } = run([
    ...authenticated(identity(profession)),
    keyIn('key-1'),
    readOk,
    cmd({ type: 'code.submit', code }),
    (s) => {
      if (s.key.status !== 'unlocking') throw new Error('not unlocking');
      return {
        type: 'key.open_result',
        keyId: 'key-1',
        requestId: s.key.requestId,
        result: { ok: true, value: { tier: 'full', record: opened.value.record } },
      };
    },
    ...after,
  ]);
  // The runtime's part: each author_forget goes to the key's worker.
  for (const effect of effects as SessionEffect[]) if (effect.type === 'author_forget') worker.forgetDraft();
  return holdsCode(worker, profession);
}

/** An empty update draft previews from the record opened with the kept code, and from nothing else. */
async function holdsCode(w: KeyWorker, profession: Profession): Promise<boolean> {
  const preview = await w.authorPreview(
    {
      keyId: 'key-1',
      requestId: 1,
      mode: 'update',
      edits: [],
      author: { name: 'Dr Test', nationalId: '810001234567', profession },
    },
    Date.now(),
  );
  if (!preview.ok) expect(preview.error.code).toBe('invalid');
  return preview.ok;
}

describe('the patient’s code in the key worker after a full-tier opening', () => {
  it('a pharmacist’s opening: the worker holds no code', async () => {
    expect(await openThroughSession('pharmacist')).toBe(false);
  }, 120_000);

  it('a nurse’s opening: the worker holds no code', async () => {
    expect(await openThroughSession('nurse')).toBe(false);
  }, 120_000);

  it('a doctor’s opening: the worker holds it; the card removed: gone', async () => {
    expect(await openThroughSession('doctor')).toBe(true);
    worker?.close();
    expect(await openThroughSession('doctor', [cardOut])).toBe(false);
  }, 180_000);
});
