/**
 * A virtual card plugged into pcscd's virtual reader (vsmartcard vpcd). The card is a TCP client of
 * vpcd: connecting is inserting the card, closing the socket is removing it. Every message both ways
 * is a uint16 big-endian length and a payload; a 1-byte payload from vpcd is a control code
 * (00 power off, 01 power on, 02 reset, 04 get ATR), anything longer is a command APDU.
 */
import net from 'node:net';
import type { Applet } from './piv-applet.ts';

export const VPCD_DEFAULT_PORT = 0x9c40;
/**
 * T=1 with historical bytes "BALADEUR" (TCK 01). OpenSC identifies the card as PIV by probing; the
 * shorter generic ATR 3B 80 80 01 01 must be avoided: OpenSC's table maps it to PIVKey, a type it
 * treats as having no EC keys (ECDSA mechanisms then vanish).
 */
export const VIRTUAL_ATR = Uint8Array.from([
  0x3b, 0x88, 0x80, 0x01, 0x42, 0x41, 0x4c, 0x41, 0x44, 0x45, 0x55, 0x52, 0x01,
]);

const CTRL_OFF = 0x00;
const CTRL_ON = 0x01;
const CTRL_RESET = 0x02;
const CTRL_ATR = 0x04;

export interface VirtualCardOptions {
  readonly port?: number;
  readonly atr?: Uint8Array;
}

export class VirtualCard {
  private socket: net.Socket | undefined;
  private closed: Promise<void> = Promise.resolve();
  private pullOn: number | undefined;
  private readonly port: number;
  private readonly atr: Uint8Array;

  constructor(
    readonly applet: Applet,
    options: VirtualCardOptions = {},
  ) {
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.atr = options.atr ?? VIRTUAL_ATR;
  }

  get inserted(): boolean {
    return this.socket !== undefined;
  }

  /** Inserts the card (connects to vpcd on 127.0.0.1). Rejects if vpcd is not listening. */
  async insert(): Promise<void> {
    if (this.socket !== undefined) return;
    const socket = net.connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (e) =>
        reject(new Error(`virtual card: vpcd not reachable on 127.0.0.1:${this.port}`, { cause: e })),
      );
    });
    this.socket = socket;
    this.applet.reset();
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const n = buffer.readUInt16BE(0);
        if (buffer.length < 2 + n) break;
        const payload = new Uint8Array(buffer.subarray(2, 2 + n));
        buffer = buffer.subarray(2 + n);
        this.handle(socket, payload);
      }
    });
    socket.on('error', () => socket.destroy());
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.applet.reset();
        resolve();
      }),
    );
  }

  /** Removes the card (closes the socket) and waits until it is closed. */
  async remove(): Promise<void> {
    this.socket?.destroy();
    await this.closed;
  }

  /** Test hook: the next command with this INS pulls the card instead of answering. */
  pullOnNextCommand(ins: number): void {
    this.pullOn = ins;
  }

  private send(socket: net.Socket, payload: Uint8Array): void {
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length, 0);
    frame.set(payload, 2);
    socket.write(frame); // one write per frame: no Nagle split on our side
  }

  private handle(socket: net.Socket, payload: Uint8Array): void {
    if (payload.length === 1) {
      switch (payload[0]) {
        case CTRL_ATR:
          this.send(socket, this.atr);
          return;
        case CTRL_OFF:
        case CTRL_ON:
        case CTRL_RESET:
          this.applet.reset();
          return;
        default:
          return;
      }
    }
    if (this.pullOn !== undefined && payload[1] === this.pullOn) {
      this.pullOn = undefined;
      socket.destroy();
      return;
    }
    this.send(socket, this.applet.process(payload));
  }
}
