import type { Command, CommandAck } from '../../contract/commands.ts';

/** Sends one command to the server; resolves with its acknowledgement. */
export type Send = (command: Command) => Promise<CommandAck>;
