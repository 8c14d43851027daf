/** The runtime's `KeyRecordService`: one key worker per presented key (docs/usb-keys.md, "Key worker"). */
import type { KeyRecordService } from '../ports.ts';
import type { RecordAdapterOptions } from '../record-adapter.ts';
import { DEFAULT_KEY_BUDGETS, KeyWorker, type KeyBudgets } from './client.ts';

export function createKeyWorkerService(
  options: Omit<RecordAdapterOptions, 'now'> & { readonly budgets?: Partial<KeyBudgets> },
): KeyRecordService {
  const budgets = { ...DEFAULT_KEY_BUDGETS, ...options.budgets };
  return {
    attach(device) {
      return new KeyWorker(
        {
          device,
          trustAnchorsPem: [...options.trustAnchorsPem],
          emergencyKeyring: options.emergencyKeyring.map((jwk) => ({ ...jwk })),
          kioskSecret: new Uint8Array(options.kioskSecret),
          siteName: options.siteName,
        },
        budgets,
      );
    },
  };
}
