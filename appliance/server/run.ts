/**
 * Runs the kiosk server as a process: arguments, signals, systemd readiness, exit codes. Used by the
 * production entry point (`main.ts`, no simulation) and the development one (`appliance/dev/main.ts`).
 * A bad configuration stops the server with one line on stderr and exit code 2 — unless
 * `--unprovisioned-config` is given: a missing or invalid `--config` then starts the kiosk on that
 * fallback configuration, *not provisioned* (technician card only, to provision it).
 */
import { ConfigError, startKiosk, type Kiosk, type Simulation } from './kiosk.ts';
import { startSystemdNotify, type SystemdNotifier } from './systemd-notify.ts';

const USAGE =
  'usage: main [--simulated] [--config <file>] [--unprovisioned-config <file>]   (PORT env: port, default 8080)';

interface Args {
  readonly simulated: boolean;
  readonly configFile?: string;
  readonly unprovisionedConfigFile?: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  let simulated = false;
  let configFile: string | undefined;
  let unprovisionedConfigFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--simulated') simulated = true;
    else if (arg === '--config') {
      configFile = argv[++i];
      if (configFile === undefined) return '--config needs a file';
    } else if (arg === '--unprovisioned-config') {
      unprovisionedConfigFile = argv[++i];
      if (unprovisionedConfigFile === undefined) return '--unprovisioned-config needs a file';
    } else if (arg === '--help' || arg === '-h') return 'help';
    else return `unknown argument ${arg}`;
  }
  if (unprovisionedConfigFile !== undefined && configFile === undefined)
    return '--unprovisioned-config needs --config (where provisioning writes config.json)';
  return {
    simulated,
    ...(configFile === undefined ? {} : { configFile }),
    ...(unprovisionedConfigFile === undefined ? {} : { unprovisionedConfigFile }),
  };
}

/** Parses `argv`, starts the kiosk and keeps it running until a signal stops it. */
export async function runKiosk(argv: readonly string[], simulation?: Simulation): Promise<void> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args === 'help') {
      console.log(USAGE);
      process.exit(0);
    }
    console.error(`baladeur: ${args}\n${USAGE}`);
    process.exit(2);
  }
  if (args.simulated && simulation === undefined) {
    console.error(
      'baladeur: --simulated: this build has no simulators (they are a development tool: `npm start` in a source checkout)',
    );
    process.exit(2);
  }

  // Installed before the start: a signal during a slow first start (demo keys) still stops the
  // devices (the private pcscd of simulated mode) before the process exits.
  let kiosk: Kiosk | undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.error(`baladeur: ${signal}, stopping`);
    if (kiosk === undefined) return; // the start finishes, sees `stopping`, and closes
    notifier?.stop();
    void kiosk.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`baladeur: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  let notifier: SystemdNotifier | undefined;
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));

  try {
    const { simulated, ...options } = args;
    kiosk = await startKiosk(
      {
        ...options,
        production: process.env.NODE_ENV === 'production',
        onProgress: (message) => console.error(`baladeur: ${message}`),
      },
      simulated ? simulation : undefined,
    );
    if (stopping) {
      stopping = false;
      stop('signal during start');
    } else {
      notifier = startSystemdNotify();
      const provisioning = kiosk.provisioning === 'provisioned' ? '' : ', NOT PROVISIONED';
      console.log(
        `baladeur: kiosk ready at ${kiosk.url} (${args.simulated ? 'simulated hardware, dev dock at /dev' : 'production'}${provisioning})`,
      );
    }
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
}
