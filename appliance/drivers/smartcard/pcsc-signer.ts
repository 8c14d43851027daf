/**
 * A record signer on the professional card in a PC/SC reader, for the doctor's desk (`baladeur key
 * update --card pcsc[:READER]`): the first contact reader whose name contains READER, the card in
 * it opened exclusively, then the PIV 9C signer (piv/piv-signer.ts). The kiosk's own card service
 * (pcsc-driver.ts) is not involved.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordSigner } from '../../common/record-signer.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { CardSession } from './card-session.ts';
import {
  openPcscliteContext,
  SCARD_STATE_PRESENT,
  type OpenPcscContext,
  type PcscReader,
  type PcscReaderStatus,
} from './pcsc-binding.ts';
import { pivRecordSigner, type PivSignerFailure } from './piv/piv-signer.ts';

const REMOVED_RETRIES = 3;
const REMOVED_RETRY_MS = 300;

export type PcscSignerFailure =
  | PivSignerFailure
  | { readonly kind: 'no_service' }
  | { readonly kind: 'no_card'; readonly readers: readonly string[] };

export interface PcscRecordSigner {
  readonly signer: RecordSigner;
  readonly reader: string;
  close(): Promise<void>;
}

export interface PcscSignerOptions {
  /** Part of the reader's name; absent: the first reader with a card. */
  readonly reader?: string;
  readonly pin: string;
  /** How long to wait for a reader with a card (default 5 s). */
  readonly waitMs?: number;
  readonly openContext?: OpenPcscContext;
}

export async function openPcscRecordSigner(
  options: PcscSignerOptions,
): Promise<Result<PcscRecordSigner, PcscSignerFailure>> {
  let context;
  try {
    context = (options.openContext ?? openPcscliteContext)();
  } catch {
    return err({ kind: 'no_service' });
  }
  const seen: string[] = [];
  const readers: PcscReader[] = [];
  // pcsclite watches every reader until closed and emits 'error' when its status wait ends (the
  // context closed, pcscd gone): with no listener, Node throws it. The signer's own failures come
  // back from transmit; these are ignored here.
  context.on('error', () => undefined);
  const found = await new Promise<PcscReader | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), options.waitMs ?? 5000);
    context.on('reader', (reader: PcscReader) => {
      seen.push(reader.name);
      readers.push(reader);
      reader.on('error', () => undefined);
      const wanted = options.reader === undefined || reader.name.includes(options.reader);
      if (!wanted || /contactless|PICC/iu.test(reader.name)) return;
      reader.on('status', (status: PcscReaderStatus) => {
        if ((status.state & SCARD_STATE_PRESENT) !== 0) {
          clearTimeout(timer);
          resolve(reader);
        }
      });
    });
  });
  const release = (): void => {
    for (const reader of readers) {
      try {
        reader.close();
      } catch {
        // already ended
      }
    }
    context.close();
  };
  if (found === undefined) {
    release();
    return err({ kind: 'no_card', readers: seen });
  }
  const reader = found;
  // A card put in just after another was pulled can be reported present while pcscd still holds
  // the old card's handle: connecting then fails as removed, and no new status may follow. A few
  // retries, a moment apart, take the card that is there now.
  const attempt = async (): Promise<Result<PcscRecordSigner, PcscSignerFailure>> => {
    const session = new CardSession(reader, 0);
    const close = async (): Promise<void> => {
      await session.disconnect();
      release();
    };
    const connected = await session.connect();
    const signer = connected.ok ? await pivRecordSigner(session.transmit, options.pin) : connected;
    if (!signer.ok) {
      await session.disconnect();
      return signer;
    }
    return ok({ signer: signer.value, reader: reader.name, close });
  };
  let result = await attempt();
  for (let retry = 0; retry < REMOVED_RETRIES && !result.ok && result.error.kind === 'removed'; retry++) {
    await sleep(REMOVED_RETRY_MS);
    result = await attempt();
  }
  if (!result.ok) release();
  return result;
}
