/**
 * A PKCS#11 token as a record signer outside the kiosk (the CLI's `--card pkcs11:MODULE[:TOKEN]`):
 * loads the module in its worker, picks the token (by slot ID or label; else the first present),
 * and hands out its signature key (record-signer.ts). `close` finalizes the module.
 */
import type { RecordSigner } from '../../../common/record-signer.ts';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import { CKF_SERIAL_SESSION, CKR } from './constants.ts';
import { openWorkerModule, type OpenModule, type Pkcs11Module } from './module-host.ts';
import { pkcs11RecordSigner, type Pkcs11SignerFailure, type Pkcs11SignerOptions } from './record-signer.ts';
import { readCertificates } from './token.ts';

export type OpenPkcs11SignerFailure =
  | Pkcs11SignerFailure
  | { readonly kind: 'module_unavailable' }
  | { readonly kind: 'no_token'; readonly tokens: readonly string[] };

export interface Pkcs11CardSigner {
  readonly signer: RecordSigner;
  /** The token's label. */
  readonly token: string;
  close(): Promise<void>;
}

export interface OpenPkcs11SignerOptions extends Pkcs11SignerOptions {
  readonly modulePath: string;
  /** A slot ID (decimal) or a token label; absent: the first slot with a token. */
  readonly token?: string;
  readonly pin: string;
  readonly callTimeoutMs?: number;
  readonly openModule?: OpenModule;
}

/** A CK_SLOT_ID as pkcs11js hands it: the native CK_ULONG's bytes (little-endian on our platforms). */
const slotNumber = (slot: Uint8Array): string =>
  Buffer.from(slot)
    .reduceRight((n, byte) => n * 256n + BigInt(byte), 0n)
    .toString();

const trimLabel = (label: string): string => label.replaceAll('\0', ' ').trimEnd();

export async function openPkcs11RecordSigner(
  options: OpenPkcs11SignerOptions,
): Promise<Result<Pkcs11CardSigner, OpenPkcs11SignerFailure>> {
  const host = (options.openModule ?? openWorkerModule)(options.modulePath, options.callTimeoutMs ?? 20_000);
  const made = await withModule(host, options);
  if (!made.ok) await host.close();
  return made;
}

async function withModule(
  host: Pkcs11Module,
  options: OpenPkcs11SignerOptions,
): Promise<Result<Pkcs11CardSigner, OpenPkcs11SignerFailure>> {
  const call = host.call;
  const init = await call('C_Initialize');
  if (!init.ok && !(init.error.kind === 'ckr' && init.error.code === CKR.CRYPTOKI_ALREADY_INITIALIZED))
    return err({ kind: 'module_unavailable' });
  const slots = await call('C_GetSlotList', true);
  if (!slots.ok) return err({ kind: 'fault', fault: slots.error });
  const seen: string[] = [];
  let chosen: { slot: Uint8Array; label: string } | undefined;
  for (const slot of slots.value as Uint8Array[]) {
    const info = await call('C_GetTokenInfo', slot);
    if (!info.ok) continue;
    const label = trimLabel((info.value as { label: string }).label);
    seen.push(`${slotNumber(slot)}/${label}`);
    const wanted = options.token;
    if (wanted === undefined || wanted === label || wanted === slotNumber(slot)) {
      chosen = { slot, label };
      break;
    }
  }
  if (chosen === undefined) return err({ kind: 'no_token', tokens: seen });
  const opened = await call('C_OpenSession', chosen.slot, CKF_SERIAL_SESSION);
  if (!opened.ok) return err({ kind: 'fault', fault: opened.error });
  const token = { slot: chosen.slot, session: opened.value as Uint8Array };
  const certs = await readCertificates(call, token.session);
  if (!certs.ok) return err({ kind: 'fault', fault: certs.error });
  const signer = await pkcs11RecordSigner(call, token, certs.value, options.pin, options);
  if (!signer.ok) return signer;
  return ok({ signer: signer.value, token: chosen.label, close: () => host.close() });
}
