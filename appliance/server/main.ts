/**
 * The production entry point: `node dist/appliance/server/main.js --config <file>
 * [--unprovisioned-config <file>]`. It has no simulators: `--simulated` is refused (the kiosk on
 * simulated hardware is `appliance/dev/main.ts`, run by `npm start`).
 */
import { runKiosk } from './run.ts';

await runKiosk(process.argv.slice(2));
