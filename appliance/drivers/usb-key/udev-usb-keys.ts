/**
 * The real USB key service on Linux. Event-driven: `udevadm monitor` pushes block-device events
 * as the kernel and udev see them (no polling loop); an enumeration at start covers keys already
 * plugged in. The monitor is started first and its events are held until the enumeration is in,
 * so a key inserted during start-up is not missed. One key at a time: two USB disks give
 * 'several_keys' until one is removed, and the remaining key is then presented as a new key.
 *
 * Why udevadm rather than libusb hotplug: the kiosk needs the block device node, which udev
 * names after its rules ran (permissions set, see docs/usb-keys.md); libusb only sees the USB
 * device and would have to be joined to /sys/block by hand.
 */
import { spawn, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { errorCode, silentLogger, type EventLogger } from '../../common/event-logger.ts';
import { deviceMediumBytes, type KeyDevice } from './key-device.ts';
import { type UsbKeyService, type UsbKeyStatus } from './types.ts';
import { parseProperties, UdevMonitorParser, type UdevEvent } from './udev-parser.ts';
import { UsbDiskTracker, type UsbDisk } from './usb-disks.ts';

/** What the service needs of a spawned `udevadm monitor`. */
export interface MonitorProcess {
  readonly stdout: NodeJS.ReadableStream | null;
  once(event: 'exit', listener: (code: number | null) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface UdevUsbKeysOptions {
  readonly spawnMonitor?: () => MonitorProcess;
  /** Block devices present at start, as udev property sets (action 'add'). */
  readonly enumerate?: () => Promise<UdevEvent[]>;
  /**
   * The medium size of a disk (default: sysfs, without opening the device: opening a stalling stick
   * may block, so only the key's worker opens it). 0 is a reader with no medium; a throw, no device.
   */
  readonly mediumBytes?: (devname: string) => number;
  /** How a presented disk is described to the key's worker (default: its device node). */
  readonly describe?: (devname: string) => KeyDevice;
  readonly logger?: EventLogger;
  /** Delay before restarting a monitor that exited. */
  readonly restartDelayMs?: number;
}

function spawnUdevadm(): MonitorProcess {
  return spawn('udevadm', ['monitor', '--udev', '--subsystem-match=block', '--property'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

const run = promisify(execFile);

/** /sys/block disks and their partitions, described by `udevadm info`. */
export async function enumerateBlockDevices(): Promise<UdevEvent[]> {
  const names = fs.existsSync('/sys/block') ? fs.readdirSync('/sys/block') : [];
  const paths: string[] = [];
  for (const name of names.filter((n) => !/^(loop|ram|zram|dm-|md|sr|nbd)/.test(n))) {
    paths.push(`/sys/block/${name}`);
    for (const child of fs.readdirSync(`/sys/block/${name}`)) {
      if (child.startsWith(name)) paths.push(`/sys/block/${name}/${child}`);
    }
  }
  const events: UdevEvent[] = [];
  for (const path of paths) {
    try {
      const { stdout } = await run('udevadm', ['info', '--query=property', `--path=${path}`], {
        timeout: 5000,
      });
      const properties = parseProperties(stdout);
      if (properties.DEVPATH !== undefined)
        events.push({ action: 'add', devpath: properties.DEVPATH, properties });
    } catch {
      // No udev database entry (or no udevadm): not a device we can use.
    }
  }
  return events;
}

export class UdevUsbKeys implements UsbKeyService {
  private readonly tracker = new UsbDiskTracker();
  private readonly listeners = new Set<(status: UsbKeyStatus) => void>();
  private status: UsbKeyStatus = { status: 'no_key' };
  private presented: { disk: UsbDisk } | undefined;
  private monitor: MonitorProcess | undefined;
  private closed = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly log: EventLogger;

  private constructor(private readonly options: UdevUsbKeysOptions) {
    this.log = options.logger ?? silentLogger;
  }

  static async start(options: UdevUsbKeysOptions = {}): Promise<UdevUsbKeys> {
    const service = new UdevUsbKeys(options);
    await service.startMonitor();
    return service;
  }

  current(): UsbKeyStatus {
    return this.status;
  }

  onStatus(listener: (status: UsbKeyStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const monitor = this.monitor;
    this.monitor = undefined;
    if (monitor) {
      const exited = new Promise<void>((resolve) => monitor.once('exit', () => resolve()));
      if (monitor.kill('SIGTERM')) await exited;
    }
    this.presented = undefined;
    this.listeners.clear();
  }

  private async startMonitor(): Promise<void> {
    const parser = new UdevMonitorParser();
    const held: UdevEvent[] = [];
    let live = false;
    const monitor = (this.options.spawnMonitor ?? spawnUdevadm)();
    this.monitor = monitor;
    monitor.stdout?.setEncoding('utf8');
    monitor.stdout?.on('data', (chunk: string) => {
      const events = parser.push(chunk);
      if (live) this.applyAll(events);
      else held.push(...events);
    });
    monitor.once('error', (error) => this.log.warn('usb_key.monitor_error', { error: errorCode(error) }));
    monitor.once('exit', (code) => this.monitorExited(monitor, code));
    const initial = await (this.options.enumerate ?? enumerateBlockDevices)();
    this.applyAll([...initial, ...held]);
    live = true;
    this.log.info('usb_key.monitor_started', { devices: initial.length });
  }

  private monitorExited(monitor: MonitorProcess, code: number | null): void {
    if (this.closed || this.monitor !== monitor) return;
    this.monitor = undefined;
    this.log.warn('usb_key.monitor_exited', { code: code ?? undefined });
    this.restartTimer = setTimeout(() => {
      if (!this.closed) void this.startMonitor();
    }, this.options.restartDelayMs ?? 2000);
    this.restartTimer.unref();
  }

  private applyAll(events: readonly UdevEvent[]): void {
    let changed = false;
    for (const event of events) changed = this.tracker.apply(event) || changed;
    if (changed) this.refresh();
  }

  private refresh(): void {
    const disks = this.tracker.list();
    const [only] = disks;
    if (only && disks.length === 1) {
      const same =
        this.presented?.disk.devpath === only.devpath && this.presented.disk.generation === only.generation;
      if (!same) this.present(only);
      return;
    }
    this.dropPresented();
    this.publish(disks.length === 0 ? { status: 'no_key' } : { status: 'several_keys' });
  }

  private present(disk: UsbDisk): void {
    this.dropPresented();
    let size: number;
    try {
      size = (this.options.mediumBytes ?? deviceMediumBytes)(disk.devname);
    } catch (error) {
      this.log.warn('usb_key.open_failed', { device: disk.devname, kind: errorCode(error) });
      this.publish({ status: 'key_error', reason: 'unreadable_device' });
      return;
    }
    if (size === 0) {
      // A card reader with no card: a USB disk without a medium.
      this.publish({ status: 'no_key' });
      return;
    }
    this.presented = { disk };
    const keyId = randomUUID();
    this.log.info('usb_key.device_opened', {
      device: disk.devname,
      partitions: disk.partitions.length,
      table: disk.partitionTable ?? 'none',
    });
    const device: KeyDevice = this.options.describe?.(disk.devname) ?? { kind: 'device', path: disk.devname };
    this.publish({ status: 'key_present', keyId, device });
  }

  private dropPresented(): void {
    this.presented = undefined;
  }

  private publish(next: UsbKeyStatus): void {
    const prev = this.status;
    const same = prev.status === next.status && (prev.status !== 'key_present' || prev === next);
    if (same && next.status !== 'key_error') return;
    this.status = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}
