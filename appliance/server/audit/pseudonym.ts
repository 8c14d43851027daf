/**
 * Pseudonymous record ids: HMAC-SHA256 of the container id with a per-kiosk secret kept in the
 * data folder. The same key gives the same id on one kiosk (audits can be correlated there) and
 * unrelated ids on two kiosks; the id says nothing about the patient.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'kiosk-secret.bin';

export function loadOrCreateKioskSecret(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const secret = readFileSync(file);
    if (secret.length === 32) return secret;
  } catch {
    // created below
  }
  const secret = randomBytes(32);
  writeFileSync(file, secret, { mode: 0o600, flag: 'w' });
  return secret;
}

export function pseudonymousRecordId(secret: Uint8Array, containerId: string): string {
  return createHmac('sha256', secret).update(containerId).digest('hex').slice(0, 32);
}
