/**
 * Who signs a record's tiers (docs/key-format.md §6): a key file (record/crypto/record-signer.ts)
 * or a professional card (drivers/smartcard: PIV 9C, PKCS#11). Here, in common, so that the card
 * drivers can implement it without importing the record.
 */
export type RecordSigningAlgorithm = 'ES256' | 'PS256' | 'RS256';

export interface RecordSigner {
  readonly algorithm: RecordSigningAlgorithm;
  /** The signer's certificate first, then intermediates (DER). */
  readonly certificateChain: readonly Uint8Array[];
  /**
   * Signs the JWS signing input (RFC 7515 §5.1) with SHA-256. ES256 signatures are the 64-byte
   * R‖S form (RFC 7518 §3.4), not DER; PS256 uses MGF1-SHA-256 and a 32-byte salt (§3.5).
   */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}
