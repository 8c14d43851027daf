/**
 * Which volume of a key holds the Baladeur container. A key may carry several partitions; exactly
 * one of them may hold `RECORD_PATH` (or the `.NEW` file of an interrupted replace, see files.ts).
 */
import type { BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { RECORD_PATH } from '../container/layout.ts';
import { readBudgetFor, withVolume } from './engine.ts';
import { lookup, splitPath } from './dir.ts';
import { fatError, type FatError, type FatErrorCode } from './errors.ts';
import { findVolumes, type Volume } from './volumes.ts';
import { stickBudgetFor, withStickBudget } from './stick-budget.ts';

/** The name an interrupted replace leaves behind: `RECORD.JSON` → `RECORD.NEW`. */
export function pendingName(path: string): string {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const dot = name.indexOf('.');
  return `${dir}${dot < 0 ? name : name.slice(0, dot)}.NEW`;
}

type Probe = { volume: Volume; outcome: Result<boolean, FatError> };

function hasFile(source: BlockSource, volume: Volume, path: string): Result<boolean, FatError> {
  return withVolume(source, volume, { readBudget: readBudgetFor(0) }, (ff) => {
    for (const candidate of [path, pendingName(path)]) {
      const parts = splitPath(candidate);
      if (!parts.ok) return parts;
      const found = lookup(ff, parts.value);
      if (found.ok) return ok(!found.value.isDir);
      if (found.error.code !== 'not_found') return found;
    }
    return ok(false);
  });
}

/** Failures in the order they should be reported when no volume is usable. */
const PRIORITY: readonly FatErrorCode[] = ['removed', 'io', 'too_many_entries', 'too_deep', 'corrupt'];

/** Probes every FAT volume, all within one stick budget (a table listing one volume 128 times costs one budget). */
function probeAll(key: BlockSource): Result<Probe[], FatError> {
  const source = withStickBudget(key, stickBudgetFor(readBudgetFor(0)));
  const volumes = findVolumes(source);
  if (!volumes.ok) return volumes;
  const probes: Probe[] = [];
  for (const volume of volumes.value) {
    if (volume.kind !== 'fat') continue;
    if (volume.damage !== undefined) {
      probes.push({ volume, outcome: err(fatError('corrupt', volume.damage)) });
      continue;
    }
    const outcome = hasFile(source, volume, RECORD_PATH);
    if (!outcome.ok && outcome.error.code === 'removed') return outcome;
    probes.push({ volume, outcome });
  }
  if (probes.length > 0) return ok(probes);
  const kinds = new Set(volumes.value.map((v) => v.kind));
  if (kinds.has('exfat')) return err(fatError('exfat'));
  if (kinds.has('ntfs')) return err(fatError('ntfs'));
  return err(fatError('not_fat'));
}

function worstFailure(probes: readonly Probe[]): FatError | undefined {
  const failures = probes.flatMap((p) => (p.outcome.ok ? [] : [p.outcome.error]));
  for (const code of PRIORITY) {
    const hit = failures.find((f) => f.code === code);
    if (hit) return hit;
  }
  return failures[0];
}

/** The one volume that holds the container, or a typed reason why there is none. */
export function locateContainer(source: BlockSource): Result<Volume, FatError> {
  const probes = probeAll(source);
  if (!probes.ok) return probes;
  const holding = probes.value.filter((p) => p.outcome.ok && p.outcome.value);
  if (holding.length > 1) return err(fatError('several_containers', `${holding.length} volumes`));
  const only = holding[0];
  if (only) return ok(only.volume);
  return err(worstFailure(probes.value) ?? fatError('no_container'));
}

/** The container volume, or on a key without one, its first healthy FAT volume. */
export function primaryVolume(source: BlockSource): Result<Volume, FatError> {
  const probes = probeAll(source);
  if (!probes.ok) return probes;
  const holding = probes.value.filter((p) => p.outcome.ok && p.outcome.value);
  if (holding.length > 1) return err(fatError('several_containers', `${holding.length} volumes`));
  const chosen = holding[0] ?? probes.value.find((p) => p.outcome.ok);
  if (chosen) return ok(chosen.volume);
  return err(worstFailure(probes.value) ?? fatError('not_fat'));
}
