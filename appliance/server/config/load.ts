/** Reads and validates the configuration file; resolves its paths. Failures are one clear line. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import { parseCrls } from '../../drivers/smartcard/revocation.ts';
import type { x509 } from '../../drivers/smartcard/x509.ts';
import { ConfigSchema, type KioskConfig } from './schema.ts';

/** A validated config whose file paths are absolute and whose PEM/JWK files were read. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: KioskConfig;
  readonly trustAnchorsPem: readonly string[];
  /** The authorities trusted for record signers: `recordSigning.trustAnchors`, else `trustAnchors`. */
  readonly recordSignerAnchorsPem: readonly string[];
  /** The CRLs of `revocation.crls`, parsed. */
  readonly crls: readonly x509.X509Crl[];
  /** Private JWKs (parsed JSON objects) of the emergency keyring. */
  readonly emergencyKeyring: readonly JsonWebKey[];
  readonly dataDir: string;
}

function readText(file: string, what: string): Result<string, string> {
  try {
    return ok(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return err(`${what} ${file}: ${code === 'ENOENT' ? 'file not found' : code}`);
  }
}

export function parseConfig(json: unknown, file: string): Result<KioskConfig, string> {
  const parsed = ConfigSchema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return err(`invalid configuration ${file}: ${where}: ${issue?.message ?? 'invalid'}`);
}

export function loadConfig(file: string): Result<LoadedConfig, string> {
  const abs = path.resolve(file);
  const text = readText(abs, 'configuration');
  if (!text.ok) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.value);
  } catch {
    return err(`invalid configuration ${abs}: not valid JSON`);
  }
  const parsed = parseConfig(json, abs);
  if (!parsed.ok) return parsed;
  const config = parsed.value;
  const base = path.dirname(abs);
  const resolve = (p: string) => path.resolve(base, p);
  const readAnchors = (files: readonly string[]): Result<string[], string> => {
    const pems: string[] = [];
    for (const anchor of files) {
      const pem = readText(resolve(anchor), 'trust anchor');
      if (!pem.ok) return pem;
      if (!pem.value.includes('-----BEGIN CERTIFICATE-----'))
        return err(`trust anchor ${resolve(anchor)}: not a PEM certificate`);
      pems.push(pem.value);
    }
    return ok(pems);
  };
  const loginAnchors = readAnchors(config.trustAnchors);
  if (!loginAnchors.ok) return loginAnchors;
  const trustAnchorsPem = loginAnchors.value;
  const signerAnchors =
    config.recordSigning.trustAnchors === undefined
      ? ok(trustAnchorsPem)
      : readAnchors(config.recordSigning.trustAnchors);
  if (!signerAnchors.ok) return signerAnchors;
  const recordSignerAnchorsPem = signerAnchors.value;
  const crls: x509.X509Crl[] = [];
  for (const crlFile of config.revocation?.crls ?? []) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(crlFile));
    } catch (error) {
      return err(`CRL ${resolve(crlFile)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    try {
      const text = bytes.toString('latin1');
      crls.push(...parseCrls([text.includes('-----BEGIN X509 CRL-----') ? text : new Uint8Array(bytes)]));
    } catch {
      return err(`CRL ${resolve(crlFile)}: not a PEM or DER CRL`);
    }
  }
  const emergencyKeyring: JsonWebKey[] = [];
  for (const keyFile of config.emergencyKeyring) {
    const jwk = readText(resolve(keyFile), 'emergency key');
    if (!jwk.ok) return jwk;
    try {
      const parsedKey = JSON.parse(jwk.value) as JsonWebKey;
      if (typeof parsedKey !== 'object' || parsedKey === null || typeof parsedKey.d !== 'string') {
        return err(`emergency key ${resolve(keyFile)}: not a private JWK`);
      }
      emergencyKeyring.push(parsedKey);
    } catch {
      return err(`emergency key ${resolve(keyFile)}: not valid JSON`);
    }
  }
  return ok({
    file: abs,
    config,
    trustAnchorsPem,
    recordSignerAnchorsPem,
    crls,
    emergencyKeyring,
    dataDir: resolve(config.dataDir),
  });
}
