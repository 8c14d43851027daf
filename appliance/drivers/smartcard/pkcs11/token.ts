/**
 * Reading a token's objects through a `Pkcs11Call`: its X.509 certificates (public objects, read
 * before any PIN), the authentication certificate among them, and the private key with the same
 * CKA_ID (visible only once logged in on most cards).
 */
import type { Result } from '../../../common/result.ts';
import { ok } from '../../../common/result.ts';
import { x509 } from '../x509.ts';
import {
  CKA_CERTIFICATE_TYPE,
  CKA_CLASS,
  CKA_ID,
  CKA_LABEL,
  CKA_VALUE,
  CKC_X_509,
  CKO_CERTIFICATE,
  CKO_PRIVATE_KEY,
} from './constants.ts';
import type { Pkcs11Call, Pkcs11Fault } from './module-host.ts';

export interface TokenCertificate {
  readonly id: Uint8Array;
  readonly label: string;
  readonly der: Uint8Array;
}

interface Attr {
  readonly type: number;
  readonly value?: Uint8Array | number | boolean | string;
}

const MAX_OBJECTS = 32;

async function findAll(call: Pkcs11Call, session: Uint8Array, template: readonly Attr[]) {
  const init = await call('C_FindObjectsInit', session, template);
  if (!init.ok) return init;
  const found = await call('C_FindObjects', session, MAX_OBJECTS);
  await call('C_FindObjectsFinal', session);
  if (!found.ok) return found;
  return ok(found.value as Uint8Array[]);
}

async function attributes(
  call: Pkcs11Call,
  session: Uint8Array,
  object: Uint8Array,
  types: readonly number[],
): Promise<Result<Map<number, Uint8Array>, Pkcs11Fault>> {
  const got = await call(
    'C_GetAttributeValue',
    session,
    object,
    types.map((type) => ({ type })),
  );
  if (!got.ok) return got;
  return ok(new Map((got.value as { type: number; value: Uint8Array }[]).map((a) => [a.type, a.value])));
}

export async function readCertificates(
  call: Pkcs11Call,
  session: Uint8Array,
): Promise<Result<TokenCertificate[], Pkcs11Fault>> {
  const objects = await findAll(call, session, [
    { type: CKA_CLASS, value: CKO_CERTIFICATE },
    { type: CKA_CERTIFICATE_TYPE, value: CKC_X_509 },
  ]);
  if (!objects.ok) return objects;
  const certs: TokenCertificate[] = [];
  for (const object of objects.value) {
    const a = await attributes(call, session, object, [CKA_ID, CKA_LABEL, CKA_VALUE]);
    if (!a.ok) return a;
    const der = a.value.get(CKA_VALUE);
    if (der === undefined || der.length === 0) continue;
    const label = new TextDecoder().decode(a.value.get(CKA_LABEL) ?? new Uint8Array());
    certs.push({ id: a.value.get(CKA_ID) ?? new Uint8Array(), label, der });
  }
  return ok(certs);
}

function authenticationRank(cert: TokenCertificate): number {
  let parsed: x509.X509Certificate;
  try {
    parsed = new x509.X509Certificate(new Uint8Array(cert.der));
  } catch {
    return -1;
  }
  const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku?.usages.includes(x509.ExtendedKeyUsage.clientAuth)) return 4;
  const ku = parsed.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const signs = (ku & x509.KeyUsageFlags.digitalSignature) !== 0;
  // A CPS carries an authentication and a signature (non-repudiation) certificate; PIV labels its own.
  if (signs && (ku & x509.KeyUsageFlags.nonRepudiation) === 0) return 3;
  if (/auth/i.test(cert.label)) return 2;
  return signs ? 1 : 0;
}

/** The token's authentication certificate: clientAuth, else digitalSignature without non-repudiation. */
export function chooseAuthenticationCertificate(
  certs: readonly TokenCertificate[],
): TokenCertificate | undefined {
  let best: TokenCertificate | undefined;
  let bestRank = 0;
  for (const cert of certs) {
    const rank = authenticationRank(cert);
    if (rank > bestRank) [best, bestRank] = [cert, rank];
  }
  return best;
}

/** The private key paired with a certificate (same CKA_ID, PKCS #11 v2.40 §4.4 note on CKA_ID). */
export async function findPrivateKey(
  call: Pkcs11Call,
  session: Uint8Array,
  id: Uint8Array,
): Promise<Result<Uint8Array | undefined, Pkcs11Fault>> {
  const keys = await findAll(call, session, [
    { type: CKA_CLASS, value: CKO_PRIVATE_KEY },
    { type: CKA_ID, value: id },
  ]);
  if (!keys.ok) return keys;
  return keys.value.length === 0 ? ok(undefined) : ok(keys.value[0]);
}
