import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQRImport from 'jsqr';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  parseReleaseFile,
  readGitCommit,
  readSoftwareVersion,
  versionQrSvg,
  versionQrText,
} from './release.ts';

// jsqr is CommonJS: its function is the module itself or its `default`, depending on the loader.
const jsQR = ((jsQRImport as unknown as { default?: unknown }).default ??
  jsQRImport) as typeof jsQRImport.default;
const SHA = 'ab'.repeat(32);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-release-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('software version', () => {
  it('parses the release file, dropping malformed values', () => {
    const parsed = parseReleaseFile(
      `# written by image/build.sh\nVERSION=0.3.0\nIMAGE_SHA256="${SHA}"\nBUILD_EPOCH=1764288000\nGIT_COMMIT=zzz\n`,
    );
    expect(parsed).toEqual({ version: '0.3.0', imageSha256: SHA, buildEpoch: 1764288000 });
    expect(parseReleaseFile('VERSION=$(rm -rf /)\nIMAGE_SHA256=short')).toEqual({});
  });

  it('says whether the image is a development build (issue 20: shown on the technician screen)', () => {
    const image = `VERSION=0.3.0\nIMAGE_SHA256=${SHA}\n`;
    expect(parseReleaseFile(`${image}BUILD=development\nFACTORY_CA=development\n`).build).toBe('development');
    expect(parseReleaseFile(`${image}BUILD=production\nFACTORY_CA=site\n`).build).toBe('production');
    // Trusting the development CA makes it a development build, whatever BUILD says.
    expect(parseReleaseFile(`${image}BUILD=production\nFACTORY_CA=development\n`).build).toBe('development');
    // Images built before BUILD= existed: FACTORY_CA=development alone.
    expect(parseReleaseFile(`${image}FACTORY_CA=development\n`).build).toBe('development');
    expect(parseReleaseFile(`${image}FACTORY_CA=site\n`).build).toBeUndefined();
    expect(parseReleaseFile(`${image}BUILD=whatever\n`).build).toBeUndefined();
    const release = path.join(dir, 'baladeur-release');
    writeFileSync(release, `${image}BUILD=development\nFACTORY_CA=development\n`);
    expect(readSoftwareVersion({ releaseFile: release, env: {} })).toMatchObject({
      build: 'development',
      source: 'release_file',
    });
  });

  it('prefers the release file, falls back to package.json and the checkout commit', () => {
    const release = path.join(dir, 'baladeur-release');
    const pkg = path.join(dir, 'package.json');
    writeFileSync(pkg, JSON.stringify({ version: '0.1.0' }));
    mkdirSync(path.join(dir, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(dir, '.git', 'refs', 'heads', 'main'), 'c'.repeat(40) + '\n');
    expect(readGitCommit(dir)).toBe('c'.repeat(40));
    const dev = readSoftwareVersion({ releaseFile: release, packageJson: pkg, repoRoot: dir, env: {} });
    expect(dev).toEqual({ version: '0.1.0', gitCommit: 'c'.repeat(40), source: 'package_json' });
    writeFileSync(release, `VERSION=0.2.0\nIMAGE_SHA256=${SHA}\nBUILD_EPOCH=5\n`);
    const image = readSoftwareVersion({
      releaseFile: release,
      packageJson: pkg,
      env: { BALADEUR_GIT_COMMIT: 'd'.repeat(40) },
    });
    expect(image).toEqual({
      version: '0.2.0',
      imageSha256: SHA,
      buildEpoch: 5,
      gitCommit: 'd'.repeat(40),
      source: 'release_file',
    });
    expect(readSoftwareVersion({ releaseFile: path.join(dir, 'none'), env: {} })).toEqual({
      version: 'unknown',
      source: 'unknown',
    });
  });

  it('the QR code SVG decodes back to baladeur:<version>:<image hash>', async () => {
    const version = { version: '0.2.0', imageSha256: SHA, source: 'release_file' } as const;
    const svg = await versionQrSvg(version);
    expect(svg.startsWith('<svg')).toBe(true);
    const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
      .flatten({ background: '#ffffff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = jsQR(
      new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
      info.width,
      info.height,
    );
    expect(decoded?.data).toBe(`baladeur:0.2.0:${SHA}`);
    expect(versionQrText({ version: '0.1.0', source: 'package_json' })).toBe('baladeur:0.1.0:none');
  });
});
