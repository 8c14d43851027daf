/**
 * Loads the drug reference for the pharmacist's cross-check. Not at server start: the runtime
 * calls the loader once, when the session machine first asks (`load_drug_reference`, the first
 * pharmacist authenticated; see session/drug-reference.ts), so a kiosk used only by nurses and
 * doctors never holds it in memory. A failure is a value (`undefined`): the cross-check screen
 * then says the drug reference is unavailable and the rest of the kiosk works as before (HZ-11).
 */
import { loadDrugKnowledge, type LoadOptions } from '../crosscheck/bdpm/load.ts';
import type { DrugKnowledge } from '../crosscheck/knowledge.ts';
import type { EventLogger } from './logger.ts';

export type DrugLoader = () => Promise<DrugKnowledge | undefined>;

export function createDrugLoader(log: EventLogger, options: LoadOptions = {}): DrugLoader {
  return async () => {
    const started = performance.now();
    try {
      const loaded = await loadDrugKnowledge(options);
      if (!loaded.ok) {
        log.error('crosscheck.reference_unavailable', { error: loaded.error.kind });
        return undefined;
      }
      log.info('crosscheck.reference_loaded', {
        from: loaded.value.from,
        products: loaded.value.knowledge.info.counts.products,
        boxes: loaded.value.knowledge.info.counts.boxes,
        indexBytes: loaded.value.indexBytes,
        ms: Math.round(performance.now() - started),
      });
      return loaded.value.knowledge;
    } catch (error) {
      log.error('crosscheck.reference_unavailable', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      return undefined;
    }
  };
}
