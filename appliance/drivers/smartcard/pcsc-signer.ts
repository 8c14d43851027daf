/**
 * A record signer on the professional card in a PC/SC reader, for the doctor's desk (`baladeur key
 * update --card pcsc[:READER]`): the first contact reader whose name contains READER, the card in
 * it opened exclusively, then the PIV 9C signer (piv/piv-signer.ts). The kiosk's own card service
 * (pcsc-driver.ts) is not involved.
 */
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
  const found = await new Promise<PcscReader | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), options.waitMs ?? 5000);
    context.on('reader', (reader: PcscReader) => {
      seen.push(reader.name);
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
  if (found === undefined) {
    context.close();
    return err({ kind: 'no_card', readers: seen });
  }
  const session = new CardSession(found, 0);
  const close = async (): Promise<void> => {
    await session.disconnect();
    context.close();
  };
  const connected = await session.connect();
  if (!connected.ok) {
    await close();
    return err(connected.error);
  }
  const signer = await pivRecordSigner(session.transmit, options.pin);
  if (!signer.ok) {
    await close();
    return signer;
  }
  return ok({ signer: signer.value, reader: found.name, close });
}
