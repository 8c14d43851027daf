/**
 * Record signatures judged against the site's CRLs (HZ-27): what a CRL adds to verifying one tier,
 * with a small CRL and a large one (a national authority's CRL lists tens of thousands of cards),
 * parsed (CLI) or indexed (key workers), and the once-per-start costs: parsing the large CRL and
 * indexing it.
 */
import { indexCrl } from '../../appliance/common/crl-index.ts';
import {
  parseCrls,
  type RevocationConfig,
  type SigningRevocationConfig,
} from '../../appliance/common/revocation.ts';
import { X509CrlGenerator } from '../../appliance/common/x509.ts';
import { signTier } from '../../appliance/record/crypto/sign.ts';
import { verifyTier } from '../../appliance/record/crypto/verify.ts';
import { testCa, testPerson, type TestIdentity } from '../../appliance/record/pki.testing.ts';
import { percentile, type BenchFigure } from './figure.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const RUNS = 40;
const LARGE = 20_000;

async function crlOf(ca: TestIdentity, entries: number): Promise<Uint8Array> {
  const crl = await X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 7 * DAY),
    entries: Array.from({ length: entries }, (_, i) => ({
      serialNumber: (0x100000 + i).toString(16),
      revocationDate: new Date(Date.now() - 2 * DAY),
    })),
    signingKey: ca.keys.privateKey,
    signingAlgorithm: EC,
  });
  return new Uint8Array(crl.rawData);
}

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 3; i += 1) {
    const started = performance.now();
    await run();
    if (i >= 3) samples.push(performance.now() - started);
  }
  return samples;
}

export default async function bench(): Promise<BenchFigure[]> {
  const ca = await testCa('Bench Root');
  const doctor = await testPerson(ca);
  const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');
  const jws = await signTier(
    payload,
    { privateKeyPem: doctor.privateKeyPem, certificateChainPem: [doctor.certificatePem] },
    { tier: 'full' },
  );
  const verify = (revocation?: SigningRevocationConfig) => () =>
    verifyTier(jws, {
      tier: 'full',
      trustAnchorsPem: [ca.certificatePem],
      now: new Date(),
      ...(revocation === undefined ? {} : { revocation }),
    });
  const largeDer = await crlOf(ca, LARGE);
  const parseSamples: number[] = [];
  let large: RevocationConfig | undefined;
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    large = { crls: parseCrls([largeDer]), staleCrl: 'warn' };
    parseSamples.push(performance.now() - started);
  }
  const indexStarted = performance.now();
  const largeIndex =
    large === undefined ? undefined : indexCrl(large.crls[0] as NonNullable<(typeof large.crls)[0]>);
  const indexMs = performance.now() - indexStarted;
  if (largeIndex === undefined) throw new Error('the bench CRL is not indexed');
  const small: RevocationConfig = { crls: parseCrls([await crlOf(ca, 10)]), staleCrl: 'warn' };
  const none = await timed(verify());
  const withSmall = await timed(verify(small));
  const withLarge = await timed(verify(large));
  const withIndex = await timed(verify({ crls: [largeIndex], staleCrl: 'warn' }));
  const p95 = (s: number[]) => Number(percentile(s, 95).toFixed(2));
  return [
    { name: 'record.revocation.verify_no_crl.p95', value: p95(none), unit: 'ms', note: 'one tier, no CRL' },
    {
      name: 'record.revocation.verify_crl_10.p95',
      value: p95(withSmall),
      unit: 'ms',
      note: 'CRL of 10 entries',
    },
    {
      name: 'record.revocation.verify_crl_20000.p95',
      value: p95(withLarge),
      unit: 'ms',
      note: `CRL of ${LARGE} entries (${Math.round(largeDer.byteLength / 1024)} KB)`,
    },
    {
      name: 'record.revocation.verify_index_20000.p95',
      value: p95(withIndex),
      unit: 'ms',
      note: 'the same CRL indexed (what key workers get)',
    },
    {
      name: 'record.revocation.parse_crl_20000.median',
      value: Number(percentile(parseSamples, 50).toFixed(2)),
      unit: 'ms',
      note: 'once at the kiosk start',
    },
    {
      name: 'record.revocation.index_crl_20000',
      value: Number(indexMs.toFixed(2)),
      unit: 'ms',
      note: 'once at the kiosk start, after parsing',
    },
  ];
}
