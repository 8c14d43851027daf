/**
 * `baladeur` command-line entry: dispatches to command modules (see command.ts for how to add one).
 * Exported `main` returns the exit code and never calls process.exit (the bin shim does).
 */
import { parseArgs } from 'node:util';
import { CliExit, EXIT, type CliIo, type CommandModule } from './command.ts';
import { keyCreate } from './key-create.ts';
import { keyInspect } from './key-inspect.ts';
import { keyLog } from './key-log.ts';
import { crosscheckCommand } from './crosscheck.ts';
import { keyRead } from './key-read.ts';
import { receipt } from './receipt.ts';

export const COMMANDS: readonly CommandModule[] = [
  keyCreate,
  keyRead,
  keyInspect,
  keyLog,
  receipt,
  crosscheckCommand,
];

function overview(commands: readonly CommandModule[], prefix: readonly string[]): string {
  const lines = commands
    .filter((c) => prefix.every((word, i) => c.path[i] === word))
    .map((c) => `  baladeur ${c.path.join(' ').padEnd(14)} ${c.summary}`);
  return [
    'Usage: baladeur <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "baladeur <command> --help" for the options of one command.',
    'Exit codes: 0 ok, 2 unusable input, 3 wrong code or no usable key, 4 signature not valid/trusted.',
    '',
  ].join('\n');
}

function findCommand(argv: readonly string[]): { command: CommandModule; rest: string[] } | undefined {
  for (const command of COMMANDS) {
    if (command.path.every((word, i) => argv[i] === word)) {
      return { command, rest: argv.slice(command.path.length) };
    }
  }
  return undefined;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const found = findCommand(argv);
  if (found === undefined) {
    const words = argv.filter((a) => !a.startsWith('-'));
    const asksHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
    const known = COMMANDS.some((c) => words.every((w, i) => c.path[i] === w));
    if (asksHelp && known) {
      io.stdout(overview(COMMANDS, words));
      return EXIT.ok;
    }
    io.stderr(`baladeur: unknown command "${words.join(' ')}"\n${overview(COMMANDS, [])}`);
    return EXIT.unusable;
  }
  const { command, rest } = found;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : 'invalid options';
    io.stderr(`baladeur ${command.path.join(' ')}: ${why} (see --help)\n`);
    return EXIT.unusable;
  }
  if (values.help === true) {
    io.stdout(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(values, io);
  } catch (error) {
    if (error instanceof CliExit) {
      io.stderr(`baladeur ${command.path.join(' ')}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
