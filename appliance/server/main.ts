/**
 * Kiosk server entry point: `node --import tsx appliance/server/main.ts [--simulated] [--config <file>]`.
 * A bad configuration stops the server with one line on stderr and exit code 2.
 */
import { ConfigError, startKiosk } from './kiosk.ts';

const USAGE = 'usage: main.ts [--simulated] [--config <file>]   (PORT env: port, default 8080)';

function parseArgs(argv: readonly string[]): { simulated: boolean; configFile?: string } | string {
  let simulated = false;
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--simulated') simulated = true;
    else if (arg === '--config') {
      configFile = argv[++i];
      if (configFile === undefined) return '--config needs a file';
    } else if (arg === '--help' || arg === '-h') return 'help';
    else return `unknown argument ${arg}`;
  }
  return configFile === undefined ? { simulated } : { simulated, configFile };
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  if (args === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  console.error(`baladeur: ${args}\n${USAGE}`);
  process.exit(2);
}

try {
  const kiosk = await startKiosk({
    ...args,
    production: process.env.NODE_ENV === 'production',
    onProgress: (message) => console.error(`baladeur: ${message}`),
  });
  console.log(
    `baladeur: kiosk ready at ${kiosk.url} (${args.simulated ? 'simulated hardware, dev dock at /dev' : 'production'})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`baladeur: ${signal}, stopping`);
    void kiosk.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`baladeur: ${error.message}`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`baladeur: port ${process.env.PORT ?? 8080} is already in use on 127.0.0.1`);
    process.exit(1);
  }
  throw error;
}
