/**
 * A key worker: everything that touches one key's bytes — opening the device, FAT, decryption,
 * validation, the summary, the access-log write — runs here, on its own thread, so that a stick
 * that stalls in the kernel (SCSI timeouts) or a hostile key that costs seconds blocks this thread
 * only. The main thread sends requests and may terminate the worker at any time; nothing here
 * outlives the key. No logging: the main thread logs outcomes (no patient data either way).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BlockSource } from '../../record/block-source.ts';
import { BlockIoError } from '../../record/block-source.ts';
import { openKey } from '../../drivers/usb-key/key-device.ts';
import { err, ok, type Result } from '../../common/result.ts';
import type { KeyErrorReason } from '../../contract/session-view.ts';
import { createRecordPort } from '../record-adapter.ts';
import { createAuthoringWorker } from './authoring-worker.ts';
import type { KeyDevice } from '../../drivers/usb-key/key-device.ts';
import {
  AttachSchema,
  KeyRequestSchema,
  WorkerSetupSchema,
  type KeyReply,
  type KeyRequest,
} from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('the key worker runs in a worker thread');
const setup = WorkerSetupSchema.parse(workerData);
/** The main thread's clock at the request (certificate validity, the access-log entry's time). */
let requestTime = new Date();
const records = createRecordPort({
  now: () => requestTime,
  trustAnchorsPem: setup.trustAnchorsPem,
  emergencyKeyring: setup.emergencyKeyring as JsonWebKey[],
  kioskSecret: setup.kioskSecret,
  siteName: setup.siteName,
  ...(setup.signerProfessions === undefined ? {} : { signerProfessions: setup.signerProfessions }),
  ...(setup.outdatedAfterMonths === undefined ? {} : { outdatedAfterMonths: setup.outdatedAfterMonths }),
  ...(setup.revocation === undefined
    ? {}
    : { revocation: { crls: setup.revocation.crls, staleCrl: setup.revocation.staleCrl } }),
});

let device: KeyDevice | undefined;
let source: BlockSource | undefined;
let container: Uint8Array | undefined;
/** Record authoring (issue 16): the code and decrypted bundle of a draft live here, never on the main thread. */
const authoring = createAuthoringWorker({
  post: (reply) => port.postMessage(reply),
  source: () => key(),
  records,
  setNow: (now) => (requestTime = now),
  setContainer: (written) => (container = written),
  siteName: setup.siteName,
  trustAnchorsPem: setup.trustAnchorsPem,
  emergencyKeyring: setup.emergencyKeyring as JsonWebKey[],
  ...(setup.signerProfessions === undefined ? {} : { signerProfessions: setup.signerProfessions }),
  ...(setup.revocation === undefined
    ? {}
    : { revocation: { crls: setup.revocation.crls, staleCrl: setup.revocation.staleCrl } }),
});

/** Opened on first use, here: opening a stalling device node may itself block. */
function key(): Result<BlockSource, KeyErrorReason> {
  if (source) return ok(source);
  if (!device) return err('unreadable');
  try {
    source = openKey(device);
    return ok(source);
  } catch (error) {
    if (error instanceof BlockIoError)
      return err(error.kind === 'removed' ? 'removed_while_reading' : 'unreadable');
    throw error;
  }
}

async function handle(request: KeyRequest): Promise<KeyReply> {
  const { id } = request;
  switch (request.op) {
    case 'read': {
      const opened = key();
      if (!opened.ok) return { id, op: request.op, result: opened };
      const read = await records.readContainer(opened.value);
      // A stick without a record is offered a new one: not when nothing can be written on it.
      if (!read.ok && read.error === 'not_a_baladeur_key' && opened.value.readOnly)
        return { id, op: request.op, result: err('write_protected') };
      if (!read.ok) return { id, op: request.op, result: read };
      container = read.value;
      const recordId = records.recordIdOf(container);
      return {
        id,
        op: request.op,
        result: ok({ bytes: container.byteLength, ...(recordId !== undefined ? { recordId } : {}) }),
      };
    }
    case 'open_with_code':
    case 'open_emergency': {
      if (!container) return { id, op: request.op, result: err('unreadable') };
      requestTime = new Date(request.now);
      const result =
        request.op === 'open_with_code'
          ? await records.openWithCode(container, request.code)
          : await records.openEmergency(container);
      if (
        request.op === 'open_with_code' &&
        result.ok &&
        result.value.tier === 'full' &&
        !request.withAccessLog
      )
        authoring.remember(request.code);
      if (request.op === 'open_with_code' && request.withAccessLog && result.ok) {
        // The patient's own view (issue 19): their log, read with the code that just opened the record.
        const opened = key();
        const accessLog = opened.ok
          ? await records.readAccessLog(opened.value, request.code)
          : ({ status: 'failed', reason: 'unreadable' } as const);
        return {
          id,
          op: request.op,
          result: ok({ ...result.value, record: { ...result.value.record, accessLog } }),
        };
      }
      return { id, op: request.op, result };
    }
    case 'append_access_log': {
      const opened = key();
      if (!opened.ok) return { id, op: request.op, result: 'write_failed' };
      requestTime = new Date(request.now);
      const result = await records.appendAccessLog(opened.value, request.entry);
      return { id, op: request.op, result };
    }
  }
}

port.on('message', (message: unknown) => {
  const attach = AttachSchema.safeParse(message);
  if (attach.success) {
    if (device) throw new Error('a key worker serves one key');
    device = attach.data.device;
    return;
  }
  if (authoring.accept(message, () => container)) return;
  const request = KeyRequestSchema.parse(message);
  void handle(request).then((reply) => port.postMessage(reply));
});
port.on('close', () => source?.close());
port.postMessage({ op: 'ready' });
