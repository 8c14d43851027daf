/** Record authoring at the kiosk (issue 16, item 4; contract/authoring.ts). */
import type { Command } from '../../contract/commands.ts';
import type { SessionState } from './state.ts';
import type { Partial } from './wipe.ts';

export type AuthoringCommand = Extract<Command, { type: `authoring.${string}` }>;

export function isAuthoringCommand(command: Command): command is AuthoringCommand {
  return command.type.startsWith('authoring.');
}

export function onAuthoringCommand(_state: SessionState, _command: AuthoringCommand): Partial | 'refused' {
  return 'refused';
}
