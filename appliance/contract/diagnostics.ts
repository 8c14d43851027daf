/**
 * The technician's diagnostics as the kiosk page and the export file show them: machine probes,
 * the software version and the devices' statuses, as plain data. The server fills them in
 * (server/technician/diagnostics.ts) from the drivers' statuses; nothing here depends on a driver.
 */

export interface SoftwareVersion {
  readonly version: string;
  /** SHA-256 (hex) recorded at image build; absent outside an image. */
  readonly imageSha256?: string;
  readonly buildEpoch?: number;
  readonly gitCommit?: string;
  /**
   * The image's build kind (release file `BUILD=`; `FACTORY_CA=development` also means a
   * development build): a development image trusts the development test CA and is not for patients.
   * Absent outside an image.
   */
  readonly build?: 'development' | 'production';
  /** Where the version came from. */
  readonly source: 'release_file' | 'package_json' | 'unknown';
}

export type Probe<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'unavailable'; readonly reason: 'timeout' | 'failed' | 'not_supported' };

export interface CpuInfo {
  readonly manufacturer: string;
  readonly brand: string;
  readonly cores: number;
  readonly physicalCores: number;
  /** GHz; 0 when the kernel does not say. */
  readonly speedGHz: number;
}
export interface MemoryInfo {
  readonly totalBytes: number;
  readonly availableBytes: number;
  readonly usedBytes: number;
}
export interface DiskInfo {
  readonly mount: string;
  readonly fs: string;
  readonly type: string;
  readonly sizeBytes: number;
  readonly usedBytes: number;
  readonly usePercent: number;
  readonly readWrite: boolean | null;
}
export interface TemperatureInfo {
  readonly mainCelsius: number;
  readonly maxCelsius: number | null;
}
export interface NetworkInfo {
  readonly iface: string;
  readonly ip4: string;
  readonly ip6: string;
  readonly mac: string;
  readonly state: string;
  readonly internal: boolean;
}
/** Serial numbers are left out: a USB key's serial could follow a patient from kiosk to kiosk. */
export interface UsbDeviceInfo {
  readonly name: string;
  readonly type: string;
  readonly vendor: string;
  readonly manufacturer: string;
  readonly bus: number | null;
}
export interface OsInfo {
  readonly distro: string;
  readonly release: string;
  readonly kernel: string;
  readonly arch: string;
  readonly hostname: string;
}
export interface TimeInfo {
  readonly current: string;
  readonly uptimeSeconds: number;
  readonly timezone: string;
}

/** Where the kiosk's clock comes from: network time (synchronised) or its real-time clock alone. */
export type ClockSource = 'ntp' | 'rtc';

/** The last time a technician set the clock since the server started (audited in full). */
export interface ClockSetting {
  /** The kiosk's time when it was asked (before the change). */
  readonly requestedAt: string;
  /** The time asked for. */
  readonly setTo: string;
  /** Dev kiosk: recorded only, the machine's clock untouched. */
  readonly simulated: boolean;
}

/** One provisioned CRL, for the technician (issue 17): is it current? */
export interface CrlDiagnostics {
  readonly issuer: string;
  readonly thisUpdate: string;
  readonly nextUpdate?: string;
  readonly entries: number;
  readonly state: 'current' | 'stale' | 'not_yet_valid';
}

export interface RevocationDiagnostics {
  /** What a stale CRL means at this site. */
  readonly staleCrl: 'warn' | 'refuse';
  readonly crls: readonly CrlDiagnostics[];
}

export interface ReaderDiagnostics {
  readonly status: 'service_unavailable' | 'no_reader' | 'no_card' | 'card_present' | 'card_error';
  /** The PC/SC reader's name, when there is one. */
  readonly reader?: string;
  /** Why the card is in error (`card_error` only). */
  readonly reason?: 'unknown_card' | 'unresponsive' | 'removed_during_command' | 'io';
}

/** The printer's last reported status, with its details (a technician needs `unreachable` and the error). */
export type PrinterDiagnostics =
  | { readonly status: 'ready'; readonly paperNearEnd: boolean }
  | { readonly status: 'paper_out' }
  | { readonly status: 'cover_open' }
  | { readonly status: 'offline'; readonly unreachable?: boolean }
  | { readonly status: 'error'; readonly reason: string }
  | { readonly status: 'no_answer' }
  | { readonly status: 'not_configured' };

export interface UsbKeyDiagnostics {
  readonly status: 'no_key' | 'key_present' | 'several_keys' | 'key_error';
  /** Why the device is refused (`key_error` only). */
  readonly reason?: 'unreadable_device' | 'not_usb';
}

/** Device statuses as plain data (a key's block source and the insertion ids are not carried). */
export interface DeviceDiagnostics {
  readonly reader: ReaderDiagnostics;
  readonly printer: PrinterDiagnostics;
  readonly usbKey: UsbKeyDiagnostics;
}

export interface Diagnostics {
  readonly gatheredAt: string;
  readonly software: SoftwareVersion;
  readonly cpu: Probe<CpuInfo>;
  readonly memory: Probe<MemoryInfo>;
  readonly disks: Probe<readonly DiskInfo[]>;
  readonly temperature: Probe<TemperatureInfo>;
  readonly network: Probe<readonly NetworkInfo[]>;
  /** An empty list is a valid answer (no USB bus, as on this build machine). */
  readonly usb: Probe<readonly UsbDeviceInfo[]>;
  readonly os: Probe<OsInfo>;
  readonly time: Probe<TimeInfo>;
  readonly clockSource: Probe<ClockSource>;
  /** Set by the technician (this boot of the server), shown beside the source. */
  readonly clockSetting?: ClockSetting;
  readonly revocation?: RevocationDiagnostics;
  readonly devices: DeviceDiagnostics;
}
