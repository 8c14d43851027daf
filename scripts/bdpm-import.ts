/**
 * Technician command: install a newer official BDPM release as the kiosk's active drug data.
 *   node --import tsx scripts/bdpm-import.ts --from <dir with the 4 BDPM .txt files> [--data-dir <dir>]
 * Reads the files as published, validates them (counts, rejected rows, CIP13 check digits,
 * references), copies them byte-identical to <data-dir>/bdpm/active (via a staging folder and
 * a rename, so a failed import leaves the previous release in place), builds the index into
 * <data-dir>/cache and prints the counts. Exit 0 installed, 2 refused.
 */
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { activeBdpmDir, indexFileFor, readSources, writeIndex } from '../appliance/crosscheck/bdpm/load.ts';
import { BDPM_FILES } from '../appliance/crosscheck/bdpm/parse.ts';
import { validateRelease } from '../appliance/crosscheck/bdpm/validate.ts';

export const DEV_DATA_DIR = fileURLToPath(new URL('../.dev/data/', import.meta.url));

export async function importBdpm(
  from: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<number> {
  const sources = await readSources(from);
  if (!sources.ok) {
    log(`bdpm-import: ${sources.error.kind} ${sources.error.file}`);
    return 2;
  }
  const valid = validateRelease(sources.value);
  if (!valid.ok) {
    log(`bdpm-import: release refused: ${JSON.stringify(valid.error)}`);
    return 2;
  }
  const active = activeBdpmDir(dataDir);
  const staging = `${active}.staging`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const file of Object.values(BDPM_FILES)) await copyFile(join(from, file), join(staging, file));
  await writeFile(
    join(staging, 'SOURCE.json'),
    `${JSON.stringify({ importedAt: new Date().toISOString(), sourceHash: valid.value.index.sourceHash, counts: valid.value.counts }, null, 2)}\n`,
  );
  const previous = `${active}.previous`;
  await rm(previous, { recursive: true, force: true });
  await rename(active, previous).catch(() => undefined);
  await rename(staging, active);
  await rm(previous, { recursive: true, force: true });
  const cacheDir = join(dataDir, 'cache');
  const bytes = await writeIndex(
    indexFileFor(cacheDir, valid.value.index.sourceHash),
    valid.value.index,
    cacheDir,
  );
  log(
    `bdpm-import: installed in ${active}: ${valid.value.counts.products} products, ${valid.value.counts.boxes} boxes, ` +
      `${valid.value.counts.substances} substances, ${valid.value.counts.genericGroups} generic groups (index ${bytes} bytes)`,
  );
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  if (values.from === undefined) {
    console.error('Usage: node --import tsx scripts/bdpm-import.ts --from <dir> [--data-dir <dir>]');
    process.exitCode = 2;
  } else {
    process.exitCode = await importBdpm(values.from, values['data-dir'] ?? DEV_DATA_DIR, (l) =>
      console.log(l),
    );
  }
}
