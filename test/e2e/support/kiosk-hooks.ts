/**
 * The hooks every kiosk spec needs: one real server for the file (started before its first test,
 * disposed after its last), a dock on it, and the server's output attached to any failed test.
 */
import { test } from '@playwright/test';
import { Dock } from './dock.ts';
import { startKioskServer, type KioskServer, type KioskServerOptions } from './kiosk-server.ts';

export interface KioskUnderTest {
  readonly server: KioskServer;
  readonly dock: Dock;
}

export function useKioskServer(options: KioskServerOptions, startTimeoutMs = 180_000): KioskUnderTest {
  let server: KioskServer | undefined;
  let dock: Dock | undefined;
  test.beforeAll(async () => {
    test.setTimeout(startTimeoutMs);
    server = await startKioskServer(options);
    dock = new Dock(server.url);
  });
  test.afterAll(async () => {
    await server?.dispose();
  });
  test.afterEach(async ({ page: _page }, testInfo) => {
    if (server && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server-output', {
        body: server.logs().slice(-20_000),
        contentType: 'text/plain',
      });
    }
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the kiosk server is not started (used outside a test?)');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get dock() {
      return started(dock);
    },
  };
}
