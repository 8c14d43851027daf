/**
 * Record authoring between the main thread and a key worker (issue 16). The worker holds the
 * decrypted record and applies the draft; the card stays on the main thread, so a write is a
 * conversation: the worker sends each JWS signing input (`sign`), the main thread answers with
 * the card's signature (`signature`). Validated on both sides like every key-worker message.
 */
import * as z from 'zod';
import { PROFESSIONS } from '../../common/professions.ts';
import { IdentitySchema, RecordEditSchema } from '../../contract/authoring.ts';

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

const DraftSchema = z
  .object({
    mode: z.enum(['update', 'new']),
    identity: IdentitySchema.optional(),
    /** A bundle imported from the doctor's software (validated when read): the edits apply to it. */
    imported: z.custom<unknown>(isObject).optional(),
    edits: z.array(RecordEditSchema).max(100),
    author: z.object({ name: z.string(), nationalId: z.string(), profession: z.enum(PROFESSIONS) }).strict(),
    now: z.number(),
  })
  .strict();

export const AuthorRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('author_preview'), id: z.number().int(), draft: DraftSchema }).strict(),
  z
    .object({
      op: z.literal('author_write'),
      id: z.number().int(),
      draft: DraftSchema,
      signer: z
        .object({
          algorithm: z.enum(['ES256', 'PS256', 'RS256']),
          certificateChain: z.array(z.instanceof(Uint8Array)).min(1).max(5),
        })
        .strict(),
    })
    .strict(),
  z.object({ op: z.literal('author_forget') }).strict(),
  /** This key is the doctor's export stick (issue 16, item 5). */
  z.object({ op: z.literal('export_scan'), id: z.number().int() }).strict(),
  z.object({ op: z.literal('export_read'), id: z.number().int(), path: z.string().max(600) }).strict(),
  z
    .object({
      op: z.literal('signature'),
      id: z.number().int(),
      signature: z.instanceof(Uint8Array).optional(),
    })
    .strict(),
]);
export type AuthorRequest = z.infer<typeof AuthorRequestSchema>;
export type Draft = z.infer<typeof DraftSchema>;

const QuantitySchema = z
  .object({ value: z.number(), unit: z.string().optional(), ucum: z.string().optional() })
  .strict();
/** common/structured/dosage-types.ts `DosageStructure`. */
const DosageSchema = z
  .object({
    text: z.string().optional(),
    dose: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('quantity'), quantity: QuantitySchema }).strict(),
        z
          .object({
            kind: z.literal('range'),
            low: QuantitySchema.optional(),
            high: QuantitySchema.optional(),
          })
          .strict(),
      ])
      .optional(),
    timing: z
      .object({
        count: z.number().optional(),
        countMax: z.number().optional(),
        frequency: z.number().optional(),
        frequencyMax: z.number().optional(),
        period: z.number().optional(),
        periodMax: z.number().optional(),
        periodUnit: z.enum(['s', 'min', 'h', 'd', 'wk', 'mo', 'a']).optional(),
        when: z.array(z.string()),
        timeOfDay: z.array(z.string()),
        dayOfWeek: z.array(z.string()),
        code: z
          .object({ code: z.string().optional(), system: z.string().optional(), text: z.string().optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    asNeeded: z.object({ reason: z.string().optional() }).strict().optional(),
    patientInstruction: z.string().optional(),
  })
  .strict();
const value = {
  label: z.string(),
  detail: z.string().optional(),
  dosages: z.array(DosageSchema).optional(),
  criticality: z.enum(['high', 'low', 'unable-to-assess', 'unknown']).optional(),
  bloodGroup: z.enum(['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-']).optional(),
  /** record/authoring/types.ts `ChangeValue.relationships`: a contact's coded relationships. */
  relationships: z
    .array(
      z
        .object({
          text: z.string(),
          codings: z.array(
            z
              .object({
                system: z.string().optional(),
                code: z.string().optional(),
                display: z.string().optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    )
    .optional(),
};
const ValueSchema = z.object(value).strict();
const ItemSchema = z.object({ itemId: z.string(), ...value, typed: z.literal(true).optional() }).strict();
const ChangeSchema = z
  .object({
    kind: z.enum(['added', 'removed', 'changed']),
    section: z.enum([
      'allergies',
      'medications',
      'problems',
      'bloodGroup',
      'devices',
      'directives',
      'contacts',
      'identity',
    ]),
    before: ValueSchema.optional(),
    after: ValueSchema.optional(),
    typed: z.literal(true).optional(),
  })
  .strict();
export const WRITE_FAILURES = [
  'key_removed',
  'write_failed',
  'not_same_patient',
  'sign_failed',
  'too_large',
] as const;

export const AuthorReplySchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('author_preview'),
      id: z.number().int(),
      result: z.union([
        z.object({
          ok: z.literal(true),
          value: z.object({
            items: z.object({
              allergies: z.array(ItemSchema),
              medications: z.array(ItemSchema),
              problems: z.array(ItemSchema),
              bloodGroup: ValueSchema.optional(),
              devices: z.array(ItemSchema),
              directives: z.array(ItemSchema),
              contacts: z.array(ItemSchema),
            }),
            changes: z.array(ChangeSchema),
            importRefused: z.literal('other_patient').optional(),
          }),
        }),
        z.object({
          ok: z.literal(false),
          error: z.object({
            index: z.number().int(),
            code: z.enum(['item_not_found', 'too_large', 'invalid']),
          }),
        }),
      ]),
    })
    .strict(),
  z.object({ op: z.literal('sign'), id: z.number().int(), input: z.instanceof(Uint8Array) }).strict(),
  z
    .object({
      op: z.literal('export_scan'),
      id: z.number().int(),
      result: z.union([
        z.object({
          ok: z.literal(true),
          value: z
            .array(z.object({ path: z.string(), size: z.number().int().nonnegative() }).strict())
            .max(16),
        }),
        z.object({ ok: z.literal(false), error: z.enum(['unreadable', 'no_bundle']) }),
      ]),
    })
    .strict(),
  z
    .object({
      op: z.literal('export_read'),
      id: z.number().int(),
      result: z.union([
        z.object({ ok: z.literal(true), value: z.custom<unknown>(isObject) }),
        z.object({ ok: z.literal(false), error: z.enum(['unreadable', 'too_large', 'invalid']) }),
      ]),
    })
    .strict(),
  z.object({ op: z.literal('sealed'), id: z.number().int() }).strict(),
  z
    .object({
      op: z.literal('author_write'),
      id: z.number().int(),
      result: z.union([
        z.object({
          ok: z.literal(true),
          value: z.object({
            version: z.number().int().min(1),
            recordId: z.string(),
            /** The record read back from the key (the summary view model; shape checked only). */
            opened: z.custom<unknown>(isObject).optional(),
            patientCode: z.string().optional(),
          }),
        }),
        z.object({ ok: z.literal(false), error: z.object({ reason: z.enum(WRITE_FAILURES) }) }),
      ]),
    })
    .strict(),
]);
export type AuthorReply = z.infer<typeof AuthorReplySchema>;
