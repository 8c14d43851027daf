/**
 * The development entry point (`npm start`): the kiosk on simulated hardware with the dev dock.
 * `--simulated` is implied; the other arguments are the production server's.
 */
import { runKiosk } from '../server/run.ts';
import { devSimulation } from './kiosk.ts';

const argv = process.argv.slice(2);
await runKiosk(argv.includes('--simulated') ? argv : ['--simulated', ...argv], devSimulation());
