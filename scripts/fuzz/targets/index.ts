import type { FuzzTarget } from '../harness.ts';
import { containerTarget } from './container.ts';
import { escposTarget } from './escpos.ts';
import { fatTarget } from './fat.ts';
import { gs1Target } from './gs1.ts';
import { ipsTarget } from './ips.ts';

export const TARGETS: readonly FuzzTarget<never>[] = [
  containerTarget,
  ipsTarget,
  fatTarget,
  gs1Target,
  escposTarget,
] as unknown as readonly FuzzTarget<never>[];
