/**
 * The out-of-service page and the kiosk browser's start-up script (HZ-11): what the browser opens
 * when the server answers and when it does not, and what the static page says. Split from
 * image-policy.test.ts (one concern per file).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const rootfs = join(import.meta.dirname, 'rootfs');
const file = (path: string) => readFileSync(join(rootfs, path), 'utf8');

describe('out-of-service page (HZ-11)', () => {
  const PAGE = 'usr/local/share/baladeur/out-of-service.html';
  const PAGE_URL = `file:///${PAGE}`;

  /** Runs the real kiosk-browser with wait-server, Chromium and the page watchdog replaced by stubs. */
  function runKioskBrowser(serverAnswers: boolean): {
    waitArgs: string[];
    chromiumArgs: string[];
    watchdogArgs: string[];
  } {
    const dir = mkdtempSync(join(tmpdir(), 'baladeur-kiosk-browser-'));
    try {
      const stub = (name: string, body: string) => {
        writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
        chmodSync(join(dir, name), 0o755);
        return join(dir, name);
      };
      const wait = stub(
        'wait-server',
        `printf '%s\\n' "$@" > "${dir}/wait.args"; exit ${serverAnswers ? 0 : 1}`,
      );
      // The browser stub stays up until the watchdog stub has started (both run in the background).
      const chromium = stub(
        'chromium',
        `printf '%s\\n' "$@" > "${dir}/chromium.args"; i=0; until [ -s "${dir}/watchdog.args" ] || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done`,
      );
      const watchdog = stub('page-watchdog', `printf '%s\\n' "$@" > "${dir}/watchdog.args"; exec sleep 30`);
      const original = file('usr/local/lib/baladeur/kiosk-browser');
      // The script must call these exact paths; fail loudly if they moved rather than run the real ones.
      expect(original).toContain('/usr/local/lib/baladeur/wait-server ');
      expect(original).toContain('\n/usr/bin/chromium ');
      expect(original).toContain('\n/usr/local/lib/baladeur/page-watchdog ');
      const script = original
        .replaceAll('/usr/local/lib/baladeur/wait-server', wait)
        .replaceAll('/usr/local/lib/baladeur/page-watchdog', watchdog)
        .replaceAll('/usr/bin/chromium', chromium);
      writeFileSync(join(dir, 'kiosk-browser'), script);
      execFileSync('sh', [join(dir, 'kiosk-browser')], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_RUNTIME_DIR: join(dir, 'run') },
        stdio: 'pipe',
      });
      const lines = (name: string) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);
      return {
        waitArgs: lines('wait.args'),
        chromiumArgs: lines('chromium.args'),
        watchdogArgs: lines('watchdog.args'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('HZ-11 kiosk-browser opens the kiosk page when the server answers within 15 s, with the page watchdog beside it', () => {
    const run = runKioskBrowser(true);
    expect(run.waitArgs).toEqual(['http://127.0.0.1:8080/healthz', '15']);
    expect(run.chromiumArgs).toContain('--kiosk');
    expect(run.chromiumArgs.at(-1)).toBe('http://127.0.0.1:8080/');
    // The page watchdog watches this browser against the server's health (page-watchdog.test.ts).
    expect(run.watchdogArgs).toEqual([expect.stringMatching(/^\d+$/), 'http://127.0.0.1:8080/healthz']);
  });

  it('HZ-11 kiosk-browser opens the static start page when the server does not answer in time', () => {
    const run = runKioskBrowser(false);
    expect(run.chromiumArgs).toContain('--kiosk');
    expect(run.chromiumArgs.at(-1)).toBe(PAGE_URL);
    expect(run.watchdogArgs).toEqual([expect.stringMatching(/^\d+$/), 'http://127.0.0.1:8080/healthz']);
  });

  it('HZ-11 the browser policy allows exactly the kiosk origins and the out-of-service page', () => {
    // Chromium's URL filter format (https://www.chromium.org/administrators/url-blocklist-filter-format)
    // lists `file` among the filterable schemes; Chromium's url_matcher FilterToComponents
    // (components/url_matcher/url_util.cc) turns a `file://` filter into scheme file, empty host and
    // the file's path as a path prefix, so this exact entry outranks the `*` blocklist (longer
    // path) for that one file, query string included, and for no other file.
    const policy = JSON.parse(file('etc/chromium/policies/managed/baladeur.json')) as Record<string, unknown>;
    expect(policy.URLBlocklist).toEqual(['*']);
    const allow = policy.URLAllowlist as string[];
    expect(allow.filter((u) => !/^(http|ws):\/\/127\.0\.0\.1:8080$/.test(u))).toEqual([PAGE_URL]);
    expect(existsSync(join(rootfs, PAGE))).toBe(true);
    // The URL kiosk-browser falls back to is the allow-listed one.
    expect(file('usr/local/lib/baladeur/kiosk-browser')).toContain(`url="${PAGE_URL}"`);
  });

  it('HZ-11 the page is self-contained and says, in French then English, what to do', () => {
    const html = file(PAGE);
    const fr = html.indexOf('Borne momentanément indisponible');
    const en = html.indexOf('Kiosk temporarily unavailable');
    expect(fr).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(fr);
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toMatch(/<section lang="fr"/);
    expect(html).toMatch(/<section lang="en"/);
    for (const text of [
      'procédure papier',
      'carnet de santé',
      'DMP',
      'Appelez le support technique.',
      'La borne redémarre son service et reviendra d’elle-même.',
      'Use the paper procedure',
      'Call technical support.',
    ])
      expect(html).toContain(text);
    // Nothing loaded from elsewhere: no src/href attributes, a CSP that forbids everything but
    // inline code and fetches to the loopback server, and no other http URL in the page.
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).toMatch(/content="default-src 'none'; [^"]*connect-src http:\/\/127\.0\.0\.1:\*;/);
    for (const [url] of html.matchAll(/\w+:\/\/[^\s'"\\;]+/g)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
