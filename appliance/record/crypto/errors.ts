/**
 * Thrown by the writing side (`createContainer`, `signTier`) when what the caller handed in cannot
 * be used (a key that is not a key, a certificate that does not match). Reading never throws:
 * it returns `RecordError` values.
 */
export class RecordInputError extends Error {
  constructor(
    readonly what: 'signer_key' | 'signer_certificate' | 'emergency_keys' | 'bundle' | 'code' | 'parameters',
    message: string,
  ) {
    super(message);
    this.name = 'RecordInputError';
  }
}
