/**
 * The `baladeur` CLI's command shape. A command is a module exporting a `CommandModule`; main.ts
 * lists them by words and summary and imports a module only when its command runs (or shows its
 * help), so `baladeur --help` loads no crypto, FAT or printer code. To add one (e.g. `receipt
 * print`): write scripts/cli/receipt-print.ts exporting a CommandModule and add a `CommandEntry`
 * to COMMANDS in main.ts.
 */
import type { ParseArgsConfig } from 'node:util';

/** Exit codes every command uses (issue 2, "CLI"). */
export const EXIT = {
  ok: 0,
  /** Unusable input: one clear line on stderr saying what is wrong and where. */
  unusable: 2,
  /** Wrong code, or no usable key. */
  noAccess: 3,
  /** Signature not valid, not trusted or expired (content printed only with --accept-unverified). */
  unverified: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** A line of the command table: cheap to list, the module loaded on use. */
export interface CommandEntry {
  /** Words after `baladeur`, e.g. ['key', 'create']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export interface CommandModule {
  /** Full help text (printed by `--help`). */
  readonly help: string;
  /** node:util parseArgs options (strings and booleans only; `help` is added by main). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues, io: CliIo): Promise<ExitCode>;
}

/** Early exit from a command with one line on stderr; caught by main. Control flow, not a bug. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

export function fail(exitCode: ExitCode, message: string): never {
  throw new CliExit(exitCode, message);
}

export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') fail(EXIT.unusable, `missing --${name} (see --help)`);
  return value;
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
