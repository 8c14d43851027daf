import { constants, generateKeyPairSync, sign, verify, webcrypto, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { err, ok } from '../../../common/result.ts';
import { x509 } from '../x509.ts';
import {
  CKA_ALWAYS_AUTHENTICATE,
  CKA_ID,
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_INITIALIZED,
  CKM_RSA_PKCS,
  CKM_SHA256_RSA_PKCS,
  CKM_SHA256_RSA_PKCS_PSS,
  CKR,
  CKU_CONTEXT_SPECIFIC,
} from './constants.ts';
import type { Pkcs11Call } from './module-host.ts';
import { chooseSignatureCertificate, pkcs11RecordSigner } from './record-signer.ts';
import type { TokenCertificate } from './token.ts';

/** What SoftHSM cannot be made to do: a token without PSS, a key that wants the PIN again. */
interface FakeRsaToken {
  readonly mechanisms: number[];
  readonly alwaysAuthenticate: boolean;
  readonly calls: string[];
  readonly call: Pkcs11Call;
}

let keys: { privateKey: KeyObject; publicKey: KeyObject };
let signatureCert: TokenCertificate;
let authenticationCert: TokenCertificate;

async function rsaCertificate(id: number, usage: number, clientAuth = false): Promise<TokenCertificate> {
  const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
  const caKeys = (await webcrypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const publicKey = await webcrypto.subtle.importKey(
    'spki',
    keys.publicKey.export({ format: 'der', type: 'spki' }),
    RSA,
    true,
    ['verify'],
  );
  const cert = await x509.X509CertificateGenerator.create({
    subject: [{ CN: ['Claire MARTIN'] }, { '2.5.4.5': ['810000123458'] }, { T: ['10'] }],
    issuer: 'CN=Fake CA',
    publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.KeyUsagesExtension(usage, true),
      ...(clientAuth ? [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])] : []),
    ],
  });
  return { id: new Uint8Array([id]), label: `cert ${id}`, der: new Uint8Array(cert.rawData) };
}

function fakeToken(options: { pss: boolean; alwaysAuthenticate?: boolean; pin?: string }): FakeRsaToken {
  const calls: string[] = [];
  let mechanism = 0;
  let keyId: number | undefined;
  let flags = CKF_USER_PIN_INITIALIZED;
  const mechanisms = [CKM_SHA256_RSA_PKCS, CKM_RSA_PKCS, ...(options.pss ? [CKM_SHA256_RSA_PKCS_PSS] : [])];
  const call: Pkcs11Call = async (method, ...args) => {
    calls.push(method === 'C_Login' ? `C_Login:${String(args[1])}` : method);
    switch (method) {
      case 'C_Login':
        if (args[2] === (options.pin ?? '1010')) return ok(undefined);
        flags |= CKF_USER_PIN_FINAL_TRY;
        return err({ kind: 'ckr', code: CKR.PIN_INCORRECT });
      case 'C_GetTokenInfo':
        return ok({ flags });
      case 'C_FindObjectsInit':
        keyId = (args[1] as { type: number; value?: Uint8Array }[]).find((a) => a.type === CKA_ID)
          ?.value?.[0];
        return ok(undefined);
      case 'C_FindObjects':
        return ok(keyId === undefined ? [] : [new Uint8Array([0x40 + keyId])]);
      case 'C_GetMechanismList':
        return ok(mechanisms);
      case 'C_GetAttributeValue':
        return ok([
          { type: CKA_ALWAYS_AUTHENTICATE, value: new Uint8Array([options.alwaysAuthenticate ? 1 : 0]) },
        ]);
      case 'C_SignInit':
        mechanism = (args[1] as { mechanism: number }).mechanism;
        return ok(undefined);
      case 'C_Sign': {
        const input = args[1] as Uint8Array;
        if (mechanism === CKM_SHA256_RSA_PKCS)
          return ok(new Uint8Array(sign('sha256', input, keys.privateKey)));
        if (mechanism === CKM_SHA256_RSA_PKCS_PSS)
          return ok(
            new Uint8Array(
              sign('sha256', input, {
                key: keys.privateKey,
                padding: constants.RSA_PKCS1_PSS_PADDING,
                saltLength: 32,
              }),
            ),
          );
        return err({ kind: 'ckr', code: CKR.GENERAL_ERROR });
      }
      default:
        return ok(undefined);
    }
  };
  return { mechanisms, alwaysAuthenticate: options.alwaysAuthenticate ?? false, calls, call };
}

