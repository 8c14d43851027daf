/**
 * Revocation at login: the site's CRLs, judged by the pure code shared with the record's signature
 * check (appliance/common/revocation.ts, one implementation for both).
 */
export {
  CLOCK_SKEW_MS,
  checkRevocation,
  parseCrls,
  summariseCrls,
  type CrlSummary,
  type RevocationConfig,
  type RevocationRejection,
  type RevocationStatus,
  type StaleCrlPolicy,
} from '../../common/revocation.ts';
