/** Runs once before the unit and integration tests: the development PKI that tests and demo keys use. */
import { ensureDevPki } from '../appliance/dev/pki/dev-pki.ts';

export default async function setup(): Promise<void> {
  await ensureDevPki();
}
