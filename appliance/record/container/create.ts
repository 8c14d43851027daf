/**
 * Writing a container (docs/key-format.md): validate the bundle, derive the emergency tier, sign
 * both tiers, then seal. Throws `RecordInputError` for unusable inputs.
 */
import type { JWK } from 'jose';
import { parsePatientCode, type PatientCode } from '../code/patient-code.ts';
import { DEFAULT_P2C, emergencyPublicKeys } from '../crypto/encrypt.ts';
import { RecordInputError } from '../crypto/errors.ts';
import { signTier, type SignerMaterial } from '../crypto/sign.ts';
import type { RecordSigner } from '../crypto/record-signer.ts';
import type { Tier } from '../crypto/tier.ts';
import { parseIpsBundle } from '../ips/parse.ts';
import { emergencyTier } from '../ips/tiers.ts';
import type { IpsBundle } from '../ips/types.ts';
import { sealContainer } from './seal.ts';

export interface CreateContainerInput {
  /** A FHIR IPS document Bundle (parsed JSON). */
  readonly bundle: unknown;
  readonly code: PatientCode | string;
  /** A key file, or any `RecordSigner` (a professional card). */
  readonly signer: SignerMaterial | RecordSigner;
  /** JWKS of the deployment's emergency-access public keys (P-256, each with a `kid`). */
  readonly emergencyPublicKeys: unknown;
  /** PBES2 iteration count; default DEFAULT_P2C (calibrated). Tests use a low count. */
  readonly p2c?: number;
  /** Signing time; default now. */
  readonly now?: Date;
  /** For RSA signer keys: PS256 (default) or RS256. */
  readonly rsaAlgorithm?: 'PS256' | 'RS256';
  /** Signed in both tiers: the record's version (default 1) and, on an update, the replaced container's id. */
  readonly version?: number;
  readonly previousId?: string;
  /** On an update: the access-log private key of the replaced container (the log is kept). */
  readonly logPrivateJwk?: JWK;
}

function bundleBytes(bundle: IpsBundle): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(bundle));
}

/** Creates a signed, encrypted, padded container file for RECORD_PATH. */
export async function createContainer(input: CreateContainerInput): Promise<Uint8Array> {
  const code = parsePatientCode(input.code);
  if (!code.ok) throw new RecordInputError('code', `the patient code is not valid (${code.error})`);
  const parsed = parseIpsBundle(input.bundle);
  if (!parsed.ok) {
    const where = parsed.error.where === '' ? '' : ` at ${parsed.error.where}`;
    throw new RecordInputError('bundle', `${parsed.error.message}${where}`);
  }
  const emergencyKeys = emergencyPublicKeys(input.emergencyPublicKeys);
  const bundles: Record<Tier, IpsBundle> = { full: parsed.value, emergency: emergencyTier(parsed.value) };
  const sign = (tier: Tier): Promise<string> =>
    signTier(bundleBytes(bundles[tier]), input.signer, {
      tier,
      ...(input.now === undefined ? {} : { now: input.now }),
      ...(input.rsaAlgorithm === undefined ? {} : { rsaAlgorithm: input.rsaAlgorithm }),
      ...(input.version === undefined ? {} : { version: input.version }),
      ...(input.previousId === undefined ? {} : { previousId: input.previousId }),
    });
  const encoder = new TextEncoder();
  return sealContainer({
    tiers: { full: encoder.encode(await sign('full')), emergency: encoder.encode(await sign('emergency')) },
    code: code.value,
    emergencyKeys,
    p2c: input.p2c ?? DEFAULT_P2C,
    ...(input.logPrivateJwk === undefined ? {} : { logPrivateJwk: input.logPrivateJwk }),
  });
}
