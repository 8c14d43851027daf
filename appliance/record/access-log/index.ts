/** The access log on the key: who opened it, readable only by the patient (docs/access-log.md). */
export { appendAccessLog, type NewAccessLogEntry } from './append.ts';
export { readAccessLog, readAccessLogDetails, type AccessLog } from './read.ts';
export { accessLogEntrySchema, type AccessLogEntry } from './entry.ts';
export { emptyAccessLog, LOG_FILE_BYTES, LOG_SLOTS } from './format.ts';
export type { AccessLogError } from './errors.ts';
