/**
 * Key work off the main thread (issue 15): the hostile key corpus opened one key at a time through
 * the key worker, as the kiosk does, while the main thread's event-loop delay is sampled; plus the
 * cost of starting a key worker (hidden by the spare worker the kiosk keeps loaded).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { KeyDevice } from '../../appliance/drivers/usb-key/key-device.ts';
import { KeyWorker } from '../../appliance/server/key-worker/client.ts';
import { createKeyWorkerService } from '../../appliance/server/key-worker/service.ts';
import { bootSectorCases } from '../../test/integration/usb-key/hostile-cases-boot-sector.ts';
import { budgetCases } from '../../test/integration/usb-key/hostile-cases-budget.ts';
import { directoryCases } from '../../test/integration/usb-key/hostile-cases-directories.ts';
import { partitionCases } from '../../test/integration/usb-key/hostile-cases-partitions.ts';
import { recordEntryCases } from '../../test/integration/usb-key/hostile-cases-record-entry.ts';
import { percentile, type BenchFigure } from './figure.ts';

const setup = {
  trustAnchorsPem: [],
  emergencyKeyring: [],
  kioskSecret: new Uint8Array(32),
  siteName: 'Bench',
};

function sharedKey(bytes: Uint8Array): KeyDevice {
  const image = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(image).set(bytes);
  return { kind: 'memory', image, readOnly: true };
}

export async function workerFigures(): Promise<BenchFigure[]> {
  const starts: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const worker = new KeyWorker(setup);
    starts.push(await worker.started);
    worker.close();
  }
  // Byte-image cases only (the read-fault cases wrap a source, which cannot cross threads; the
  // stall is its own test): each through a worker, as an inserted key.
  // Keys are "inserted" (copied into shared memory) before sampling starts: that copy is the
  // simulator's, not the kiosk's work.
  const devices = [
    ...bootSectorCases,
    ...partitionCases,
    ...recordEntryCases,
    ...directoryCases,
    ...budgetCases,
  ]
    .map(([, build]) => build())
    .filter((built): built is Uint8Array => built instanceof Uint8Array)
    .map(sharedKey);
  const service = createKeyWorkerService({ ...setup });
  await service.prepare();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const began = performance.now();
  for (const device of devices) {
    const key = service.attach(device);
    await key.read();
    key.close();
  }
  const total = performance.now() - began;
  delay.disable();
  return [
    {
      name: 'usb_key.hostile_corpus_max_loop_delay',
      value: Number((delay.max / 1e6).toFixed(1)),
      unit: 'ms',
      budget: '≤ 50 ms',
      note: `largest main-thread event-loop delay while ${devices.length} hostile keys are read one by one in key workers (${Math.round(total)} ms in all)`,
    },
    {
      name: 'usb_key.worker_start',
      value: Number(percentile(starts, 50).toFixed(1)),
      unit: 'ms',
      note: `median of ${starts.length}: key worker spawned → code loaded (FatFs WASM, jose, zod); a spare is kept loaded, so not on the insertion path`,
    },
  ];
}
