/**
 * `baladeur` command-line entry: dispatches to command modules (see command.ts for how to add one),
 * importing only the one that runs. Exported `main` returns the exit code and never calls
 * process.exit (the bin shim does).
 */
import { parseArgs } from 'node:util';
import { CliExit, EXIT, type CliIo, type CommandEntry, type CommandModule } from './command.ts';

export const COMMANDS: readonly CommandEntry[] = [
  {
    path: ['key', 'create'],
    summary: 'sign and encrypt an IPS bundle onto a key image',
    load: async () => (await import('./key-create.ts')).keyCreate,
  },
  {
    path: ['key', 'update'],
    summary: 'replace the record on a key as its author (next version, old record wiped, log kept)',
    load: async () => (await import('./key-update.ts')).keyUpdate,
  },
  {
    path: ['key', 'read'],
    summary: 'decrypt and verify the record on a key, print the IPS bundle',
    load: async () => (await import('./key-read.ts')).keyRead,
  },
  {
    path: ['key', 'inspect'],
    summary: 'show what is readable on a key without a secret',
    load: async () => (await import('./key-inspect.ts')).keyInspect,
  },
  {
    path: ['key', 'log'],
    summary: "print the key's access log (needs the patient code)",
    load: async () => (await import('./key-log.ts')).keyLog,
  },
  {
    path: ['site', 'sign'],
    summary: 'sign a site configuration and its CRLs for provisioning (BALADEUR-SITE/)',
    load: async () => (await import('./site-sign.ts')).siteSign,
  },
  {
    path: ['receipt'],
    summary: 'ESC/POS bytes of a key summary, to a file or a printer',
    load: async () => (await import('./receipt.ts')).receipt,
  },
  {
    path: ['crosscheck'],
    summary: 'check scanned drug boxes against the record on a key (JSON findings)',
    load: async () => (await import('./crosscheck.ts')).crosscheckCommand,
  },
];

function overview(commands: readonly CommandEntry[], prefix: readonly string[]): string {
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

function findCommand(argv: readonly string[]): { entry: CommandEntry; rest: string[] } | undefined {
  for (const entry of COMMANDS) {
    if (entry.path.every((word, i) => argv[i] === word)) {
      return { entry, rest: argv.slice(entry.path.length) };
    }
  }
  return undefined;
}

/**
 * A CLI call is one short process: zod's JIT (a parser compiled per object schema on its first use)
 * costs more than it saves (≈ 15 ms of `key read`). The switch is read when a schema is built, so it
 * is set before any command module (and the schemas it imports) is evaluated.
 */
async function loadCommand(entry: CommandEntry): Promise<CommandModule> {
  const { config } = await import('zod');
  config({ jitless: true });
  return entry.load();
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
  const { entry, rest } = found;
  const name = `baladeur ${entry.path.join(' ')}`;
  const command = await loadCommand(entry);
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
    io.stderr(`${name}: ${why} (see --help)\n`);
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
      io.stderr(`${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
