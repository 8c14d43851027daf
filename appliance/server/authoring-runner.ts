/**
 * The shell's side of record authoring (issue 16): previews and writes go to the key's worker;
 * the card signs on the main thread (the worker cannot hold the card), one JWS signing input at
 * a time, as the worker asks. Nothing here keeps the draft or the code.
 */
import { assertNever } from '../common/result.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';
import { identityFromCertificate, parseCertificate } from '../drivers/smartcard/certificate.ts';
import type { RecordSigner } from '../common/record-signer.ts';
import type { RecordAuthor } from '../record/authoring/types.ts';
import type { EventLogger } from './logger.ts';
import type { KeyRecords } from './ports.ts';
import type { AuthoringEffect } from './session/authoring-state.ts';
import type { SessionEvent } from './session/events.ts';

export interface AuthoringRunnerContext {
  readonly records: KeyRecords | undefined;
  /** The key now holds a record this kiosk wrote. */
  readonly written?: () => void;
  readonly smartcard: SmartcardService;
  readonly now: number;
  readonly dispatch: (event: SessionEvent) => void;
  readonly log: EventLogger;
}

/**
 * The signing certificate names the professional who logged in (same national id and
 * profession): a card whose 9C certificate is someone else's, or carries no profession, does not
 * sign (the reader would also refuse it, but after the write).
 */
export function signsAs(signer: RecordSigner, author: RecordAuthor): boolean {
  const leaf = signer.certificateChain[0];
  if (leaf === undefined) return false;
  const cert = parseCertificate(leaf);
  if (!cert.ok) return false;
  const who = identityFromCertificate(cert.value);
  return who.ok && who.value.nationalId === author.nationalId && who.value.profession === author.profession;
}

export async function runAuthoring(
  effect: Extract<AuthoringEffect, { type: `author_${string}` }>,
  ctx: AuthoringRunnerContext,
): Promise<void> {
  const { records, smartcard, dispatch, log } = ctx;
  switch (effect.type) {
    case 'author_forget':
      records?.forgetDraft?.();
      return;
    case 'author_preview': {
      const { type: _type, ...request } = effect;
      if (records?.authorPreview === undefined) {
        dispatch({
          type: 'authoring.preview_result',
          requestId: effect.requestId,
          result: { ok: false, error: { index: 0, code: 'invalid' } },
        });
        return;
      }
      const result = await records.authorPreview(request, ctx.now);
      dispatch({ type: 'authoring.preview_result', requestId: effect.requestId, result });
      return;
    }
    case 'author_write': {
      const { type: _type, cardId, pin, ...request } = effect;
      const requestId = effect.requestId;
      const fail = (reason: 'sign_failed' | 'key_removed' | 'card_removed' | 'blocked') =>
        dispatch({ type: 'authoring.write_result', requestId, result: { ok: false, error: { reason } } });
      if (records?.authorWrite === undefined) return fail('key_removed');
      if (smartcard.recordSigner === undefined) {
        log.info('authoring.sign', { outcome: 'unsupported' });
        return fail('sign_failed');
      }
      const card = await smartcard.recordSigner(cardId, pin);
      log.info('authoring.sign', { outcome: card.status });
      switch (card.status) {
        case 'ready':
          break;
        case 'wrong_pin':
          dispatch({
            type: 'authoring.write_result',
            requestId,
            result: {
              ok: false,
              error: {
                reason: 'pin_wrong',
                ...(card.retriesLeft !== undefined ? { retriesLeft: card.retriesLeft } : {}),
              },
            },
          });
          return;
        case 'blocked':
          return fail('blocked');
        case 'card_removed':
          return fail('card_removed');
        case 'no_signing_key':
        case 'card_error':
          return fail('sign_failed');
        default:
          return assertNever(card, 'record signer');
      }
      if (!signsAs(card.signer, request.author)) {
        // A signing certificate of someone else, or of no health profession: never written.
        log.info('authoring.sign', { outcome: 'not_the_logged_in_professional' });
        return fail('sign_failed');
      }
      const result = await records.authorWrite(request, card.signer, ctx.now, () =>
        dispatch({ type: 'authoring.sealed', requestId }),
      );
      if (result.ok) ctx.written?.();
      log.info('authoring.write', {
        mode: request.mode,
        outcome: result.ok ? 'written' : result.error.reason,
        version: result.ok ? result.value.version : undefined,
      });
      dispatch({ type: 'authoring.write_result', requestId, result });
      return;
    }
    default:
      return assertNever(effect, 'authoring effect');
  }
}
