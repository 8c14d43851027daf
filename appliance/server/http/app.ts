/**
 * The HTTP + socket.io server. Binds 127.0.0.1 only. The page gets the per-boot secret in
 * index.html and must present it on the socket (`auth: {secret}`) and on every /api call.
 * The server pushes `session` on every change; the page sends `command`. Nothing polls.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../contract/commands.ts';
import type { EventLogger } from '../logger.ts';
import type { SessionRuntime } from '../runtime.ts';
import { Allowlist, allowSocketRequest, guard, requireSecret, secretMatches } from './security.ts';
import { uiRouter } from './ui.ts';

export interface KioskServerOptions {
  readonly runtime: SessionRuntime;
  readonly uiDist: string;
  readonly log: EventLogger;
  /** Mounted under /dev in simulated mode only. */
  readonly dock?: express.Router;
  /** Fixed secret for tests; random per boot otherwise. */
  readonly secret?: string;
}

export interface KioskServer {
  readonly secret: string;
  readonly http: HttpServer;
  listen(port: number): Promise<{ readonly port: number; readonly url: string }>;
  close(): Promise<void>;
}

export const BIND_ADDRESS = '127.0.0.1';

export function createKioskServer(options: KioskServerOptions): KioskServer {
  const { runtime, log } = options;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const allow = new Allowlist();
  const refuse = (reason: 'host' | 'origin' | 'secret') => log.warn('server.request_refused', { reason });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(guard(allow, refuse));
  // Liveness for the image's units (curl http://127.0.0.1:8080/healthz): no secret, no session data.
  // `provisioned: false`: running on the image's fallback configuration, technician card only.
  // `pages`: kiosk pages connected with the secret; the image's page watchdog restarts the browser
  // when the server answers but no page has connected for a while (a blank screen, HZ-11).
  app.get('/healthz', (_req, res) => {
    res
      .set('cache-control', 'no-store')
      .json({ status: 'ok', provisioned: runtime.provisioned, pages: io.of('/').sockets.size });
  });
  if (options.dock) app.use('/dev', options.dock);
  app.use('/api', requireSecret(secret, refuse), express.json({ limit: '8kb' }));
  app.get('/api/session', (_req, res) => {
    res.json(runtime.view());
  });
  app.post('/api/command', (req, res) => {
    res.json(runtime.command(req.body));
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ ok: false, error: 'unknown api route' });
  });
  app.use(uiRouter(options.uiDist, secret));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });

  const http = createServer(app);
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(http, {
    serveClient: false,
    cors: undefined,
    allowRequest: allowSocketRequest(allow, refuse),
    maxHttpBufferSize: 16 * 1024,
  });
  io.use((socket, next) => {
    const given: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.secret;
    if (secretMatches(secret, given)) return next();
    log.warn('socket.refused', { reason: 'secret' });
    next(new Error('unauthorized'));
  });
  io.on('connection', (socket) => {
    log.info('socket.connected', { clients: io.engine.clientsCount });
    socket.emit('session', runtime.view());
    socket.on('command', (command, ack) => {
      const result = runtime.command(command);
      if (typeof ack === 'function') ack(result);
    });
    socket.on('disconnect', () => log.info('socket.disconnected', { clients: io.engine.clientsCount }));
  });
  const stopPush = runtime.onView((view) => io.emit('session', view));

  return {
    secret,
    http,
    listen(port: number) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, BIND_ADDRESS, () => {
          http.off('error', reject);
          const bound = (http.address() as AddressInfo).port;
          allow.setPort(bound);
          resolve({ port: bound, url: `http://127.0.0.1:${bound}/` });
        });
      });
    },
    async close() {
      stopPush();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      http.closeAllConnections();
    },
  };
}
