import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startTestKiosk, type TestKiosk } from './harness.ts';

let sim: TestKiosk;
let prod: TestKiosk;

beforeAll(async () => {
  [sim, prod] = await Promise.all([startTestKiosk(), startTestKiosk({ simulated: false })]);
});
afterAll(async () => {
  await Promise.all([sim?.close(), prod?.close()]);
});

/** A raw request so that the Host header can be forged (fetch forbids it). */
function raw(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('server security', () => {
  it('binds 127.0.0.1 only', () => {
    const address = sim.kiosk.server.http.address();
    expect(address).toMatchObject({ address: '127.0.0.1' });
  });

  it('HZ-12 serves the page with strict security headers and no CORS', async () => {
    const res = await raw(sim.kiosk.port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('hands the per-boot secret to the page in index.html when the UI is built', async () => {
    const res = await raw(sim.kiosk.port, '/');
    if (res.body.includes('baladeur-secret')) {
      expect(res.body).toContain(`content="${sim.kiosk.secret}"`);
      expect(res.body).not.toContain('%BALADEUR_SECRET%');
    }
    expect(sim.kiosk.secret).not.toBe(prod.kiosk.secret);
  });

  it('refuses a foreign Host header (DNS rebinding) with 421', async () => {
    for (const host of ['evil.example:' + sim.kiosk.port, '127.0.0.1:1', 'localhost']) {
      expect((await raw(sim.kiosk.port, '/', { host })).status).toBe(421);
    }
    expect((await raw(sim.kiosk.port, '/dev/state', { host: 'rebind.example' })).status).toBe(421);
    expect((await raw(sim.kiosk.port, '/', { host: `localhost:${sim.kiosk.port}` })).status).toBe(200);
  });

  it('refuses a request from a foreign Origin', async () => {
    expect((await raw(sim.kiosk.port, '/', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses /api without the secret, accepts it with', async () => {
    expect((await raw(sim.kiosk.port, '/api/session')).status).toBe(403);
    expect((await raw(sim.kiosk.port, '/api/session', { 'x-baladeur-secret': 'wrong' })).status).toBe(403);
    const good = await raw(sim.kiosk.port, '/api/session', { 'x-baladeur-secret': sim.kiosk.secret });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ card: { status: 'absent' } });
  });

  it('refuses a socket without the secret or with a wrong one', async () => {
    await expect(connect(sim.base, {})).rejects.toThrow();
    await expect(connect(sim.base, { secret: 'nope' })).rejects.toThrow();
  });

  it('refuses a socket from a foreign Origin even with the secret', async () => {
    await expect(
      connect(sim.base, { secret: sim.kiosk.secret }, { origin: 'http://evil.example' }),
    ).rejects.toThrow();
    const ok = await connect(
      sim.base,
      { secret: sim.kiosk.secret },
      { origin: `http://127.0.0.1:${sim.kiosk.port}` },
    );
    ok.close();
  });

  it('the dev dock is absent in production mode (404)', async () => {
    for (const route of ['/dev/state', '/dev/printer/last']) {
      expect((await raw(prod.kiosk.port, route)).status).toBe(404);
    }
    for (const route of ['/dev/card/insert', '/dev/usb-key/insert', '/dev/usb-key/remove']) {
      expect((await raw(prod.kiosk.port, route, { 'content-type': 'application/json' }, 'POST')).status).toBe(
        404,
      );
    }
    expect((await raw(sim.kiosk.port, '/dev/state')).status).toBe(200);
  });

  it('production mode reports the devices it has, simulated mode says so', async () => {
    const res = await raw(prod.kiosk.port, '/api/session', { 'x-baladeur-secret': prod.kiosk.secret });
    expect(JSON.parse(res.body)).toMatchObject({ mode: 'production' });
  });

  it('HZ-11 production mode without a usable reader, udev or printer starts and says so in its statuses', async () => {
    const res = await raw(prod.kiosk.port, '/api/session', { 'x-baladeur-secret': prod.kiosk.secret });
    const view = JSON.parse(res.body) as { devices: Record<string, string>; card: { status: string } };
    // This machine has no udevadm; the test config's reader pattern matches no reader.
    expect(['service_unavailable', 'no_reader']).toContain(view.devices.reader);
    expect(view.devices.usbKey).toBe(
      existsSync('/usr/bin/udevadm') || existsSync('/bin/udevadm') ? 'none' : 'error',
    );
    // A "simulated" printer in a production config is no printer: there are no simulators in production.
    expect(view.devices.printer).toBe('not_configured');
  });

  it('GET /healthz answers {status: "ok", provisioned, pages} without the secret and nothing else; the Host allowlist still applies', async () => {
    for (const kiosk of [sim, prod]) {
      const res = await raw(kiosk.kiosk.port, '/healthz');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ status: 'ok', provisioned: true, pages: 0 });
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await raw(kiosk.kiosk.port, '/healthz', { host: 'evil.example' })).status).toBe(421);
    }
  });

  it('HZ-11 /healthz counts the kiosk pages connected with the secret, for the page watchdog', async () => {
    const pages = async () =>
      (JSON.parse((await raw(sim.kiosk.port, '/healthz')).body) as { pages: number }).pages;
    expect(await pages()).toBe(0);
    await expect(connect(sim.base, { secret: 'nope' })).rejects.toThrow();
    expect(await pages()).toBe(0);
    const page = await connect(sim.base, { secret: sim.kiosk.secret });
    expect(await pages()).toBe(1);
    page.close();
    await expect.poll(pages).toBe(0);
  });
});
