/**
 * A socket.io client of the kiosk, as the page connects (secret in `auth`, websocket only): keeps
 * the last pushed view and waits for one matching a predicate. Shared by the integration tests'
 * harness and the bench's pharmacist session.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../appliance/contract/commands.ts';
import type { SessionView } from '../appliance/contract/session-view.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents> & {
  last?: SessionView;
  views: SessionView[];
};

export function connect(
  base: string,
  auth: Record<string, unknown>,
  extraHeaders: Record<string, string> = {},
): Promise<Client> {
  const socket = io(base, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders,
  }) as Client;
  socket.views = [];
  socket.on('session', (view) => {
    socket.last = view;
    socket.views.push(view);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Waits for a pushed view matching `predicate` (the current one counts). */
export function viewWhere(
  socket: Client,
  predicate: (view: SessionView) => boolean,
  timeoutMs = 10_000,
): Promise<SessionView> {
  return new Promise((resolve, reject) => {
    if (socket.last && predicate(socket.last)) return resolve(socket.last);
    const timer = setTimeout(() => {
      socket.off('session', check);
      reject(new Error(`no matching view; last: ${JSON.stringify(socket.last).slice(0, 400)}`));
    }, timeoutMs);
    const check = (view: SessionView) => {
      if (!predicate(view)) return;
      clearTimeout(timer);
      socket.off('session', check);
      resolve(view);
    };
    socket.on('session', check);
  });
}
