/**
 * `npm run bench`: runs every area's benchmark, prints a readable table and, as its last line,
 * one JSON object with every figure (`{"name": {"value": …, "unit": "ms"}, …}`) for comparisons.
 * `npm run bench -- record printer` runs only the named areas.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchArea, BenchFigure } from './figure.ts';

const AREAS = [
  'cli',
  'record',
  'record-update',
  'record-revocation',
  'record-update-vpcd',
  'usb-key',
  'kiosk-server',
  'kiosk-ui',
  'smartcard',
  'smartcard-pkcs11',
  'printer',
  'crosscheck',
] as const;

async function loadArea(area: string): Promise<BenchArea | undefined> {
  const url = new URL(`./${area}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  const module = (await import(url.href)) as { default: BenchArea };
  return module.default;
}

function table(figures: readonly BenchFigure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`,
    f.budget ?? '',
    f.note ?? '',
  ]);
  const header = ['figure', 'value', 'budget', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const wanted = process.argv.slice(2);
const figures: BenchFigure[] = [];
let failed = false;
for (const area of AREAS) {
  if (wanted.length > 0 && !wanted.includes(area)) continue;
  const run = await loadArea(area);
  if (!run) continue;
  process.stderr.write(`bench: ${area}…\n`);
  try {
    figures.push(...(await run()));
  } catch (error) {
    failed = true;
    process.stderr.write(
      `bench: ${area} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
console.log(table(figures));
console.log(
  JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, { value: f.value, unit: f.unit }]))),
);
process.exitCode = failed ? 1 : 0;
