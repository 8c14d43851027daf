/**
 * The scripted sessions of the at-rest check, driven as the page and the dev dock drive a kiosk:
 * socket.io commands with the page's secret, and the dock's JSON API for cards and keys.
 */
import type { Command } from '../../appliance/contract/commands.ts';
import type { DockStateResponse } from '../../appliance/contract/dock.ts';
import type { SessionView } from '../../appliance/contract/session-view.ts';
import { connect, viewWhere, type Client } from '../kiosk-client.ts';

export const SESSION_KINDS = [
  'nurse',
  'break_glass',
  'pharmacist',
  'print',
  'pulled_key',
  'pulled_card',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

const TIMEOUT_MS = 60_000;

export interface Kiosk {
  readonly base: string;
  readonly socket: Client;
  readonly state: DockStateResponse;
}

async function dock(base: string, route: string, body?: unknown): Promise<unknown> {
  const request = () =>
    fetch(new URL(`dev/${route}`, base), {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  // A keep-alive connection the server closed while idle fails once ("other side closed"): retry.
  const response = await request().catch(() => request());
  if (!response.ok) throw new Error(`dock ${route}: HTTP ${response.status}`);
  return response.json();
}

export async function attach(base: string, secret: string): Promise<Kiosk> {
  const state = (await dock(base, 'state')) as DockStateResponse;
  return { base, state, socket: await connect(base, { secret }) };
}

const until = (k: Kiosk, predicate: (v: SessionView) => boolean) =>
  viewWhere(k.socket, predicate, TIMEOUT_MS);

async function send(k: Kiosk, command: Command): Promise<void> {
  const ack = await k.socket.timeout(TIMEOUT_MS).emitWithAck('command', command);
  if (!ack.ok) throw new Error(`${command.type} refused (${ack.error})`);
}

async function login(k: Kiosk, profile: 'nurse' | 'pharmacist' | 'doctor'): Promise<void> {
  const pin = k.state.profiles.find((p) => p.profile === profile)?.pin;
  if (pin === undefined) throw new Error(`no ${profile} profile in the dock`);
  await dock(k.base, 'card/insert', { profile });
  await until(k, (v) => v.card.status === 'pin_entry');
  await send(k, { type: 'pin.submit', pin });
  await until(k, (v) => v.card.status === 'authenticated');
}

async function insertKey(k: Kiosk, demo: string): Promise<void> {
  await dock(k.base, 'usb-key/insert', { demo });
  await until(k, (v) => v.key.status === 'locked');
}

async function openWithCode(k: Kiosk, demo: string): Promise<void> {
  const code = k.state.demoKeys.find((d) => d.name === demo)?.code;
  if (code === undefined) throw new Error('unknown demo key');
  await send(k, { type: 'code.submit', code });
  await until(k, (v) => v.key.status === 'open');
}

async function leave(k: Kiosk): Promise<void> {
  await dock(k.base, 'usb-key/remove', {});
  await dock(k.base, 'card/remove', {});
  await until(k, (v) => v.key.status === 'absent' && v.card.status === 'absent');
}

/** One session of the given kind on the given demo key; ends with no card and no key. */
export async function runSession(k: Kiosk, kind: SessionKind, demo: string): Promise<void> {
  switch (kind) {
    case 'nurse':
      await login(k, 'nurse');
      await insertKey(k, demo);
      await openWithCode(k, demo);
      break;
    case 'break_glass':
      await login(k, 'nurse');
      await insertKey(k, demo);
      await send(k, { type: 'break_glass.open' });
      await until(k, (v) => v.breakGlass.status === 'choosing_reason');
      await send(k, { type: 'break_glass.confirm', reason: 'Patient inconscient, chute dans la rue' });
      await until(k, (v) => v.key.status === 'open' || v.key.status === 'locked');
      break;
    case 'pharmacist': {
      await login(k, 'pharmacist');
      await insertKey(k, demo);
      await openWithCode(k, demo);
      await until(k, (v) => v.key.status === 'open' && v.key.crosscheck?.reference !== 'loading');
      await send(k, { type: 'crosscheck.open' });
      await send(k, { type: 'crosscheck.search', query: 'doliprane' });
      const view = await until(k, (v) => v.key.status === 'open' && v.key.crosscheck?.search !== undefined);
      const match = view.key.status === 'open' ? view.key.crosscheck?.search?.matches[0] : undefined;
      if (match) await send(k, { type: 'crosscheck.add_product', cis: match.cis });
      break;
    }
    case 'print':
      await login(k, 'nurse');
      await insertKey(k, demo);
      await openWithCode(k, demo);
      await send(k, { type: 'print.start' });
      await until(k, (v) => v.print.status === 'done' || v.print.status === 'failed');
      break;
    case 'pulled_key':
      await login(k, 'doctor');
      await insertKey(k, demo);
      await openWithCode(k, demo);
      await dock(k.base, 'usb-key/remove', {});
      await until(k, (v) => v.key.status === 'absent');
      break;
    case 'pulled_card':
      await login(k, 'nurse');
      await insertKey(k, demo);
      await openWithCode(k, demo);
      await dock(k.base, 'card/remove', {});
      await until(k, (v) => v.card.status === 'absent' && v.key.status !== 'open');
      break;
  }
  await leave(k);
}
