/**
 * The kiosk's static start and out-of-service page (HZ-11), opened from file:// as kiosk-browser
 * does at every start: it says the kiosk is starting, switches to the kiosk page as soon as the
 * server answers, and after `?after=` seconds without an answer says what to do, in French then
 * English. Its `?target=` is honoured for loopback only.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, snap } from './support/axe.ts';
import { freePort } from './support/kiosk-server.ts';
import { REPO } from './support/paths.ts';

const PAGE = pathToFileURL(path.join(REPO, 'image/rootfs/usr/local/share/baladeur/out-of-service.html')).href;
const DEFAULT_TARGET = 'http://127.0.0.1:8080/';

/** A stand-in for the kiosk server: `/healthz` answers 200, `/` a recognisable page. */
async function startFakeKiosk(port: number): Promise<Server> {
  const server = createHttpServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('{"status":"ok"}');
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="en"><title>Fake kiosk</title><h1>Fake kiosk page</h1></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Resolves once the page's poll of `url` has failed (the connection was refused). */
function pollFailed(page: Page, url: string): Promise<unknown> {
  return page.waitForEvent('requestfailed', { predicate: (r) => r.url() === url, timeout: 10_000 });
}

test('HZ-11 with no server the page says what to do (FR then EN), then opens the kiosk once the server answers', async ({
  page,
}) => {
  const port = await freePort();
  const target = `http://127.0.0.1:${port}/`;
  let server: Server | undefined;
  try {
    const failed = pollFailed(page, `${target}healthz`);
    await page.goto(`${PAGE}?target=${encodeURIComponent(target)}&after=3`);

    // First, while the server may still be starting: no alarm, only "starting".
    await expect(page.getByRole('status')).toContainText('Démarrage de la borne…');
    await expect(page.getByRole('status')).toContainText('Kiosk starting…');
    await expect(page.getByText('Borne momentanément indisponible')).toBeHidden();
    await expectAccessible(page, 'starting');
    await snap(page, 'kiosk-starting');

    // Then, with no answer for `after` seconds, what to do.
    const fr = page.locator('section[lang="fr"]:visible');
    const en = page.locator('section[lang="en"]:visible');
    await expect(fr.getByRole('heading', { name: 'Borne momentanément indisponible' })).toBeVisible();
    await expect(page.getByText('Démarrage de la borne…')).toBeHidden();
    await expect(fr.getByText('Utilisez la procédure papier', { exact: false })).toBeVisible();
    await expect(fr.getByText('Appelez le support technique.')).toBeVisible();
    await expect(fr.getByText('La borne redémarre son service et reviendra d’elle-même.')).toBeVisible();
    await expect(en.getByRole('heading', { name: 'Kiosk temporarily unavailable' })).toBeVisible();
    await expect(en.getByText('Use the paper procedure', { exact: false })).toBeVisible();
    await expect(en.getByText('Call technical support.')).toBeVisible();
    await expectAccessible(page, 'out of service');
    await snap(page, 'out-of-service');

    // A refused poll leaves the message up.
    await failed;
    expect(page.url().startsWith(PAGE)).toBe(true);

    server = await startFakeKiosk(port);
    await expect(page).toHaveURL(target, { timeout: 10_000 });
    await expect(page.getByRole('heading', { name: 'Fake kiosk page' })).toBeVisible();
  } finally {
    await stop(server);
  }
});

test('HZ-11 a target that is not a loopback http origin is ignored: the page polls the default kiosk', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  // Whatever may listen on 8080 on this machine, the default target is refused here, so the page stays.
  await page.route(`${DEFAULT_TARGET}**`, (route) => route.abort('connectionrefused'));
  await page.route('http://evil.example/**', (route) => route.abort('connectionrefused'));
  await page.route('http://127.0.0.1.evil.example:8080/**', (route) => route.abort('connectionrefused'));

  for (const evil of ['http://evil.example/', 'http://127.0.0.1.evil.example:8080/']) {
    const failed = pollFailed(page, `${DEFAULT_TARGET}healthz`);
    await page.goto(`${PAGE}?target=${encodeURIComponent(evil)}&after=0`);
    await failed;
    await expect(page.getByRole('heading', { name: 'Borne momentanément indisponible' })).toBeVisible();
    expect(page.url().startsWith(PAGE)).toBe(true);
  }
  expect(requested.filter((url) => !url.startsWith('file:') && url.includes('evil.example'))).toEqual([]);
  expect(requested).toContain(`${DEFAULT_TARGET}healthz`);
});

test('HZ-11 with the server up, the start page opens the kiosk page at once', async ({ page }) => {
  const port = await freePort();
  const target = `http://127.0.0.1:${port}/`;
  const server = await startFakeKiosk(port);
  try {
    // The default `after` (60 s) is far off: the switch comes from the first poll, not a timer.
    await page.goto(`${PAGE}?target=${encodeURIComponent(target)}`);
    await expect(page).toHaveURL(target, { timeout: 5_000 });
    await expect(page.getByRole('heading', { name: 'Fake kiosk page' })).toBeVisible();
  } finally {
    await stop(server);
  }
});
