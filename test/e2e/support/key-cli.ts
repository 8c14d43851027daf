/**
 * A key image read back the way a doctor's desk would: the `baladeur` CLI as a separate process
 * (its TypeScript source run by node + tsx, development PKI), plus the record's signer certificate.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parsePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { parseContainer } from '../../../appliance/record/container/read.ts';
import { decryptWithCode } from '../../../appliance/record/crypto/decrypt.ts';
import { stripPadding } from '../../../appliance/record/crypto/padding.ts';
import { readRecord } from '../../../scripts/cli/key-image.ts';
import { REPO } from './paths.ts';

const run = promisify(execFile);
/** scripts/cli/main.ts exports `main` (the bin shim runs the bundled copy): run the source itself. */
const CLI =
  "const { main } = await import('./scripts/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));";

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function baladeur(args: readonly string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(
      'node',
      ['--import', 'tsx', '--input-type=module', '-e', CLI, ...args],
      {
        cwd: REPO,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export interface FhirBundle {
  readonly entry: readonly { readonly resource: Record<string, unknown> }[];
}

/** `baladeur key read --dev`: the bundle, and the signature line (signer, version). */
export async function keyRead(
  image: string,
  code: string,
): Promise<{ bundle: FhirBundle; signature: string }> {
  const read = await baladeur(['key', 'read', '--dev', '--in', image, '--code', code]);
  if (read.exitCode !== 0) throw new Error(`key read exited ${read.exitCode}: ${read.stderr}`);
  return { bundle: JSON.parse(read.stdout) as FhirBundle, signature: read.stderr };
}

export interface LogEntry {
  readonly who: { readonly name: string; readonly profession: string };
  readonly tier: string;
  readonly breakGlassReason?: string;
  readonly updatedToVersion?: number;
}

/** `baladeur key log`: the key's access log, newest first. */
export async function keyLog(image: string, code: string): Promise<LogEntry[]> {
  const log = await baladeur(['key', 'log', '--in', image, '--code', code]);
  if (log.exitCode !== 0) throw new Error(`key log exited ${log.exitCode}: ${log.stderr}`);
  return JSON.parse(log.stdout) as LogEntry[];
}

/** The leaf certificate (x5c[0]) of the full tier's signature, as DER. */
export async function signerCertificate(image: string, code: string): Promise<Buffer> {
  const container = parseContainer(readRecord(image));
  const parsed = parsePatientCode(code);
  if (!container.ok || !parsed.ok) throw new Error('unreadable key');
  const plaintext = await decryptWithCode(container.value.tiers.full as never, parsed.value, {
    cid: container.value.id,
    purpose: 'full',
  });
  if (!plaintext.ok) throw new Error(`full tier: ${String(plaintext.error)}`);
  const jws = new TextDecoder().decode(stripPadding(plaintext.value));
  const header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    x5c: string[];
  };
  return Buffer.from(header.x5c[0] ?? '', 'base64');
}

/** The resources of one type in a bundle. */
export function resources(bundle: FhirBundle, type: string): Record<string, unknown>[] {
  return bundle.entry.map((e) => e.resource).filter((r) => r['resourceType'] === type);
}
