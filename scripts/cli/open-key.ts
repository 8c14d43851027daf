/**
 * Opening a key from the command line, shared by `key read`, `receipt` and `crosscheck`: trust
 * anchors from --trust (else, with --dev only, the dev PKI's test CA), keyring from --keyring (else,
 * with --dev only, the dev emergency key), then open by patient code or by break-glass. Exits with
 * the CLI's codes.
 */
import { openWithCode, openWithEmergencyKey } from '../../appliance/record/container/open.ts';
import type { OpenedRecord } from '../../appliance/record/container/types.ts';
import { fail, optionalString, type CliIo, type OptionValues } from './command.ts';
import { devPki, keyringFrom, readInputFile, readJsonFile, requireDev } from './defaults.ts';
import { readRecord } from './key-image.ts';
import { exitFor } from './outcome.ts';

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
  const options = { trustAnchorsPem, now: new Date() };
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
