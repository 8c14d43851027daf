/** The udev hotplug path fed with recorded `udevadm monitor --property` output (no USB bus here). */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../../appliance/record/block-source.ts';
import { SimulatedUsbKeys } from '../../../appliance/dev/simulated-usb-keys.ts';
import type { UsbKeyStatus } from '../../../appliance/drivers/usb-key/types.ts';
import { openKey } from '../../../appliance/drivers/usb-key/key-device.ts';
import { UdevMonitorParser, parseProperties } from '../../../appliance/drivers/usb-key/udev-parser.ts';
import { UdevUsbKeys, type MonitorProcess } from '../../../appliance/drivers/usb-key/udev-usb-keys.ts';
import { createKeyImage, readKeyFile, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';

const recorded = fs.readFileSync(new URL('./fixtures/udev-monitor.txt', import.meta.url), 'utf8');
const blocks = recorded.split(/\n(?=UDEV {2}\[)/).slice(1);

class FakeMonitor extends EventEmitter implements MonitorProcess {
  readonly stdout = new PassThrough();
  killed = false;
  kill(): boolean {
    this.killed = true;
    setImmediate(() => this.emit('exit', null));
    return true;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('udevadm monitor parser', () => {
  it('parses the recorded session into events, whatever the chunking', () => {
    const whole = new UdevMonitorParser().push(recorded);
    const parser = new UdevMonitorParser();
    const chunked = [];
    for (let i = 0; i < recorded.length; i += 7) chunked.push(...parser.push(recorded.slice(i, i + 7)));
    expect(chunked).toEqual(whole);
    expect(whole.map((e) => `${e.action} ${e.properties.DEVNAME}`)).toEqual([
      'add /dev/sda',
      'add /dev/sdb',
      'add /dev/sdb1',
      'remove /dev/sdb1',
      'remove /dev/sdb',
      'add /dev/sdc',
      'add /dev/sdd',
      'add /dev/sdd1',
      'remove /dev/sdd1',
      'remove /dev/sdd',
    ]);
    expect(whole[1]?.properties.ID_USB_DRIVER).toBe('usb-storage');
    expect(whole[1]?.properties.ID_VENDOR_ENC).toBe('SanDisk\\x20');
  });

  it('parses udevadm info property output', () => {
    expect(parseProperties('DEVNAME=/dev/sdb\nID_BUS=usb\nnot a property\n')).toEqual({
      DEVNAME: '/dev/sdb',
      ID_BUS: 'usb',
    });
  });
});

describe('UdevUsbKeys driven by recorded events', () => {
  it('ignores the SATA disk, presents one key at a time, several_keys for two, new id on re-present', async () => {
    const monitor = new FakeMonitor();
    const opened: string[] = [];
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 4 << 20 });
    const service = await UdevUsbKeys.start({
      spawnMonitor: () => monitor,
      enumerate: async () => [],
      mediumBytes: (devname) => {
        opened.push(devname);
        return image.byteLength;
      },
    });
    const statuses: UsbKeyStatus[] = [];
    service.onStatus((s) => statuses.push(s));
    const feed = async (i: number): Promise<void> => {
      monitor.stdout.write(`${blocks[i]}\n`);
      await tick();
    };
    await feed(0);
    expect(service.current().status).toBe('no_key');
    await feed(1);
    await feed(2);
    const first = service.current();
    expect(first.status).toBe('key_present');
    await feed(3);
    await feed(4);
    expect(service.current().status).toBe('no_key');
    await feed(5);
    const second = service.current();
    expect(
      second.status === 'key_present' && first.status === 'key_present' && second.keyId !== first.keyId,
    ).toBe(true);
    await feed(6);
    expect(service.current().status).toBe('several_keys');
    await feed(7);
    await feed(8);
    await feed(9);
    const third = service.current();
    expect(third.status).toBe('key_present');
    expect(
      third.status === 'key_present' && second.status === 'key_present' && third.keyId !== second.keyId,
    ).toBe(true);
    expect(opened).toEqual(['/dev/sdb', '/dev/sdc', '/dev/sdc']);
    expect(statuses.map((s) => s.status)).toEqual([
      'key_present',
      'no_key',
      'key_present',
      'several_keys',
      'key_present',
    ]);
    await service.close();
    expect(monitor.killed).toBe(true);
  });

  it('keys present at start come from the enumeration; events during start-up are not lost', async () => {
    const monitor = new FakeMonitor();
    const events = new UdevMonitorParser().push(recorded);
    const service = await UdevUsbKeys.start({
      spawnMonitor: () => monitor,
      enumerate: async () => {
        monitor.stdout.write(`${blocks[6]}\n`); // a second key arrives while enumerating
        await tick();
        return [events[0]!, events[5]!];
      },
      mediumBytes: () => 1 << 20,
    });
    expect(service.current().status).toBe('several_keys');
    await service.close();
  });

  it('a device that cannot be opened → key_error; a reader without a medium → no_key', async () => {
    const monitor = new FakeMonitor();
    const service = await UdevUsbKeys.start({
      spawnMonitor: () => monitor,
      enumerate: async () => [],
      mediumBytes: (devname) => {
        if (devname === '/dev/sdb') throw new Error('ENOENT');
        return 0;
      },
    });
    monitor.stdout.write(`${blocks[1]}\n`);
    await tick();
    expect(service.current()).toEqual({ status: 'key_error', reason: 'unreadable_device' });
    monitor.stdout.write(`${blocks[3]}\n${blocks[4]}\n${blocks[5]}\n`);
    await tick();
    expect(service.current().status).toBe('no_key');
    await service.close();
  });
});

describe('SimulatedUsbKeys', () => {
  it('HZ-01 insert, second key, pull mid-read; each insertion gets a new key id', async () => {
    const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 4 << 20 });
    writeKeyFile(memorySource(image), RECORD_PATH, new Uint8Array(5000).fill(0x20));
    const keys = new SimulatedUsbKeys();
    const seen: string[] = [];
    keys.onStatus((s) => seen.push(s.status));
    const a = keys.insert(image, { readOnly: true });
    const status = keys.current();
    expect(status.status === 'key_present' && status.keyId).toBe(a);
    if (status.status !== 'key_present') return;
    const source = openKey(status.device);
    expect(readKeyFile(source, RECORD_PATH, { maxBytes: 10_000 }).ok).toBe(true);
    const w = writeKeyFile(source, RECORD_PATH, new Uint8Array(1));
    expect(!w.ok && w.error.code).toBe('read_only');
    keys.insert(image);
    expect(keys.current().status).toBe('several_keys');
    keys.remove();
    const back = keys.current();
    expect(back.status === 'key_present' && back.keyId).toBe(a);
    keys.remove();
    const pulled = readKeyFile(source, RECORD_PATH, { maxBytes: 10_000 });
    expect(!pulled.ok && pulled.error.code).toBe('removed');
    expect(seen).toEqual(['key_present', 'several_keys', 'key_present', 'no_key']);
    const b = keys.insert(image, { failReadAtByte: 0 });
    expect(b).not.toBe(a);
    const cur = keys.current();
    const failed =
      cur.status === 'key_present'
        ? readKeyFile(openKey(cur.device), RECORD_PATH, { maxBytes: 10_000 })
        : undefined;
    expect(failed && !failed.ok && failed.error.code).toBe('removed');
    await keys.close();
    expect(keys.current().status).toBe('no_key');
  });
});
