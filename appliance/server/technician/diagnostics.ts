/**
 * Technician diagnostics, gathered only when asked (never on the session's hot path): targeted
 * `systeminformation` calls (not `getStaticData`, ≈ 2 s here), each with its own timeout. A probe
 * that fails, times out or has nothing to report (no temperature sensor) is `unavailable` with a
 * reason; gathering never throws. Device statuses come from the drivers, passed in, and leave as
 * the contract's plain types (contract/diagnostics.ts).
 */
import type {
  ClockSetting,
  ClockSource,
  CpuInfo,
  DeviceDiagnostics,
  Diagnostics,
  DiskInfo,
  MemoryInfo,
  NetworkInfo,
  OsInfo,
  Probe,
  RevocationDiagnostics,
  SoftwareVersion,
  TemperatureInfo,
  TimeInfo,
  UsbDeviceInfo,
} from '../../contract/diagnostics.ts';
import type { PrinterStatus } from '../../drivers/printer/types.ts';
import type { ReaderStatus } from '../../drivers/smartcard/types.ts';
import type { UsbKeyStatus } from '../../drivers/usb-key/types.ts';
import type { SystemInfoSource } from './system-info.ts';

export { systemInformation, type SystemInfoSource } from './system-info.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 200) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

class NotSupported extends Error {}

/** Runs one probe with a deadline; the probe's late answer (or late failure) is ignored. */
export async function probe<R, T>(
  call: () => Promise<R> | R,
  map: (raw: R) => T,
  timeoutMs: number,
): Promise<Probe<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const running = Promise.resolve().then(call);
    running.catch(() => {});
    const raw = await Promise.race([running, deadline]);
    if (raw === 'timeout') return { status: 'unavailable', reason: 'timeout' };
    return { status: 'ok', value: map(raw) };
  } catch (error) {
    return { status: 'unavailable', reason: error instanceof NotSupported ? 'not_supported' : 'failed' };
  } finally {
    clearTimeout(timer);
  }
}

function list<T>(raw: unknown, map: (item: Record<string, unknown>) => T, max = 64): T[] {
  if (!Array.isArray(raw)) throw new Error('not a list');
  return raw.slice(0, max).map((item) => map((item ?? {}) as Record<string, unknown>));
}

export function deviceDiagnostics(
  reader: ReaderStatus,
  printer: PrinterStatus,
  usbKey: UsbKeyStatus,
): DeviceDiagnostics {
  return {
    reader: {
      status: reader.status,
      ...('reader' in reader ? { reader: reader.reader } : {}),
      ...(reader.status === 'card_error' ? { reason: reader.reason } : {}),
    },
    printer,
    usbKey: { status: usbKey.status, ...(usbKey.status === 'key_error' ? { reason: usbKey.reason } : {}) },
  };
}

export interface GatherOptions {
  readonly source: SystemInfoSource;
  readonly software: SoftwareVersion;
  readonly devices: DeviceDiagnostics;
  /** The site's CRLs and their state (issue 17); absent when none is configured. */
  readonly revocation?: RevocationDiagnostics;
  /** Whether network time is synchronised (`timedatectl`); an offline kiosk answers rtc. */
  readonly clockSource?: () => Promise<ClockSource>;
  /** The technician's last setting of the clock, if any since the server started. */
  readonly clockSetting?: ClockSetting;
  /** Per probe; default 3 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export async function gatherDiagnostics(options: GatherOptions): Promise<Diagnostics> {
  const { source: si } = options;
  const t = options.timeoutMs ?? 3000;
  const [cpu, memory, disks, temperature, network, usb, os, time] = await Promise.all([
    probe(
      () => si.cpu(),
      (c): CpuInfo => ({
        manufacturer: str(c.manufacturer),
        brand: str(c.brand),
        cores: num(c.cores),
        physicalCores: num(c.physicalCores),
        speedGHz: num(c.speed),
      }),
      t,
    ),
    probe(
      () => si.mem(),
      (m): MemoryInfo => ({
        totalBytes: num(m.total),
        availableBytes: num(m.available),
        usedBytes: num(m.used),
      }),
      t,
    ),
    probe(
      () => si.fsSize(),
      (l) =>
        list(l, (d): DiskInfo => ({
          mount: str(d.mount),
          fs: str(d.fs),
          type: str(d.type),
          sizeBytes: num(d.size),
          usedBytes: num(d.used),
          usePercent: num(d.use),
          readWrite: typeof d.rw === 'boolean' ? d.rw : null,
        })),
      t,
    ),
    probe(
      () => si.cpuTemperature(),
      (c): TemperatureInfo => {
        const main = numOrNull(c.main);
        // systeminformation answers null (not an error) when the machine has no sensor.
        if (main === null) throw new NotSupported();
        return { mainCelsius: main, maxCelsius: numOrNull(c.max) };
      },
      t,
    ),
    probe(
      () => si.networkInterfaces(),
      (l) =>
        list(l, (n): NetworkInfo => ({
          iface: str(n.iface),
          ip4: str(n.ip4),
          ip6: str(n.ip6),
          mac: str(n.mac),
          state: str(n.operstate),
          internal: n.internal === true,
        })),
      t,
    ),
    probe(
      () => si.usb(),
      (l) =>
        list(l, (u): UsbDeviceInfo => ({
          name: str(u.name),
          type: str(u.type),
          vendor: str(u.vendor),
          manufacturer: str(u.manufacturer),
          bus: numOrNull(u.bus),
        })),
      t,
    ),
    probe(
      () => si.osInfo(),
      (o): OsInfo => ({
        distro: str(o.distro),
        release: str(o.release),
        kernel: str(o.kernel),
        arch: str(o.arch),
        hostname: str(o.hostname),
      }),
      t,
    ),
    probe(
      () => si.time(),
      (x): TimeInfo => ({
        current: new Date(num(x.current)).toISOString(),
        uptimeSeconds: Math.round(num(x.uptime)),
        timezone: str(x.timezone),
      }),
      t,
    ),
  ]);
  const clockSource = await probe(
    () => (options.clockSource ?? (() => Promise.reject(new NotSupported())))(),
    (s) => s,
    t,
  );
  return {
    gatheredAt: (options.now?.() ?? new Date()).toISOString(),
    software: options.software,
    cpu,
    memory,
    disks,
    temperature,
    network,
    usb,
    os,
    time,
    clockSource,
    ...(options.clockSetting ? { clockSetting: options.clockSetting } : {}),
    ...(options.revocation ? { revocation: options.revocation } : {}),
    devices: options.devices,
  };
}
