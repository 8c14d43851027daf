/**
 * JOSE header of one JWE recipient: the union of the protected header and the per-recipient header
 * (RFC 7516 §7.2.1; they MUST be disjoint). jose writes the PBES2 `p2c`/`p2s` into the protected
 * header when a JWE has a single recipient, into the recipient header when it has several.
 */
import type { GeneralJWE } from 'jose';

export type JoseHeader = Readonly<Record<string, unknown>>;

const B64URL = /^[A-Za-z0-9_-]*$/;

export function fromB64url(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof value !== 'string' || !B64URL.test(value)) return undefined;
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

export function protectedHeaderOf(jwe: Pick<GeneralJWE, 'protected'>): JoseHeader | undefined {
  const bytes = fromB64url(jwe.protected);
  if (bytes === undefined || bytes.byteLength > 4096) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JoseHeader)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `undefined` when the protected header is unreadable or shares a name with the recipient header. */
export function recipientJoseHeader(
  jwe: Pick<GeneralJWE, 'protected'>,
  recipientHeader: JoseHeader | undefined,
): JoseHeader | undefined {
  const shared = protectedHeaderOf(jwe);
  if (shared === undefined) return undefined;
  const own = recipientHeader ?? {};
  if (Object.keys(own).some((name) => name in shared)) return undefined;
  return { ...shared, ...own };
}
