/** The `smartcard.login` event: outcome and profession only, never a name or an identifier. */
import type { Logger } from 'pino';
import { assertNever } from '../../common/result.ts';
import type { LoginResult } from './types.ts';

export function logLogin(log: Logger, result: LoginResult): void {
  switch (result.status) {
    case 'authenticated':
      log.info(
        { event: 'smartcard.login', outcome: result.status, profession: result.identity.profession },
        'smartcard.login',
      );
      return;
    case 'wrong_pin':
    case 'blocked':
    case 'card_removed':
      log.info({ event: 'smartcard.login', outcome: result.status }, 'smartcard.login');
      return;
    case 'rejected':
    case 'card_error':
      log.warn(
        { event: 'smartcard.login', outcome: result.status, reason: result.reason },
        'smartcard.login',
      );
      return;
    default:
      assertNever(result, 'login result');
  }
}
