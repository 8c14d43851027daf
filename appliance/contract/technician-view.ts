/**
 * What the technician screens show (part of the session view, only while a technician card is
 * authenticated). Carries device and site settings only: never a record, never a key's secret.
 */
import type {
  Diagnostics,
  ExportResult,
  ProvisioningProblem,
  ProvisioningSummary,
  SoftwareVersion,
} from '../server/technician/index.ts';

export type { Diagnostics, ExportResult, ProvisioningProblem, ProvisioningSummary, SoftwareVersion };

export interface BilingualText {
  readonly fr: string;
  readonly en: string;
}

export type TechDiagnosticsView =
  | { readonly status: 'idle' }
  | { readonly status: 'gathering' }
  | { readonly status: 'ready'; readonly diagnostics: Diagnostics };

export type TechProvisioningView =
  | { readonly status: 'idle' }
  /** Asked with no key in: the technician must insert the provisioning key. */
  | { readonly status: 'no_key' }
  | { readonly status: 'reading' }
  | { readonly status: 'checked'; readonly summary: ProvisioningSummary }
  /** Written into the data folder; the kiosk must restart to use it. */
  | { readonly status: 'applied'; readonly summary: ProvisioningSummary }
  | { readonly status: 'rejected'; readonly problems: readonly ProvisioningProblem[] }
  | { readonly status: 'write_failed'; readonly message: string };

export type TechExportView =
  | { readonly status: 'idle' }
  | { readonly status: 'no_key' }
  | { readonly status: 'writing' }
  | { readonly status: 'done'; readonly result: ExportResult }
  | { readonly status: 'failed'; readonly message: BilingualText };

export type TechTestPrintView =
  | { readonly status: 'idle' }
  | { readonly status: 'printing' }
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly reason: string };

export type TechRebootView =
  | { readonly status: 'idle' }
  | { readonly status: 'requesting' }
  /** Simulated mode: nothing reboots. */
  | { readonly status: 'simulated' }
  | { readonly status: 'requested' }
  | { readonly status: 'failed' };

export interface TechVersionView {
  readonly software: SoftwareVersion;
  /** `baladeur:<version>:<image hash>`, as the QR code encodes it. */
  readonly qrText: string;
  /** The QR code's modules, one string of '0'/'1' per row (the page draws it: no markup sent). */
  readonly qrRows: readonly string[];
}

export type TechnicianView =
  | { readonly status: 'closed' }
  | {
      readonly status: 'open';
      readonly version?: TechVersionView;
      /** A key is in (the technician's: a provisioning source or an export target). */
      readonly keyPresent: boolean;
      readonly busy: boolean;
      readonly diagnostics: TechDiagnosticsView;
      readonly provisioning: TechProvisioningView;
      readonly export: TechExportView;
      readonly testPrint: TechTestPrintView;
      readonly reboot: TechRebootView;
    };
