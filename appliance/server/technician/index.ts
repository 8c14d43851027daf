/**
 * The technician's tools behind one facade, for the session runtime to call when a technician
 * card is authenticated (the runtime enforces that; nothing here checks the card). Everything is
 * gathered on demand, never on the session's hot path.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import type { CodePageId } from '../../drivers/printer/layout/code-page.ts';
import type { ReceiptLanguage } from '../../receipts/labels.ts';
import type { PaperWidth } from '../../drivers/printer/layout/layout.ts';
import { buildTestPage } from '../../receipts/test-page.ts';
import type { Printer, PrinterStatus, PrintOutcome } from '../../drivers/printer/types.ts';
import type { ReaderStatus } from '../../drivers/smartcard/types.ts';
import type { UsbKeyStatus } from '../../drivers/usb-key/types.ts';
import type { BlockSource } from '../../record/block-source.ts';
import { REPO_ROOT } from '../paths.ts';
import type {
  ClockSetting,
  ClockSource,
  Diagnostics,
  RevocationDiagnostics,
  SoftwareVersion,
} from '../../contract/diagnostics.ts';
import type { KioskMode } from '../../contract/session-view.ts';
import type {
  ExportResult,
  ProvisioningProblem,
  ProvisioningSummary,
} from '../../contract/technician-view.ts';
import type { ApplyError } from './apply.ts';
import {
  deviceDiagnostics,
  gatherDiagnostics,
  systemInformation,
  type SystemInfoSource,
} from './diagnostics.ts';
import { exportToKey, type ExportError } from './export.ts';
import { createClockSetter, type ClockSetError, type ClockSetOutcome, type ClockSetter } from './clock.ts';
import type { LogRing } from './log-ring.ts';
import { applyProvisioning, provisionFromKey } from './provisioning.ts';
import { signedAtOf, type SignedSiteOptions } from './signed-site.ts';
import { readSoftwareVersion, versionQrSvg, versionQrText } from './release.ts';

export type { ExportError } from './export.ts';
export type { ClockSetError, ClockSetOutcome } from './clock.ts';
export { createLogRing, type LogRing, type RingEntry } from './log-ring.ts';
export { SITE_FILE_PATH, SITE_SIGNATURE_PATH } from './provisioning.ts';
export { EXPORT_DIR } from './export.ts';

export type ProvisionOutcome =
  | { readonly status: 'checked'; readonly summary: ProvisioningSummary }
  /** The kiosk server must restart to load the new configuration (and the browser for screen.env). */
  | { readonly status: 'applied'; readonly summary: ProvisioningSummary; readonly restartRequired: true }
  | { readonly status: 'rejected'; readonly problems: readonly ProvisioningProblem[] }
  | { readonly status: 'write_failed'; readonly error: ApplyError };

export interface TestPrintSettings {
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  readonly language: ReceiptLanguage;
  /** What is configured, printed on the page ("tcp://10.0.0.5:9100 (epson-tm-t20iii)"). */
  readonly description?: string;
}

export type RebootOutcome = 'simulated' | 'requested';
export type CommandRunner = (command: string, args: readonly string[]) => Promise<Result<void, string>>;

export interface TechnicianDeps {
  readonly dataDir: string;
  /**
   * The factory CA (PEM) a site bundle's provisioning certificate must chain to: the image's
   * `factory-technician-ca.pem`, the dev PKI's test CA in the dev kiosk. Empty: every bundle is refused.
   */
  readonly factoryAnchorsPem: readonly string[];
  readonly auditFile: string;
  readonly siteName: () => string;
  readonly devices: () => {
    readonly reader: ReaderStatus;
    readonly printer: PrinterStatus;
    readonly usbKey: UsbKeyStatus;
  };
  readonly ring: LogRing;
  /** Read once at construction when absent (release file, else package.json + checkout commit). */
  readonly version?: SoftwareVersion;
  readonly systemInfo?: () => Promise<SystemInfoSource>;
  readonly probeTimeoutMs?: number;
  /** The site's CRLs as diagnostics show them (issue 17). */
  readonly revocation?: () => RevocationDiagnostics;
  /** Network time or RTC alone; default `timedatectl show -p NTPSynchronized`. */
  readonly clockSource?: () => Promise<ClockSource>;
  readonly now?: () => Date;
  /** Runs `systemctl reboot` in production; tests pass a fake. */
  readonly run?: CommandRunner;
  /**
   * When set, a production reboot writes this file instead of running systemctl (for a root
   * `.path` unit watching it, e.g. `/run/baladeur/reboot-request`: the server itself has no
   * privilege to reboot).
   */
  readonly rebootRequestFile?: string;
  /** Production: where a clock request goes for the root helper (`/run/baladeur/clock-request`). */
  readonly clockRequestFile?: string;
}

const execRunner: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 10_000 }, (error) => {
      resolve(error ? err(error.code === undefined ? error.name : String(error.code)) : ok(undefined));
    });
  });

/** `NTPSynchronized=yes` → ntp; otherwise the clock is the RTC's alone (systemd-timedated). */
const timedatectlClockSource = (): Promise<ClockSource> =>
  new Promise((resolve, reject) => {
    execFile(
      'timedatectl',
      ['show', '-p', 'NTPSynchronized', '--value'],
      { timeout: 2000 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(String(stdout).trim() === 'yes' ? 'ntp' : 'rtc');
      },
    );
  });

