/**
 * Issue 16, *Nouveau dossier* over socket.io with the dev dock: a doctor inserts an exFAT stick
 * made by mkfs.exfat. The kiosk does not format sticks, so it says the stick is not FAT and offers
 * no new record (before: offered, then `write_failed` after the card had signed); a FAT stick
 * holding photos is offered one.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankImage, mcopy, mkfat, sh, workdir } from '../usb-key/images.ts';
import { connect, dock, send, startTestKiosk, viewWhere, type Client, type TestKiosk } from './harness.ts';

let t: TestKiosk;
let socket: Client;
const wd = workdir();

beforeAll(async () => {
  t = await startTestKiosk();
  socket = await connect(t.base, { secret: t.kiosk.secret });
});
afterAll(async () => {
  socket?.close();
  await t?.close();
  wd.cleanup();
});

describe('a stick the kiosk cannot write', () => {
  it('HZ-22 exFAT stick with a doctor card: "not FAT", no Nouveau dossier; a FAT stick with photos: offered, unless write-protected', async () => {
    const exfat = wd.file('exfat.img');
    blankImage(exfat, 24);
    sh('mkfs.exfat', [exfat]);
    const photos = wd.file('photos.img');
    blankImage(photos, 24);
    mkfat(photos, { fat: 16 });
    const photo = wd.file('photo.jpg');
    writeFileSync(photo, new Uint8Array(3000).fill(0xd8));
    mcopy(photos, photo, 'PHOTO.JPG');

    await dock(t.base, 'card/insert', { profile: 'doctor' });
    await viewWhere(socket, (v) => v.card.status === 'pin_entry');
    await send(socket, { type: 'pin.submit', pin: '101010' });
    await viewWhere(socket, (v) => v.card.status === 'authenticated');

    await dock(t.base, 'usb-key/insert', { image: exfat });
    const refused = await viewWhere(socket, (v) => v.key.status === 'error', 60_000);
    expect(refused.key).toEqual({ status: 'error', reason: 'not_fat' });
    expect(refused.authoringOffer).toBeUndefined();
    expect(await send(socket, { type: 'authoring.new' })).not.toEqual({ ok: true });
    await dock(t.base, 'usb-key/remove');
    await viewWhere(socket, (v) => v.key.status === 'absent');

    await dock(t.base, 'usb-key/insert', { image: photos });
    const offered = await viewWhere(socket, (v) => v.key.status === 'error', 60_000);
    expect(offered.key).toEqual({ status: 'error', reason: 'not_a_baladeur_key' });
    expect(offered.authoringOffer).toBe('new');
    await dock(t.base, 'usb-key/remove');
    await viewWhere(socket, (v) => v.key.status === 'absent');

    await dock(t.base, 'usb-key/insert', { image: photos, readOnly: true });
    const locked = await viewWhere(socket, (v) => v.key.status === 'error', 60_000);
    expect(locked.key).toEqual({ status: 'error', reason: 'write_protected' });
    expect(locked.authoringOffer).toBeUndefined();
  }, 180_000);
});
