/**
 * Which USB disks are present, from udev events (pure state, no I/O). Partitions are joined to
 * their disk by device path; the kiosk always reads the whole disk and finds the partition that
 * holds the container itself (appliance/record/fat), so partitions are tracked for logs only.
 */
import type { UdevEvent } from './udev-parser.ts';

export interface UsbDisk {
  readonly devpath: string;
  readonly devname: string;
  readonly partitions: readonly string[];
  /** udev's guess of the disk's content, for logs ("dos", "gpt", "vfat", …). */
  readonly partitionTable?: string;
  readonly fsType?: string;
  /** Changes when the medium changes (card reader) so a new key is reported. */
  readonly generation: number;
}

/** A USB mass-storage block device that could be a key (not an optical drive, not a virtual disk). */
export function isUsbBlock(event: UdevEvent): boolean {
  const p = event.properties;
  if (p.SUBSYSTEM !== undefined && p.SUBSYSTEM !== 'block') return false;
  if (p.DEVTYPE !== 'disk' && p.DEVTYPE !== 'partition') return false;
  if (p.ID_CDROM === '1' || p.ID_TYPE === 'cd') return false;
  const usbPath = /\/usb\d+\//.test(event.devpath);
  return p.ID_BUS === 'usb' || (usbPath && p.ID_BUS === undefined);
}

function parentOf(devpath: string): string {
  return devpath.slice(0, devpath.lastIndexOf('/'));
}

export class UsbDiskTracker {
  private readonly disks = new Map<string, UsbDisk>();
  private generations = 0;

  /** Applies one event; returns true when the set of disks (or a disk's medium) changed. */
  apply(event: UdevEvent): boolean {
    const p = event.properties;
    if (event.action === 'remove') return this.remove(event);
    if (!isUsbBlock(event) || p.DEVNAME === undefined) return false;
    if (
      event.action !== 'add' &&
      event.action !== 'change' &&
      event.action !== 'bind' &&
      event.action !== 'online'
    ) {
      return false;
    }
    if (p.DEVTYPE === 'partition') {
      const disk = this.disks.get(parentOf(event.devpath));
      if (!disk || disk.partitions.includes(p.DEVNAME)) return false;
      this.disks.set(disk.devpath, { ...disk, partitions: [...disk.partitions, p.DEVNAME] });
      return false;
    }
    const known = this.disks.get(event.devpath);
    const mediaChanged = event.action === 'change' && p.DISK_MEDIA_CHANGE === '1';
    const generation = !known || mediaChanged ? (this.generations += 1) : known.generation;
    this.disks.set(event.devpath, {
      devpath: event.devpath,
      devname: p.DEVNAME,
      partitions: known?.partitions ?? [],
      ...(p.ID_PART_TABLE_TYPE === undefined ? {} : { partitionTable: p.ID_PART_TABLE_TYPE }),
      ...(p.ID_FS_TYPE === undefined ? {} : { fsType: p.ID_FS_TYPE }),
      generation,
    });
    return !known || mediaChanged;
  }

  list(): UsbDisk[] {
    return [...this.disks.values()];
  }

  private remove(event: UdevEvent): boolean {
    if (this.disks.delete(event.devpath)) return true;
    const parent = this.disks.get(parentOf(event.devpath));
    const name = event.properties.DEVNAME;
    if (parent && name !== undefined) {
      this.disks.set(parent.devpath, { ...parent, partitions: parent.partitions.filter((n) => n !== name) });
    }
    return false;
  }
}
