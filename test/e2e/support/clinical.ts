/**
 * What must never outlive a session (HZ-01, HZ-12): the patient's names and the clinical texts
 * the summary shows, taken from the same IPS fixtures the demo keys are made from.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { parseIpsBundle, summarize } from '../../../appliance/record/ips/index.ts';
import { fixtureNames, loadFixture } from '../../../appliance/record/ips/fixtures.testing.ts';
import type { Summary } from '../../../appliance/record/summary/types.ts';

export { fixtureNames };

export function summaryOf(fixture: string): Summary {
  const parsed = parseIpsBundle(loadFixture(fixture));
  if (!parsed.ok) throw new Error(`${fixture}: ${parsed.error.code}`);
  return summarize(parsed.value);
}

function texts<T>(section: { status: string; items?: readonly T[] }, pick: (item: T) => string): string[] {
  return section.status === 'entries' ? (section.items ?? []).map(pick) : [];
}

/** Names and clinical texts of one fixture, long enough not to match by chance. */
export function clinicalStrings(fixture: string): string[] {
  const summary = summaryOf(fixture);
  const bundle = loadFixture(fixture) as { entry?: { resource?: Record<string, unknown> }[] };
  const names: string[] = [];
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.['resourceType'] !== 'Patient') continue;
    for (const name of (entry.resource['name'] as { family?: string; given?: string[]; text?: string }[]) ??
      []) {
      if (name.family) names.push(name.family);
      if (name.text) names.push(name.text);
      for (const given of name.given ?? []) names.push(given);
    }
  }
  const all = [
    ...(summary.patient.name ? [summary.patient.name] : []),
    ...names,
    ...texts(summary.allergies, (a) => a.substance.text),
    ...texts(summary.medications, (m) => m.medication.text),
  ];
  return [...new Set(all.map((s) => s.trim()).filter((s) => s.length >= 5))];
}

/** The page holds no clinical text: not in the DOM, the title, nor any browser storage. */
export async function expectCleanPage(page: Page, strings: readonly string[]): Promise<void> {
  const dump = await page.evaluate(async () => {
    const storage = (s: Storage) => JSON.stringify(Object.entries({ ...s }));
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name ?? '') : [];
    return {
      html: document.documentElement.outerHTML + document.title,
      local: storage(localStorage),
      session: storage(sessionStorage),
      cookie: document.cookie,
      databases,
    };
  });
  for (const text of strings) expect(dump.html, `DOM still shows “${text}”`).not.toContain(text);
  expect(dump.local).toBe('[]');
  expect(dump.session).toBe('[]');
  expect(dump.cookie).toBe('');
  expect(dump.databases).toEqual([]);
}

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(full) : stat.isFile() ? [full] : [];
  });
}

/** No clinical text in the server's logs nor in any file under its data and temp folders (HZ-12). */
export function expectNothingAtRest(
  logs: string,
  folders: readonly string[],
  strings: readonly string[],
  skip: (file: string) => boolean = () => false,
): void {
  for (const text of strings) expect(logs, `server logs contain “${text}”`).not.toContain(text);
  // tsx's compile cache (TMPDIR/tsx-<uid>/) holds our own source code, e.g. the cross-check's drug
  // codes table — code, not patient data.
  const compiledSource = (f: string) => f.split(path.sep).some((part) => /^tsx-\d+$/.test(part));
  // The drug reference index (data/cache/bdpm-index-*.json) is built from the shipped public BDPM
  // files: drug names are in it by design and say nothing about a patient.
  const drugReference = (f: string) => /^bdpm-index-[0-9a-f]+\.json$/.test(path.basename(f));
  for (const file of folders
    .flatMap(filesUnder)
    .filter((f) => !skip(f) && !compiledSource(f) && !drugReference(f))) {
    const bytes = readFileSync(file);
    for (const text of strings) {
      const found = bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
      expect(found, `${file} contains “${text}”`).toBe(false);
    }
  }
}
