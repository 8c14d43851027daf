import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrugKnowledge } from '../knowledge.ts';
import type { BdpmSources } from './build-index.ts';
import { buildIndex } from './build-index.ts';
import { decodeLine, decodeLines, splitFields } from './decode.ts';
import { knowledgeFromIndex } from './knowledge.ts';
import { loadDrugKnowledge, readSources, SHIPPED_BDPM_DIR } from './load.ts';
import { validateRelease } from './validate.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('BDPM line decoding', () => {
  it('reads UTF-8 lines as UTF-8 and anything else as Windows-1252', () => {
    expect(decodeLine(new TextEncoder().encode('comprimé pelliculé'))).toBe('comprimé pelliculé');
    expect(decodeLine(Uint8Array.from([0x67, 0xe9, 0x6c, 0x75, 0x6c, 0x65]))).toBe('gélule');
    expect(decodeLine(Uint8Array.from([0x80, 0x20, 0x9c]))).toBe('€ œ');
  });
  it('splits CRLF and LF lines, drops trailing tabs and undefined bytes', () => {
    const bytes = Uint8Array.from([...Buffer.from('a\tb\t\r\nc\x81d\t\n\n'), ...Buffer.from('e')]);
    const lines = decodeLines(bytes);
    expect(lines).toHaveLength(3);
    expect(splitFields(lines[0] as string)).toEqual(['a', 'b']);
    expect(splitFields(lines[1] as string)).toEqual(['cd']);
  });
});

describe('BDPM importer on the shipped June 2022 release, as published', () => {
  let sources: BdpmSources;
  let built: ReturnType<typeof buildIndex>;
  let k: DrugKnowledge;
  beforeAll(async () => {
    const read = await readSources(SHIPPED_BDPM_DIR);
    if (!read.ok) throw new Error('shipped BDPM files missing');
    sources = read.value;
    built = buildIndex(sources);
    k = knowledgeFromIndex(built.index);
  });

  it('HZ-08 counts every product, box, substance and generic group, rejecting no row', () => {
    const { index, report } = built;
    expect(report.lines).toEqual({ products: 15676, boxes: 20747, compositions: 32340, generics: 10009 });
    expect(Object.values(report.rejected).map((r) => r.count)).toEqual([0, 0, 0, 0]);
    expect(index.products).toHaveLength(15676);
    expect(index.boxes).toHaveLength(20747);
    expect(index.substances.length).toBe(22323);
    expect(index.groups.length).toBe(1487);
    const v = validateRelease(sources, built);
    expect(v.ok && v.value.counts).toEqual({
      products: 15676,
      boxes: 20747,
      substances: 22323,
      genericGroups: 1487,
    });
  });

  it('HZ-10 names with accents come out right; FT is preferred to SA; generic groups', () => {
    expect(k.findByCis('67707794')?.name).toBe('CLAMOXYL 500 mg, gélule');
    expect(k.findByCip13('3400931587538')).toMatchObject({
      cis: '67707794',
      cip7: '3158753',
      status: 'Présentation active',
    });
    expect(k.findByCip7('3158753')?.cip13).toBe('3400931587538');
    expect(k.substancesOf('67707794')).toEqual([
      expect.objectContaining({
        name: 'AMOXICILLINE ANHYDRE',
        dosage: '500 mg',
        nature: 'FT',
        weighedAs: 'AMOXICILLINE TRIHYDRATÉE',
      }),
    ]);
    expect(k.findByCip13('3400930264546')?.cis).toBe('64631925');
    expect(k.findByCis('64631925')).toMatchObject({
      name: 'COUMADINE 2 mg, comprimé sécable',
      form: 'comprimé sécable',
      routes: ['orale'],
    });
    expect(k.substancesOf('64631925')[0]?.name).toBe('WARFARINE SODIQUE');
    expect(k.findByCis('61876780')?.name).toBe('ABACAVIR ARROW 300 mg, comprimé pelliculé sécable');
    const group = k.genericGroupOf('69118175');
    expect(group?.label).toBe('AMOXICILLINE 500 mg - CLAMOXYL 500 mg, gélule');
    expect(group?.members.find((m) => m.cis === '67707794')?.role).toBe('princeps');
    expect(group?.members.find((m) => m.cis === '69118175')?.role).toBe('generic');
    // A row with stray empty columns (CIS_GENER group 1809) keeps its label and members.
    expect(k.genericGroupOf('67215259')?.label).toContain('XEPLION 150 mg');
  });

  it('searches by name ignoring accents and case, marketed products first', () => {
    expect(k.searchByName('coumadine', 10).map((p) => p.name)[0]).toBe('COUMADINE 2 mg, comprimé sécable');
    expect(
      k
        .searchByName('PARACETAMOL biogaran 1000', 3)
        .every((p) => p.name.startsWith('PARACETAMOL BIOGARAN 1000')),
    ).toBe(true);
    expect(k.searchByName('gelule clamox', 5).map((p) => p.cis)).toContain('67707794');
    expect(k.searchByName('zzzz', 5)).toEqual([]);
  });

  it('builds the index once into the cache, then loads it from there', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'baladeur-bdpm-'));
    dirs.push(cacheDir);
    const first = await loadDrugKnowledge({ cacheDir });
    const second = await loadDrugKnowledge({ cacheDir });
    expect(first.ok && first.value.from).toBe('built');
    expect(second.ok && second.value.from).toBe('cache');
    expect(second.ok && second.value.knowledge.info.counts).toEqual({
      products: 15676,
      boxes: 20747,
      substances: 22323,
      genericGroups: 1487,
    });
  });

  it('prefers an index shipped read-only with the image, and writes nothing in the data cache', async () => {
    const shippedIndexDir = mkdtempSync(join(tmpdir(), 'baladeur-bdpm-shipped-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'baladeur-bdpm-'));
    dirs.push(shippedIndexDir, cacheDir);
    const built = await loadDrugKnowledge({ cacheDir: shippedIndexDir }); // as image/stage-app.sh does
    expect(built.ok && built.value.from).toBe('built');
    const loaded = await loadDrugKnowledge({ cacheDir, shippedIndexDir });
    expect(loaded.ok && loaded.value.from).toBe('cache');
    expect(loaded.ok && loaded.value.indexFile.startsWith(shippedIndexDir)).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('refuses a release that is not a whole database', () => {
    const truncated = { ...sources, products: sources.products.subarray(0, 20000) };
    const v = validateRelease(truncated);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.error.map((p) => p.kind)).toContain('too_few_rows');
  });
});
