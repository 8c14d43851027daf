/** The container file's JSON shape (docs/key-format.md, "Container"), as zod schemas with bounds. */
import * as z from 'zod';
import { CONTAINER_FORMAT, CONTAINER_VERSION } from './types.ts';

const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/); // ASCII class: no `u` flag (3-4× faster on megabyte strings)

const recipientHeader = z.looseObject({
  alg: z.string().min(1).max(64),
  kid: z.string().max(128).optional(),
  p2c: z.number().optional(),
  p2s: z.string().max(128).optional(),
  epk: z
    .looseObject({
      kty: z.string().max(16),
      crv: z.string().max(16),
      x: b64url(128),
      y: b64url(128).optional(),
    })
    .optional(),
});

export const MAX_RECIPIENTS = 16;
/** Base64url of the largest tier bucket (2 MiB) plus slack. */
const MAX_CIPHERTEXT_CHARS = 2_900_000;

export const generalJweSchema = z.strictObject({
  protected: b64url(2048),
  iv: b64url(64),
  ciphertext: b64url(MAX_CIPHERTEXT_CHARS),
  tag: b64url(64),
  recipients: z
    .array(z.strictObject({ header: recipientHeader, encrypted_key: b64url(1024) }))
    .min(1)
    .max(MAX_RECIPIENTS),
});

export const logPublicJwkSchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: b64url(64),
  y: b64url(64),
});

export const CONTAINER_ID = /^[0-9a-f]{32}$/u;

export const containerSchema = z.strictObject({
  format: z.literal(CONTAINER_FORMAT),
  version: z.literal(CONTAINER_VERSION),
  id: z.string().regex(CONTAINER_ID),
  tiers: z.strictObject({ full: generalJweSchema, emergency: generalJweSchema }),
  logKey: z.strictObject({ publicJwk: logPublicJwkSchema, wrappedPrivateKey: generalJweSchema }),
});

export type ContainerJson = z.infer<typeof containerSchema>;
