/**
 * What the kiosk page may ask (socket.io event `command`, with an acknowledgement).
 * Validated with zod at the boundary; the UI imports the same types.
 */
import { z } from 'zod';

export const CommandSchema = z.discriminatedUnion('type', [
  /** Any touch on the screen: postpones the idle wipe. */
  z.object({ type: z.literal('activity') }),
  z.object({ type: z.literal('language.set'), language: z.enum(['fr', 'en']) }),
  z.object({ type: z.literal('pin.submit'), pin: z.string().regex(/^[0-9]{4,8}$/) }),
  z.object({ type: z.literal('code.submit'), code: z.string().min(1).max(40) }),
  z.object({ type: z.literal('break_glass.open') }),
  z.object({ type: z.literal('break_glass.confirm'), reason: z.string().trim().min(3).max(200) }),
  z.object({ type: z.literal('break_glass.cancel') }),
  z.object({ type: z.literal('print.start') }),
  z.object({ type: z.literal('print.retry') }),
  z.object({ type: z.literal('print.dismiss') }),
  /** "Close the record": wipe the decrypted data now, keep the card session. */
  z.object({ type: z.literal('record.close') }),
]);
export type Command = z.infer<typeof CommandSchema>;

export type CommandAck =
  { readonly ok: true } | { readonly ok: false; readonly error: 'invalid_command' | 'not_allowed_now' };

/** socket.io event names, typed once. */
export interface ServerToClientEvents {
  session: (view: import('./session-view.ts').SessionView) => void;
}
export interface ClientToServerEvents {
  command: (command: Command, ack: (result: CommandAck) => void) => void;
}
