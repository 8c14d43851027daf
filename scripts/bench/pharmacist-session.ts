/**
 * Drives a running simulated kiosk through a pharmacist session, as the page and the dev dock
 * would: pharmacist card + PIN (which starts loading the drug reference), a demo key opened with
 * its code, until the cross-check's drug reference is `ready`. Used by the kiosk-server bench to
 * measure the server's memory with the reference loaded.
 */
import type { Command } from '../../appliance/contract/commands.ts';
import type { DockStateResponse } from '../../appliance/contract/dock.ts';
import type { SessionView } from '../../appliance/contract/session-view.ts';
import { secretFromHtml } from '../../appliance/ui/src/lib/secret.ts';
import { connect, viewWhere } from '../kiosk-client.ts';

const DEMO = 'IPS_IG-bundle-01';
const TIMEOUT_MS = 60_000;

async function dock(base: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`dev/${route}`, base), {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`dock ${route}: HTTP ${response.status}`);
  return response.json();
}

/** The per-boot secret the server writes into the page (`<meta name="baladeur-secret">`). */
async function pageSecret(base: string): Promise<string> {
  const response = await fetch(base);
  const secret = secretFromHtml(await response.text());
  if (!response.ok || secret === undefined)
    throw new Error('the kiosk page is not built (npm run build:ui): no secret to open a session');
  return secret;
}

/** An open session: the socket stays connected (as the kiosk page does) until `close()`. */
export interface PharmacistSession {
  close(): void;
}

export async function openPharmacistSession(base: string): Promise<PharmacistSession> {
  const state = (await dock(base, 'state')) as DockStateResponse;
  const pin = state.profiles.find((p) => p.profile === 'pharmacist')?.pin;
  const demo = state.demoKeys.find((k) => k.name === DEMO) ?? state.demoKeys[0];
  if (pin === undefined || demo === undefined) throw new Error('dev dock: no pharmacist profile or demo key');
  const socket = await connect(base, { secret: await pageSecret(base) });
  const until = (predicate: (v: SessionView) => boolean) => viewWhere(socket, predicate, TIMEOUT_MS);
  const send = async (command: Command) => {
    const ack = await socket.timeout(TIMEOUT_MS).emitWithAck('command', command);
    if (!ack.ok) throw new Error(`pharmacist session: ${command.type} refused (${ack.error})`);
  };
  try {
    await dock(base, 'usb-key/remove', {});
    await dock(base, 'card/insert', { profile: 'pharmacist' });
    await until((v) => v.card.status === 'pin_entry');
    await send({ type: 'pin.submit', pin });
    await until((v) => v.card.status === 'authenticated');
    await dock(base, 'usb-key/insert', { demo: demo.name });
    await until((v) => v.key.status === 'locked');
    await send({ type: 'code.submit', code: demo.code });
    const view = await until(
      (v) =>
        v.key.status === 'open' && v.key.crosscheck !== undefined && v.key.crosscheck.reference !== 'loading',
    );
    if (view.key.status === 'open' && view.key.crosscheck?.reference !== 'ready')
      throw new Error('pharmacist session: the drug reference is unavailable');
    return { close: () => socket.close() };
  } catch (error) {
    socket.close();
    throw error;
  }
}
