/** HZ-13 hostile keys, the record and its folder: broken cluster chains, sizes and attributes. */
import { dirEntry, firstFreeEntry, put16, put32, setFat } from './fat-layout.ts';
import { copy16, locate16, type Case } from './hostile-support.ts';

export const recordEntryCases: Case[] = [
  [
    'record cluster chain loops on itself',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, l.recCluster);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record chain points past the volume',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, 0xfff0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record chain hits a free cluster',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, 0);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record chain ends before its size',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.recCluster, 0xffff);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record starts at cluster 1',
    () => {
      const b = copy16();
      const l = locate16(b);
      put16(b, l.recAt + 26, 1);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record cross-linked with the folder',
    () => {
      const b = copy16();
      const l = locate16(b);
      put16(b, l.recAt + 26, l.dirCluster);
      return b;
    },
    ['corrupt', 'ok'],
  ],
  [
    'record size 4 GB (sparse entry)',
    () => {
      const b = copy16();
      const l = locate16(b);
      put32(b, l.recAt + 28, 0xffffffff);
      return b;
    },
    ['too_large'],
  ],
  [
    'record size 2 MB on a short chain',
    () => {
      const b = copy16();
      const l = locate16(b);
      put32(b, l.recAt + 28, 900_000);
      return b;
    },
    ['corrupt'],
  ],
  [
    'record entry marked as a folder',
    () => {
      const b = copy16();
      const l = locate16(b);
      b[l.recAt + 11] = 0x10;
      return b;
    },
    ['no_container', 'corrupt'],
  ],
  [
    'record entry marked as a long-name slot',
    () => {
      const b = copy16();
      const l = locate16(b);
      b[l.recAt + 11] = 0x0f;
      return b;
    },
    ['no_container'],
  ],
  [
    'container folder is a file',
    () => {
      const b = copy16();
      const l = locate16(b);
      b[l.dirAt + 11] = 0x20;
      return b;
    },
    ['no_container'],
  ],
  [
    'container folder chain loops with no end marker',
    () => {
      const b = copy16();
      const l = locate16(b);
      setFat(b, l.g, l.dirCluster, l.dirCluster);
      const f = l.folder;
      for (let at = firstFreeEntry(b, f, l.g.spc * l.g.bps); at < f + l.g.spc * l.g.bps; at += 32)
        b.set(dirEntry(`X${String(at).padStart(7, '0')}TXT`, 0x20, 0, 0), at);
      return b;
    },
    ['too_many_entries', 'corrupt'],
  ],
];
