import type { Tier } from '../crypto/tier.ts';
import type { Verification } from '../crypto/verify.ts';
import type { IpsBundle } from '../ips/types.ts';

export const CONTAINER_FORMAT = 'baladeur-key';
export const CONTAINER_VERSION = 1;

/** Why a container could not be read or opened (docs/key-format.md, "Errors"). */
export type RecordErrorCode =
  | 'not_a_container'
  | 'unsupported_version'
  | 'too_large'
  | 'malformed'
  | 'wrong_code'
  | 'code_typo'
  | 'no_usable_key'
  | 'corrupt'
  | 'invalid_content';

/** `message` is one English line, never quoting patient content. */
export interface RecordError {
  readonly code: RecordErrorCode;
  readonly message: string;
}

export type RecipientInfo =
  | { readonly kind: 'patient_code'; readonly p2c?: number }
  | { readonly kind: 'emergency_key'; readonly kid?: string }
  | { readonly kind: 'unknown'; readonly alg: string };

export interface JweInfo {
  /** Decoded ciphertext length: the padded plaintext bucket. */
  readonly ciphertextBytes: number;
  readonly recipients: readonly RecipientInfo[];
}

/** Everything readable without a secret; nothing personal (the id is random). */
export interface ContainerInfo {
  readonly format: typeof CONTAINER_FORMAT;
  readonly version: typeof CONTAINER_VERSION;
  readonly id: string;
  readonly fileBytes: number;
  readonly tiers: { readonly full: JweInfo; readonly emergency: JweInfo };
  readonly logKey: JweInfo;
}

export interface OpenedRecord {
  readonly tier: Tier;
  /** The bundle exactly as signed (parsed JSON, validated by `parseIpsBundle`). */
  readonly bundle: IpsBundle;
  readonly verification: Verification;
  readonly containerId: string;
}
