import type { RecordError } from '../container/types.ts';
import type { FatError } from '../fat/index.ts';

/** Why the access log could not be written or read. */
export type AccessLogError =
  | FatError
  | RecordError
  | { readonly code: 'key_changed'; readonly message: string }
  | { readonly code: 'log_damaged'; readonly message: string };
