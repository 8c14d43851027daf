/**
 * What the technician screens show (part of the session view, only while a technician card is
 * authenticated). Carries device and site settings only: never a record, never a key's secret.
 */
import type { Diagnostics, SoftwareVersion } from './diagnostics.ts';
import type { Language } from './session-view.ts';

/**
 * A sentence the kiosk or the site supplies: French and English always; German, Spanish and
 * Italian when given (provisioning problems: the signature's in all five, zod's and the file's
 * details fr/en only), else English.
 */
export interface BilingualText {
  readonly fr: string;
  readonly en: string;
  readonly de?: string;
  readonly es?: string;
  readonly it?: string;
}

export function textIn(text: BilingualText, language: Language): string {
  return text[language] ?? text.en;
}

/** One problem of a site file: where ("printer.transport.port", "trustAnchors[1]", "" for the whole file) and what. */
export interface ProvisioningProblem {
  readonly path: string;
  readonly message: BilingualText;
}

export interface ScreenSettings {
  readonly rotation: 0 | 90 | 180 | 270;
  /** Output the touchscreen is mapped to; absent: the compositor's default. */
  readonly touchOutput?: string;
  /** Seconds without a touch before the screen blanks; 0 never blanks. */
  readonly blankingSeconds: number;
}

/** A HID device usbguard lets in, pinned by vendor:product (4 hex digits each). */
export interface PinnedUsbDevice {
  readonly kind: 'barcode_scanner' | 'touchscreen';
  readonly vendorId: string;
  readonly productId: string;
  readonly name?: string;
}

/** What the technician sees before and after applying: the settings, never a key's secret part. */
export interface ProvisioningSummary {
  readonly siteName: string;
  readonly languages: readonly string[];
  readonly defaultLanguage: string;
  readonly printer: string;
  readonly trustAnchors: readonly {
    readonly subject: string;
    readonly notAfter: string;
    readonly sha256: string;
  }[];
  readonly emergencyKeys: readonly string[];
  readonly breakGlassProfessions: readonly string[];
  readonly idleSeconds: number;
  readonly screen: ScreenSettings;
  /** HID devices usbguard lets in (from the next boot). */
  readonly usbDevices: readonly PinnedUsbDevice[];
  /** Who signed the bundle (the provisioning certificate's subject) and when. */
  readonly signature: { readonly signer: string; readonly signedAt: string };
  /** The CRLs installed with the site, and what a stale one means there. */
  readonly revocation: {
    readonly staleCrl: 'warn' | 'refuse';
    readonly crls: readonly {
      readonly issuer: string;
      readonly thisUpdate: string;
      readonly nextUpdate?: string;
      readonly entries: number;
    }[];
  };
}

export interface AuditChainBreak {
  /** The first row (by position) whose link does not hold. */
  readonly seq: number;
  readonly problem: 'hash_mismatch' | 'broken_link' | 'sequence_gap';
}

export type AuditVerification =
  | { readonly result: 'intact'; readonly rows: number; readonly head: string }
  | { readonly result: 'broken'; readonly rows: number; readonly break: AuditChainBreak }
  | { readonly result: 'missing'; readonly rows: 0 }
  | { readonly result: 'unreadable'; readonly rows: 0; readonly error: string };

export interface ExportResult {
  /** Folder on the key, e.g. `BALADEUR-EXPORT/2026-11-28-chu-test`. */
  readonly folder: string;
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly audit: AuditVerification;
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

/** Setting the kiosk's clock (issue 17): the time before and the time asked, as ISO instants. */
export type TechClockView =
  | { readonly status: 'idle' }
  | { readonly status: 'requesting' }
  /** `simulated`: the dev kiosk records the request and never changes the machine's clock. */
  | {
      readonly status: 'requested' | 'simulated';
      readonly previous: string;
      readonly requested: string;
    }
  /** Before the image was built: the technician mistyped (the command's own range is checked first). */
  | { readonly status: 'refused_before_build' }
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
      readonly clock: TechClockView;
    };
