/** USB key figures: block device (image file) ready → container read and opened; access-log append. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileSource } from '../../appliance/drivers/usb-key/block-source.ts';
import { memorySource } from '../../appliance/record/block-source.ts';
import { generatePatientCode } from '../../appliance/record/code/patient-code.ts';
import { sealContainer } from '../../appliance/record/container/index.ts';
import { RECORD_PATH } from '../../appliance/record/container/layout.ts';
import { MAX_CONTAINER_BYTES } from '../../appliance/record/crypto/padding.ts';
import { createKeyImage, readKeyFile, writeKeyFile } from '../../appliance/record/fat/index.ts';
import { appendAccessLog } from '../../appliance/record/access-log/index.ts';
import { percentile, type BenchFigure } from './figure.ts';
import { workerFigures } from './usb-key-worker.ts';

const RUNS = 15;

export default async function bench(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baladeur-bench-usb-'));
  try {
    const enc = new TextEncoder();
    const tier = enc.encode(JSON.stringify({ padding: 'x'.repeat(200_000) }));
    const container = await sealContainer({
      tiers: { full: tier, emergency: tier },
      code: generatePatientCode(),
      emergencyKeys: [],
      p2c: 1000,
    });
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 64 << 20 });
    if (!writeKeyFile(memorySource(image), RECORD_PATH, container).ok) throw new Error('bench key');
    const file = path.join(dir, 'key.img');
    fs.writeFileSync(file, image);

    const read: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      const source = fileSource(file, { readOnly: true });
      const r = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
      source.close();
      if (!r.ok) throw new Error(r.error.message);
      read.push(performance.now() - start);
    }
    const append: number[] = [];
    const entry = {
      site: 'Bench',
      who: { name: 'Bench Nurse', profession: 'nurse' as const },
      tier: 'emergency' as const,
    };
    for (let i = 0; i < RUNS; i += 1) {
      const source = fileSource(file, { readOnly: false });
      const start = performance.now();
      const r = await appendAccessLog(source, entry, { now: new Date() });
      append.push(performance.now() - start);
      source.close();
      if (!r.ok) throw new Error(r.error.message);
    }
    const kb = Math.round(container.byteLength / 1024);
    return [
      {
        name: 'usb_key.container_read',
        value: Number(percentile(read, 95).toFixed(1)),
        unit: 'ms',
        note: `p95 of ${RUNS}: image file opened → ${kb} KB container read through user-space FAT32 (decrypt: key-format bench)`,
      },
      {
        name: 'usb_key.access_log_append',
        value: Number(percentile(append, 95).toFixed(1)),
        unit: 'ms',
        note: `p95 of ${RUNS}: encrypt entry + locate log + one slot written in place + fsync`,
      },
      ...(await workerFigures()),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
