/**
 * Opening a key from the command line, shared by `key read`, `receipt` and `crosscheck`: trust
 * anchors from --trust (else, with --dev only, the dev PKI's test CA), the signers' CRLs from --crl,
 * keyring from --keyring (else, with --dev only, the dev emergency key), then open by patient code
 * or by break-glass. Exits with the CLI's codes.
 */
import type { RevocationConfig } from '../../appliance/common/revocation.ts';
import { openWithCode, openWithEmergencyKey } from '../../appliance/record/container/open.ts';
import type { OpenedRecord } from '../../appliance/record/container/types.ts';
import { EXIT, fail, optionalString, type CliIo, type OptionValues } from './command.ts';
import { devPki, keyringFrom, readInputFile, readJsonFile, requireDev } from './defaults.ts';
import { readRecord } from './key-image.ts';
import { exitFor } from './outcome.ts';

/** `--crl FILE…` (PEM or DER) and `--stale-crl warn|refuse`: the signer's card judged at the signing time. */
export const CRL_OPTIONS = {
  crl: { type: 'string', multiple: true },
  'stale-crl': { type: 'string' },
} as const;

/** The help lines of the CRL options, descriptions starting at `column` like the command's others. */
export function crlHelp(column: number): string {
  return [
    `  --crl <file>`.padEnd(column) + "a CRL (PEM or DER) of a signer's authority; repeat for each",
    `  --stale-crl warn|refuse`.padEnd(column) +
      "no current CRL for the signer's authority: warn (default) or refuse",
  ].join('\n');
}

/** The CRL parser (an ASN.1 library) is loaded only when CRLs are given: a plain `key read` never loads it. */
export async function revocationFrom(values: OptionValues): Promise<RevocationConfig | undefined> {
  const raw = (values as Record<string, unknown>).crl;
  const files = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
  const staleCrl = optionalString(values, 'stale-crl') ?? 'warn';
  if (staleCrl !== 'warn' && staleCrl !== 'refuse')
    fail(EXIT.unusable, '--stale-crl: must be "warn" or "refuse"');
  if (files.length === 0) return undefined;
  const { parseCrls } = await import('../../appliance/common/revocation.ts');
  const crls = files.flatMap((file) => {
    const bytes = readInputFile(file, '--crl');
    const text = bytes.toString('latin1');
    try {
      return parseCrls([text.includes('-----BEGIN X509 CRL-----') ? text : new Uint8Array(bytes)]);
    } catch {
      return fail(EXIT.unusable, `--crl ${file}: not a PEM or DER CRL`);
    }
  });
  return { crls, staleCrl };
}

export type KeyAccess =
  { readonly code: string; readonly tier: 'full' | 'emergency' } | { readonly emergency: true };

export async function openKeyFromCli(
  values: OptionValues,
  input: string,
  access: KeyAccess,
  io: CliIo,
): Promise<OpenedRecord> {
  const emergency = 'emergency' in access;
  const trustPath = optionalString(values, 'trust');
  const keyringPath = optionalString(values, 'keyring');
  if (trustPath === undefined) {
    requireDev(
      values,
      'no trust anchors: give --trust <pem> (the certificate authorities whose signers you trust)',
      'to trust the development test CA',
    );
  }
  if (emergency && keyringPath === undefined) {
    requireDev(
      values,
      '--emergency needs --keyring <jwks> (the emergency-access private keys)',
      'for the development emergency key',
    );
  }
  const pki =
    trustPath === undefined || (emergency && keyringPath === undefined) ? await devPki(io) : undefined;
  const trustAnchorsPem = [
    trustPath === undefined
      ? (pki?.testCa.certPem ?? '')
      : readInputFile(trustPath, '--trust', 1024 * 1024).toString('utf8'),
  ];
  const record = readRecord(input);
  const revocation = await revocationFrom(values);
  const options = { trustAnchorsPem, now: new Date(), ...(revocation === undefined ? {} : { revocation }) };
  const opened = emergency
    ? await openWithEmergencyKey(
        record,
        keyringPath === undefined
          ? [pki?.emergency.privateJwk ?? {}]
          : keyringFrom(readJsonFile(keyringPath, '--keyring'), '--keyring'),
        options,
      )
    : await openWithCode(record, access.code, { ...options, tier: access.tier });
  if (!opened.ok) fail(exitFor(opened.error), opened.error.message);
  return opened.value;
}
