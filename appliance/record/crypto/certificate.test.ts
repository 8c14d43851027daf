import { describe, expect, it } from 'vitest';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsagesExtension,
  type X509Certificate,
} from '../../common/x509.ts';
import { testCa, testPerson, unknownCriticalExtension } from '../pki.testing.ts';
import { parseCertificate, signerIdentity, type RecordCertificate } from './certificate.ts';
import { extendedKeyUsagesOf, keyUsageOf } from './path-rules.ts';

/** What the record read of a certificate through @peculiar/x509, read now through node:crypto and der.ts. */
function expectSameReading(view: RecordCertificate, reference: X509Certificate): void {
  expect(view.subject).toBe(reference.subject);
  expect(view.issuer).toBe(reference.issuer);
  expect(view.serialNumber).toBe(reference.serialNumber);
  expect(view.notBefore.getTime()).toBe(reference.notBefore.getTime());
  expect(view.notAfter.getTime()).toBe(reference.notAfter.getTime());
  expect(view.extensions.map((e) => [e.oid, e.critical])).toEqual(
    reference.extensions.map((e) => [e.type, e.critical]),
  );
  for (const oid of ['2.5.4.3', '2.5.4.5', '2.5.4.12', '2.5.4.10', '1.2.3.4'])
    expect(view.subjectField(oid)).toEqual(reference.subjectName.getField(oid));
  expect(keyUsageOf(view)).toBe(reference.getExtension(KeyUsagesExtension)?.usages);
  expect(extendedKeyUsagesOf(view)).toEqual(
    reference.getExtension(ExtendedKeyUsageExtension)?.usages.map(String),
  );
  const constraints = reference.getExtension(BasicConstraintsExtension);
  expect(view.extension('2.5.29.19') !== undefined).toBe(constraints !== null);
}

describe('certificates read without an ASN.1 library', () => {
  it('HZ-04 read the same names, serials, dates, extensions and usages as @peculiar/x509', async () => {
    const root = await testCa('Root CA', undefined, { pathLength: 1 });
    const intermediate = await testCa('Intermediate, "Unit" + #1', root, { pathLength: 0 });
    const people = await Promise.all([
      testPerson(intermediate),
      testPerson(root, { rsa: true, extendedUsages: ['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.36'] }),
      testPerson(root, { usages: null, extraExtensions: [unknownCriticalExtension()] }),
      testPerson(root, { subject: 'CN=Élodie ÇA\\, Ltd, O=Org+OU=Unit, 2.5.4.5=810000000009' }),
      testPerson(root, { subject: 'O=No Common Name, C=FR' }),
    ]);
    for (const identity of [root, intermediate, ...people]) {
      const view = parseCertificate(identity.certificatePem);
      expect(view, identity.certificate.subject).toBeDefined();
      expectSameReading(view as RecordCertificate, identity.certificate);
      const der = parseCertificate(new Uint8Array(identity.certificate.rawData));
      expect(der && Buffer.from(der.der).equals(Buffer.from(identity.certificate.rawData))).toBe(true);
    }
    expect(signerIdentity(parseCertificate(people[4]!.certificatePem)!)).toEqual({
      name: 'O=No Common Name, C=FR',
      nationalId: '',
    });
  });

  it('refuses a certificate whose name holds a value that is not a string (OpenSSL does not parse it)', async () => {
    const root = await testCa('Root CA');
    const odd = await testPerson(root, { subject: 'CN=Dr Odd, 1.2.3.4=#0500' });
    expect(parseCertificate(odd.certificatePem)).toBeUndefined();
  });

  it('refuses what is not a certificate, and certificates over the size bound', () => {
    expect(parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toBeUndefined();
    expect(parseCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBeUndefined();
    expect(parseCertificate(new Uint8Array(16 * 1024 + 1))).toBeUndefined();
  });
});
