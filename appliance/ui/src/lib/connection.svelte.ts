import { io, type Socket } from 'socket.io-client';
import type {
  Command,
  CommandAck,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../../contract/commands.ts';
import type { SessionView } from '../../../contract/session-view.ts';
import { secretFromHtml } from './secret.ts';

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting';

/**
 * The page's only state mirrored from the server. On disconnect the view is dropped at once
 * (no clinical content may stay on screen, HZ-01); on reconnect only a fresh push is rendered.
 */
export class KioskConnection {
  view = $state<SessionView | null>(null);
  link = $state<LinkStatus>('connecting');
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #secret: string;
  #onConnected: () => void;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(secret: string, onConnected: () => void) {
    this.#secret = secret;
    this.#onConnected = onConnected;
    this.#socket = io({
      auth: (cb) => cb({ secret: this.#secret }),
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0,
    });
    this.#socket.on('connect', () => {
      this.link = 'connected';
      this.#onConnected();
    });
    this.#socket.on('disconnect', () => {
      this.#drop();
      if (!this.#socket.active) this.#scheduleSecretRefresh();
    });
    this.#socket.on('connect_error', () => {
      this.#drop();
      // Refused by the server (not a network error): the per-boot secret changed with a restart.
      if (!this.#socket.active) this.#scheduleSecretRefresh();
    });
    this.#socket.on('session', (next) => this.#accept(next));
  }

  send(command: Command): Promise<CommandAck> {
    return new Promise((resolve) => {
      if (!this.#socket.connected) {
        resolve({ ok: false, error: 'not_allowed_now' });
        return;
      }
      this.#socket.timeout(10_000).emit('command', command, (error, ack) => {
        resolve(error ? { ok: false, error: 'not_allowed_now' } : ack);
      });
    });
  }

  #accept(next: SessionView): void {
    const current = this.view;
    if (current && current.bootId === next.bootId && next.revision <= current.revision) return;
    this.view = next;
  }

  #drop(): void {
    this.view = null;
    if (this.link === 'connected') this.link = 'reconnecting';
  }

  #scheduleSecretRefresh(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.#refreshSecret(), 500);
  }

  async #refreshSecret(): Promise<void> {
    try {
      const response = await fetch('/', { cache: 'no-store', credentials: 'omit' });
      const secret = response.ok ? secretFromHtml(await response.text()) : undefined;
      if (secret) {
        this.#secret = secret;
        this.#socket.connect();
        return;
      }
    } catch {
      // Server still down: try again shortly.
    }
    this.#scheduleSecretRefresh();
  }
}
