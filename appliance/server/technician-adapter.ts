/**
 * Carries out the session machine's `technician` effects with the TechnicianService: the key's
 * block source comes from the runtime (the technician's key, never opened as a record).
 */
import QRCode from 'qrcode';
import type { Printer } from '../drivers/printer/types.ts';
import type { BlockSource } from '../record/block-source.ts';
import type { TechVersionView } from '../contract/technician-view.ts';
import type { TechnicianAction, TechnicianResult } from './session/technician.ts';
import { assertNever } from '../common/result.ts';
import type { KioskMode } from '../contract/session-view.ts';
import type { TechnicianService, TestPrintSettings } from './technician/index.ts';

export interface TechnicianPort {
  version(): Promise<TechVersionView>;
  /** `source` is undefined when the key went between the command and now. */
  run(
    action: TechnicianAction,
    source: BlockSource | undefined,
    /** `set_clock`: the instant asked for (validated by the command's schema). */
    params?: { readonly at?: string },
  ): Promise<TechnicianResult>;
}

export interface TechnicianAdapterDeps {
  readonly service: TechnicianService;
  readonly printer: Printer;
  readonly mode: KioskMode;
  readonly printSettings: () => TestPrintSettings;
}

const KEY_GONE = {
  fr: 'La clé a été retirée avant la fin.',
  en: 'The key was removed before the end.',
} as const;

export function createTechnicianPort(deps: TechnicianAdapterDeps): TechnicianPort {
  const { service } = deps;
  return {
    async version() {
      const { text } = await service.versionQr();
      // Same symbol as versionQrSvg (error correction M).
      const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
      const qrRows = Array.from({ length: modules.size }, (_, row) =>
        Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? '1' : '0')).join(''),
      );
      return { software: service.softwareVersion(), qrText: text, qrRows };
    },
    async run(action, source, params) {
      switch (action) {
        case 'diagnostics':
          return { action, diagnostics: await service.diagnostics() };
        case 'provision_check':
        case 'provision':
          if (!source)
            return { action, outcome: { status: 'rejected', problems: [{ path: '', message: KEY_GONE }] } };
          return {
            action,
            outcome:
              action === 'provision'
                ? await service.provisionFrom(source)
                : await service.checkProvisioning(source),
          };
        case 'export':
          if (!source)
            return { action, result: { ok: false, error: { code: 'removed', message: KEY_GONE } } };
          return { action, result: await service.exportTo(source) };
        case 'test_print':
          return { action, outcome: await service.testPrint(deps.printer, deps.printSettings()) };
        case 'reboot':
          return { action, result: await service.reboot(deps.mode) };
        case 'set_clock':
          if (params?.at === undefined) return { action, result: { ok: false, error: 'no_helper' } };
          return { action, result: service.setClock(deps.mode, params.at) };
        default:
          return assertNever(action, 'technician action');
      }
    },
  };
}
