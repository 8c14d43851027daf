/**
 * What the kiosk page may ask (socket.io event `command`, with an acknowledgement).
 * Validated with zod at the boundary; the UI imports the same types.
 */
import { z } from 'zod';
import { LANGUAGES } from '../common/languages.ts';
import { AUTHORING_COMMANDS } from './authoring.ts';

/**
 * The range of times a technician may set the kiosk's clock to (issue 17): not before this
 * software existed (the server also refuses a time before the image's build), not beyond 2099.
 */
export const CLOCK_EARLIEST_MS = Date.UTC(2026, 0, 1);
export const CLOCK_LATEST_MS = Date.UTC(2100, 0, 1);

/** An instant in UTC, `2026-12-03T14:05:00.000Z`, within the range above. */
export const ClockTimeSchema = z.iso.datetime().refine((at) => {
  const ms = Date.parse(at);
  return ms >= CLOCK_EARLIEST_MS && ms < CLOCK_LATEST_MS;
}, 'outside the range a kiosk clock may be set to');

export const CommandSchema = z.discriminatedUnion('type', [
  /** Any touch on the screen: postpones the idle wipe. */
  z.object({ type: z.literal('activity') }),
  z.object({ type: z.literal('language.set'), language: z.enum(LANGUAGES) }),
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
  /** Pharmacist cross-check (pharmacist card, key open with the patient's code): refused for anyone else. */
  z.object({ type: z.literal('crosscheck.open') }),
  z.object({ type: z.literal('crosscheck.close') }),
  /** What a keyboard-wedge scanner typed (GS1 DataMatrix, GTIN, CIP13 or CIP7); the parser bounds it. */
  z.object({ type: z.literal('crosscheck.scan'), text: z.string().min(1).max(1000) }),
  z.object({ type: z.literal('crosscheck.search'), query: z.string().trim().min(2).max(80) }),
  z.object({ type: z.literal('crosscheck.add_product'), cis: z.string().regex(/^[0-9]{8}$/) }),
  z.object({ type: z.literal('crosscheck.remove'), boxId: z.string().min(1).max(20) }),
  z.object({ type: z.literal('crosscheck.clear') }),
  z.object({ type: z.literal('crosscheck.print') }),
  /** Record authoring (contract/authoring.ts): a card of a signing profession only. */
  ...AUTHORING_COMMANDS,
  /** Technician mode only (technician card): refused for anyone else. */
  z.object({ type: z.literal('technician.diagnostics') }),
  z.object({ type: z.literal('technician.provision_check') }),
  z.object({ type: z.literal('technician.provision') }),
  z.object({ type: z.literal('technician.export') }),
  z.object({ type: z.literal('technician.test_print') }),
  z.object({ type: z.literal('technician.reboot') }),
  /** Sets the system clock and the RTC (a privileged helper does it; simulated: recorded only). */
  z.object({ type: z.literal('technician.set_clock'), at: ClockTimeSchema }),
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
