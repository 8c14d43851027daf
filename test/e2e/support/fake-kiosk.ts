/**
 * A stand-in for the kiosk server that pushes any SessionView the test asks for: it reaches
 * screens the simulated devices cannot easily produce (every error, banner and print state).
 * Same protocol as the real server: secret in index.html, socket.io `session`/`command`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import type {
  Command,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../../appliance/contract/commands.ts';
import type { SessionView } from '../../../appliance/contract/session-view.ts';
import { UI_DIST } from './paths.ts';

export interface FakeKiosk {
  readonly url: string;
  readonly commands: Command[];
  /** The commands of one type the page has sent so far. */
  sent<T extends Command['type']>(type: T): Extract<Command, { type: T }>[];
  push(view: Omit<SessionView, 'revision' | 'bootId'>): void;
  close(): Promise<void>;
}

export async function startFakeKiosk(): Promise<FakeKiosk> {
  const secret = randomUUID();
  const bootId = randomUUID();
  let revision = 0;
  let current: SessionView | undefined;
  const commands: Command[] = [];
  const html = readFileSync(path.join(UI_DIST, 'index.html'), 'utf8').replace('%BALADEUR_SECRET%', secret);

  const app = express();
  app.get('/', (_req, res) => void res.type('html').send(html));
  app.use('/assets', express.static(path.join(UI_DIST, 'assets')));
  const http = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { secret?: unknown };
    next(auth.secret === secret ? undefined : new Error('unauthorized'));
  });
  io.on('connection', (socket) => {
    if (current) socket.emit('session', current);
    socket.on('command', (command, ack) => {
      commands.push(command);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    commands,
    sent: <T extends Command['type']>(type: T) =>
      commands.filter((c): c is Extract<Command, { type: T }> => c.type === type),
    push(view) {
      revision += 1;
      current = { ...view, revision, bootId };
      io.emit('session', current);
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