const token = { slot: new Uint8Array([1]), session: new Uint8Array([2]) };
const input = new TextEncoder().encode('header.payload');

beforeAll(async () => {
  keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  signatureCert = await rsaCertificate(2, x509.KeyUsageFlags.nonRepudiation);
  authenticationCert = await rsaCertificate(1, x509.KeyUsageFlags.digitalSignature);
}, 30_000);

describe('PKCS#11 record signer (fake RSA token)', () => {
  it('a token without PSS signs RS256 (PKCS#1 v1.5) and says so in the algorithm', async () => {
    const t = fakeToken({ pss: false });
    const made = await pkcs11RecordSigner(t.call, token, [authenticationCert, signatureCert], '1010');
    if (!made.ok) throw new Error(made.error.kind);
    expect(made.value.algorithm).toBe('RS256');
    const signature = await made.value.sign(input);
    expect(verify('sha256', input, keys.publicKey, signature)).toBe(true);
  });

  it('with PSS the same token signs PS256 with the non-repudiation certificate', async () => {
    const t = fakeToken({ pss: true });
    const made = await pkcs11RecordSigner(t.call, token, [authenticationCert, signatureCert], '1010');
    if (!made.ok) throw new Error(made.error.kind);
    expect(made.value.algorithm).toBe('PS256');
    expect(made.value.certificateChain[0]).toEqual(signatureCert.der);
    const signature = await made.value.sign(input);
    const pss = { key: keys.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', input, pss, signature)).toBe(true);
  });

  it('a key with CKA_ALWAYS_AUTHENTICATE gets the PIN again after C_SignInit (CKU_CONTEXT_SPECIFIC)', async () => {
    const t = fakeToken({ pss: true, alwaysAuthenticate: true });
    const made = await pkcs11RecordSigner(t.call, token, [signatureCert], '1010');
    if (!made.ok) throw new Error(made.error.kind);
    t.calls.length = 0;
    await made.value.sign(input);
    expect(t.calls.slice(t.calls.indexOf('C_SignInit'), t.calls.indexOf('C_Sign') + 1)).toEqual([
      'C_SignInit',
      `C_Login:${CKU_CONTEXT_SPECIFIC}`,
      'C_Sign',
    ]);
  });

  it('an authentication certificate that also says nonRepudiation is not taken for the signature one', async () => {
    const both = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
    const authentication = await rsaCertificate(1, both, true);
    expect(chooseSignatureCertificate([authentication, signatureCert])).toBe(signatureCert);
    expect(chooseSignatureCertificate([authentication])).toBeUndefined();
    expect(chooseSignatureCertificate([authentication], { signWithAuthenticationKey: true })).toBe(
      authentication,
    );
  });

  it('a wrong PIN is wrong_pin with the token’s final-try flag, and nothing is signed', async () => {
    const t = fakeToken({ pss: true });
    const made = await pkcs11RecordSigner(t.call, token, [signatureCert], '0000');
    expect(made).toEqual(err({ kind: 'wrong_pin', retriesLeft: 1 }));
    expect(t.calls).not.toContain('C_Sign');
  });

  it('only an authentication certificate: no_signing_key unless the site allows it (PIN checked first)', async () => {
    const refused = fakeToken({ pss: true });
    expect(await pkcs11RecordSigner(refused.call, token, [authenticationCert], '1010')).toEqual(
      err({ kind: 'no_signing_key' }),
    );
    expect(refused.calls[0]).toBe('C_Login:1');
    const allowed = fakeToken({ pss: true });
    const made = await pkcs11RecordSigner(allowed.call, token, [authenticationCert], '1010', {
      signWithAuthenticationKey: true,
    });
    if (!made.ok) throw new Error(made.error.kind);
    expect(made.value.certificateChain[0]).toEqual(authenticationCert.der);
  });
});
