/**
 * The logged-in card as a record signer (issue 16): PIV key 9C over the driver's own card session
 * (piv/piv-signer.ts, SP 800-73-4), its exchanges queued with the session's others; a card pulled
 * or swapped since fails every later signature. PKCS#11 tokens: pkcs11/record-signer.ts.
 */
import type { RecordSigner } from '../../common/record-signer.ts';
import type { Transmit } from './apdu.ts';
import { pivRecordSigner } from './piv/piv-signer.ts';
import type { RecordSignerResult } from './types.ts';

export interface SigningSession {
  readonly transmit: Transmit;
  run<T>(work: () => Promise<T>): Promise<T>;
  /** False once the card is pulled or another is inserted. */
  current(): boolean;
}

export async function cardRecordSigner(session: SigningSession, pin: string): Promise<RecordSignerResult> {
  const made = await session.run(() => pivRecordSigner(session.transmit, pin));
  if (!session.current()) return { status: 'card_removed' };
  if (!made.ok) {
    switch (made.error.kind) {
      case 'wrong_pin':
        return { status: 'wrong_pin', retriesLeft: made.error.retriesLeft };
      case 'blocked':
        return { status: 'blocked' };
      case 'no_signing_certificate':
      case 'not_this_card':
        return { status: 'no_signing_key' };
      case 'removed':
        return { status: 'card_removed' };
      default:
        return { status: 'card_error' };
    }
  }
  const card = made.value;
  const signer: RecordSigner = {
    algorithm: card.algorithm,
    certificateChain: card.certificateChain,
    async sign(input) {
      if (!session.current()) throw new Error('the card has left the reader');
      return session.run(() => card.sign(input));
    },
  };
  return { status: 'ready', signer };
}
