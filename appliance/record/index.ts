/**
 * The key format (docs/key-format.md): patient code, tier signatures, encryption, the container.
 * Pure: no I/O beyond the bytes it is handed (the FAT layer reads and writes the key).
 */
export {
  generatePatientCode,
  parsePatientCode,
  formatPatientCode,
  describePatientCodeError,
  type PatientCode,
  type PatientCodeError,
} from './code/patient-code.ts';
export { signTier, type SignerMaterial, type SigningAlgorithm } from './crypto/sign.ts';
export { fileRecordSigner, type RecordSigner } from './crypto/record-signer.ts';
export { verifyTier, type Verification } from './crypto/verify.ts';
export { verificationView } from './crypto/view.ts';
export {
  DEFAULT_P2C,
  MIN_P2C,
  MAX_P2C,
  emergencyPublicKeys,
  type EmergencyPublicKey,
} from './crypto/encrypt.ts';
export { RecordInputError } from './crypto/errors.ts';
export { TIER_BUCKETS, FILE_BUCKETS, MAX_CONTAINER_BYTES } from './crypto/padding.ts';
export { TIERS, type Tier } from './crypto/tier.ts';
export type { SignerIdentity } from './crypto/certificate.ts';
export * from './container/index.ts';
