/**
 * The messages between the kiosk's main thread and a key worker (one worker per inserted key).
 * Both sides validate what they receive with these schemas: the worker is our code, but the thread
 * boundary is where a mix-up (a reply to another request, a stale worker) must be caught.
 * Everything here is structured-clone data: the key's description, never a file descriptor; the
 * summary view model, never the decrypted bundle.
 */
import * as z from 'zod';
import type { CrlIndex } from '../../common/crl-index.ts';
import { PROFESSIONS } from '../../common/professions.ts';
import { KeyDeviceSchema } from '../../drivers/usb-key/key-device.ts';
import type { KeyErrorReason } from '../../contract/session-view.ts';
import type { OpenFailure } from '../session/events.ts';
import type { OpenRecord } from '../session/state.ts';
import type { Tier } from '../../contract/session-view.ts';
import type { PatientLogView } from '../../contract/patient-view.ts';

const CrlIndexShape = z
  .object({
    issuer: z.string(),
    thisUpdate: z.number(),
    nextUpdate: z.number().optional(),
    tbs: z.instanceof(Uint8Array),
    signature: z.instanceof(Uint8Array),
    algorithm: z
      .object({
        name: z.enum(['ECDSA', 'RSASSA-PKCS1-v1_5', 'RSA-PSS']),
        hash: z.enum(['sha256', 'sha384', 'sha512']),
        saltLength: z.number().int().min(0).max(512).optional(),
      })
      .strict(),
    revoked: z.instanceof(Map<string, number>),
  })
  .strict();
const CrlIndexSchema = z.custom<CrlIndex>((value) => CrlIndexShape.safeParse(value).success);

/** Given once, as `workerData`: the kiosk's settings. The worker starts before any key is known. */
export const WorkerSetupSchema = z
  .object({
    trustAnchorsPem: z.array(z.string()),
    emergencyKeyring: z.array(z.record(z.string(), z.unknown())),
    kioskSecret: z.instanceof(Uint8Array),
    siteName: z.string(),
    /** Config `recordSigning` (docs/key-format.md §6); absent: the record's defaults. */
    signerProfessions: z.array(z.enum(PROFESSIONS)).optional(),
    outdatedAfterMonths: z.number().int().min(1).max(240).optional(),
    /** Config `revocation`: the site's CRLs, indexed once by the kiosk (common/crl-index.ts), and its stale-CRL policy. */
    revocation: z
      .object({ crls: z.array(CrlIndexSchema), staleCrl: z.enum(['warn', 'refuse']) })
      .strict()
      .optional(),
  })
  .strict();
export type WorkerSetup = z.infer<typeof WorkerSetupSchema>;

const AccessEntrySchema = z
  .object({
    tier: z.enum(['emergency', 'full']),
    breakGlass: z.boolean(),
    reason: z.string().optional(),
    by: z.object({ name: z.string(), nationalId: z.string(), profession: z.enum(PROFESSIONS) }),
  })
  .strict();

/** The first message a worker gets: the key it serves (a spare worker is started ahead of the key). */
export const AttachSchema = z.object({ op: z.literal('attach'), device: KeyDeviceSchema }).strict();

export const KeyRequestSchema = z.discriminatedUnion('op', [
  z.object({ id: z.number().int(), op: z.literal('read') }).strict(),
  z
    .object({
      id: z.number().int(),
      op: z.literal('open_with_code'),
      code: z.string().max(200),
      now: z.number(),
      withAccessLog: z.literal(true).optional(),
    })
    .strict(),
  z.object({ id: z.number().int(), op: z.literal('open_emergency'), now: z.number() }).strict(),
  z
    .object({
      id: z.number().int(),
      op: z.literal('append_access_log'),
      entry: AccessEntrySchema,
      now: z.number(),
    })
    .strict(),
]);
export type KeyRequest = z.infer<typeof KeyRequestSchema>;
export type KeyOp = KeyRequest['op'];

/** Reasons as closed sets of identifiers: a reply with anything else is refused. */
const KEY_ERROR_REASONS = [
  'not_a_baladeur_key',
  'not_fat',
  'write_protected',
  'unreadable',
  'unsupported_version',
  'corrupt_record',
  'removed_while_reading',
  'several_keys',
  'too_large',
  'not_provisioned',
  'not_responding',
] as const satisfies readonly KeyErrorReason[];
const OPEN_FAILURES = [
  ...KEY_ERROR_REASONS,
  'wrong_code',
  'typo',
  'emergency_unavailable',
] as const satisfies readonly OpenFailure[];

const KeyErrorReasonSchema = z.enum(KEY_ERROR_REASONS);
const OpenFailureSchema = z.enum(OPEN_FAILURES);

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

const PatientLogSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('reading') }).strict(),
  z
    .object({
      status: z.literal('ready'),
      entries: z.array(
        z
          .object({
            when: z.string(),
            site: z.string(),
            name: z.string(),
            profession: z.enum(PROFESSIONS),
            tier: z.enum(['emergency', 'full']),
            breakGlassReason: z.string().optional(),
          })
          .strict(),
      ),
      unreadable: z.number().int().min(0),
    })
    .strict(),
  z.object({ status: z.literal('failed'), reason: z.enum(['log_damaged', 'unreadable']) }).strict(),
]);

/** The summary and verification are the record's own view models (pure data): checked in shape only. */
const OpenedSchema = z.object({
  tier: z.enum(['emergency', 'full'] satisfies Tier[]),
  record: z.object({
    recordId: z.string(),
    summary: z.custom<OpenRecord['summary']>(isObject),
    verification: z.custom<OpenRecord['verification']>(
      (value) => isObject(value) && typeof (value as { status?: unknown }).status === 'string',
    ),
    accessLog: z.custom<PatientLogView>((value) => PatientLogSchema.safeParse(value).success).optional(),
  }),
});

export const KeyReplySchema = z.discriminatedUnion('op', [
  z.object({
    id: z.number().int(),
    op: z.literal('read'),
    result: z.union([
      z.object({
        ok: z.literal(true),
        value: z.object({ bytes: z.number().int(), recordId: z.string().optional() }),
      }),
      z.object({ ok: z.literal(false), error: KeyErrorReasonSchema }),
    ]),
  }),
  z.object({
    id: z.number().int(),
    op: z.enum(['open_with_code', 'open_emergency']),
    result: z.union([
      z.object({ ok: z.literal(true), value: OpenedSchema }),
      z.object({ ok: z.literal(false), error: OpenFailureSchema }),
    ]),
  }),
  z.object({
    id: z.number().int(),
    op: z.literal('append_access_log'),
    result: z.enum(['written', 'read_only', 'write_failed']),
  }),
]);
export type KeyReply = z.infer<typeof KeyReplySchema>;

/** Sent once by the worker when its code is loaded (the time budgets run from then). */
export const WorkerReadySchema = z.object({ op: z.literal('ready') }).strict();

/** The opened record as the session takes it (the schema checks the shape; the types are the record's). */
export interface OpenedView {
  readonly tier: Tier;
  readonly record: OpenRecord;
}
