/** HZ-13 hostile keys, the device itself: read errors in each region, the key pulled mid-read. */
import { faultySource, memorySource } from '../../../appliance/record/block-source.ts';
import { clusterOffset, geometry } from './fat-layout.ts';
import { base16, copy16, locate16, type Case } from './hostile-support.ts';

export const readFaultCases: Case[] = [
  [
    'read error in the boot sector',
    () => faultySource(memorySource(copy16()), { failReadAtByte: 10, kind: 'io' }),
    ['io'],
  ],
  [
    'read error in the FAT',
    () =>
      faultySource(memorySource(copy16()), {
        failReadAtByte: geometry(base16).reserved * 512 + 4,
        kind: 'io',
      }),
    ['io'],
  ],
  [
    'read error in the root folder',
    () =>
      faultySource(memorySource(copy16()), {
        failReadAtByte: geometry(base16).rootDirOffset + 1,
        kind: 'io',
      }),
    ['io'],
  ],
  [
    'read error inside the record',
    () =>
      faultySource(memorySource(copy16()), {
        failReadAtByte: clusterOffset(geometry(base16), locate16(copy16()).recCluster) + 20_000,
        kind: 'io',
      }),
    ['io'],
  ],
  [
    'key pulled after 3 reads',
    () => faultySource(memorySource(copy16()), { removeAfterReads: 3 }),
    ['removed'],
  ],
];