export class TechnicianService {
  private readonly version: SoftwareVersion;
  private readonly now: () => Date;
  private clock: ClockSetter | undefined;

  constructor(private readonly deps: TechnicianDeps) {
    this.version =
      deps.version ??
      readSoftwareVersion({ packageJson: path.join(REPO_ROOT, 'package.json'), repoRoot: REPO_ROOT });
    this.now = deps.now ?? (() => new Date());
  }

  softwareVersion(): SoftwareVersion {
    return this.version;
  }

  /** The version as the QR code shows it: `baladeur:<version>:<image hash>`, and its SVG. */
  async versionQr(): Promise<{ readonly text: string; readonly svg: string }> {
    return { text: versionQrText(this.version), svg: await versionQrSvg(this.version) };
  }

  async diagnostics(): Promise<Diagnostics> {
    const { reader, printer, usbKey } = this.deps.devices();
    return gatherDiagnostics({
      source: await (this.deps.systemInfo ?? systemInformation)(),
      software: this.version,
      devices: deviceDiagnostics(reader, printer, usbKey),
      ...(this.deps.revocation ? { revocation: this.deps.revocation() } : {}),
      clockSource: this.deps.clockSource ?? timedatectlClockSource,
      ...this.lastClockSetting(),
      ...(this.deps.probeTimeoutMs === undefined ? {} : { timeoutMs: this.deps.probeTimeoutMs }),
      now: this.now,
    });
  }

  /** The installed bundle's signing time bounds the next one (kept `site.jws`, apply.ts). */
  private signedSiteOptions(): SignedSiteOptions {
    let installed: Date | undefined;
    try {
      installed = signedAtOf(readFileSync(path.join(this.deps.dataDir, 'site.jws'), 'utf8'));
    } catch {
      installed = undefined;
    }
    return {
      factoryAnchorsPem: this.deps.factoryAnchorsPem,
      now: this.now(),
      ...(installed ? { installedSignedAt: installed } : {}),
    };
  }

  /** Validates the key's site file without writing anything (for a confirmation screen). */
  async checkProvisioning(source: BlockSource): Promise<ProvisionOutcome> {
    const plan = await provisionFromKey(source, this.signedSiteOptions());
    return plan.ok
      ? { status: 'checked', summary: plan.value.summary }
      : { status: 'rejected', problems: plan.error };
  }

  /** Validates the key's site file and, when valid, writes it into the data folder. */
  async provisionFrom(source: BlockSource): Promise<ProvisionOutcome> {
    const plan = await provisionFromKey(source, this.signedSiteOptions());
    if (!plan.ok) return { status: 'rejected', problems: plan.error };
    const applied = applyProvisioning(this.deps.dataDir, plan.value);
    if (!applied.ok) return { status: 'write_failed', error: applied.error };
    return { status: 'applied', summary: plan.value.summary, restartRequired: true };
  }

  async exportTo(source: BlockSource): Promise<Result<ExportResult, ExportError>> {
    const diagnostics = await this.diagnostics();
    return exportToKey(source, {
      now: this.now(),
      siteName: this.deps.siteName(),
      auditFile: this.deps.auditFile,
      diagnostics,
      logLines: this.deps.ring.entries(),
    });
  }

  /** ESC/POS bytes of the test page (receipt/test-page.ts). */
  testPrintBytes(settings: TestPrintSettings): Promise<Uint8Array> {
    return buildTestPage({
      site: { name: this.deps.siteName() },
      printedAt: this.now(),
      language: settings.language,
      width: settings.width,
      codePage: settings.codePage,
      ...(settings.description === undefined ? {} : { printer: settings.description }),
    });
  }

  /** Prints the test page; `printed` only when the printer took every byte (Printer.print). */
  async testPrint(printer: Printer, settings: TestPrintSettings): Promise<PrintOutcome> {
    return printer.print(await this.testPrintBytes(settings));
  }

  private clockSetter(mode: KioskMode): ClockSetter {
    this.clock ??= createClockSetter({
      mode,
      now: this.now,
      ...(this.deps.clockRequestFile === undefined ? {} : { requestFile: this.deps.clockRequestFile }),
      ...(this.version.buildEpoch === undefined ? {} : { buildEpoch: this.version.buildEpoch }),
    });
    return this.clock;
  }

  private lastClockSetting(): { clockSetting?: ClockSetting } {
    const last = this.clock?.last();
    return last ? { clockSetting: last } : {};
  }

  /** Production: a request for the root helper (system clock and RTC). Simulated: recorded only. */
  setClock(mode: KioskMode, at: string): Result<ClockSetOutcome, ClockSetError> {
    return this.clockSetter(mode).set(at);
  }

  /** Production: `systemctl reboot` (or the reboot request file). Simulated: nothing happens (the dev machine stays up). */
  async reboot(mode: KioskMode): Promise<Result<RebootOutcome, string>> {
    if (mode === 'simulated') return ok('simulated');
    if (this.deps.rebootRequestFile !== undefined) {
      try {
        writeFileSync(this.deps.rebootRequestFile, `${this.now().toISOString()}\n`, { mode: 0o600 });
        return ok('requested');
      } catch (error) {
        return err(`reboot request failed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
    const ran = await (this.deps.run ?? execRunner)('systemctl', ['reboot']);
    return ran.ok ? ok('requested') : err(`systemctl reboot failed: ${ran.error}`);
  }
}
