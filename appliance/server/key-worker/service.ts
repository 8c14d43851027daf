/**
 * The runtime's `KeyRecordService`: one key worker per presented key (docs/usb-keys.md, "Key
 * worker"). A spare worker is started when a session begins (a card is inserted: `prepare`), so
 * loading the worker's code is not on the path from insertion to summary while the PIN is typed; an
 * idle kiosk holds no worker (memory budget). A key inserted with no card starts its own.
 */
import { indexCrl } from '../../common/crl-index.ts';
import { X509Crl } from '../../common/x509.ts';
import type { KeyRecordService } from '../ports.ts';
import type { RecordAdapterOptions } from '../record-adapter.ts';
import { DEFAULT_KEY_BUDGETS, KeyWorker, type KeyBudgets } from './client.ts';
import type { WorkerSetup } from './protocol.ts';

export function createKeyWorkerService(
  options: Omit<RecordAdapterOptions, 'now'> & { readonly budgets?: Partial<KeyBudgets> },
): KeyRecordService {
  const budgets = { ...DEFAULT_KEY_BUDGETS, ...options.budgets };
  const setup: WorkerSetup = {
    trustAnchorsPem: [...options.trustAnchorsPem],
    emergencyKeyring: options.emergencyKeyring.map((jwk) => ({ ...jwk })),
    kioskSecret: new Uint8Array(options.kioskSecret),
    siteName: options.siteName,
    ...(options.signerProfessions === undefined ? {} : { signerProfessions: [...options.signerProfessions] }),
    ...(options.outdatedAfterMonths === undefined
      ? {}
      : { outdatedAfterMonths: options.outdatedAfterMonths }),
    ...(options.revocation === undefined
      ? {}
      : {
          revocation: {
            // Indexed once here: parsing a large CRL again in every worker would take seconds.
            crls: options.revocation.crls.flatMap((crl) =>
              crl instanceof X509Crl ? (indexCrl(crl) ?? []) : [crl],
            ),
            staleCrl: options.revocation.staleCrl,
          },
        }),
  };
  let spare: KeyWorker | undefined;
  return {
    attach(device) {
      const worker = spare ?? new KeyWorker(setup, budgets);
      spare = undefined; // the next one starts with the next session (prepare), not now: an idle kiosk holds no worker
      return worker.attach(device);
    },
    async prepare() {
      spare ??= new KeyWorker(setup, budgets);
      await spare.started.catch(() => undefined);
    },
  };
}
