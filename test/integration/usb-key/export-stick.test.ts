/**
 * An export stick from the doctor's software (issue 16, item 5), built with the real tools: the
 * document Bundles found at the root and one folder down, and the hostile sticks (no JSON, a
 * 50 MB JSON, a JSON that is not a document Bundle, a folder nested too deep).
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../appliance/drivers/usb-key/block-source.ts';
import { readExportBundle, scanExportStick } from '../../../appliance/record/authoring/export-stick.ts';
import { blankImage, fatStickWithFiles, sh, workdir } from './images.ts';

const wd = workdir();
afterAll(() => wd.cleanup());

const FIXTURE = 'test/fixtures/ips/IPS_IG-bundle-01.json';

function stick(name: string, files: Record<string, string | { bytes: number }>, folders: string[] = []) {
  const image = fatStickWithFiles(wd, name, files, folders);
  return fileSource(image, { readOnly: true });
}

const bundle = fs.readFileSync(FIXTURE, 'utf8');

describe('export stick', () => {
  it('finds the document Bundles at the root and one folder down, not deeper, not other JSON', () => {
    const source = stick(
      'mixed',
      {
        'IPS.JSON': bundle,
        'EXPORT/DUPONT.JSON': bundle,
        'EXPORT/DEEP/HIDDEN.JSON': bundle,
        'NOTES.JSON': JSON.stringify({ resourceType: 'Bundle', type: 'collection' }),
        'PATIENT.JSON': JSON.stringify({ resourceType: 'Patient' }),
        'README.TXT': 'not json',
      },
      ['EXPORT', 'EXPORT/DEEP'],
    );
    const found = scanExportStick(source);
    expect(found.ok && found.value.map((f) => f.path.toUpperCase())).toEqual([
      'IPS.JSON',
      'EXPORT/DUPONT.JSON',
    ]);
    expect(found.ok && found.value[0]?.size).toBe(Buffer.byteLength(bundle));
    const read = readExportBundle(source, 'EXPORT/DUPONT.JSON');
    expect(read.ok && read.value).toEqual(JSON.parse(bundle));
  });

  it('a stick with no JSON, or only JSON that is not a document Bundle: no_bundle', () => {
    expect(scanExportStick(stick('none', { 'PHOTO.JPG': 'x' }))).toEqual({ ok: false, error: 'no_bundle' });
    const notDocument = stick('collection', {
      'A.JSON': JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }),
      'B.JSON': '{ not json',
    });
    expect(scanExportStick(notDocument)).toEqual({ ok: false, error: 'no_bundle' });
  });

  it('a 50 MB JSON is never read: not offered, and refused as too large when asked for by name', () => {
    const source = stick('huge', { 'BIG.JSON': { bytes: 50 * 1024 * 1024 } });
    expect(scanExportStick(source)).toEqual({ ok: false, error: 'no_bundle' });
    expect(readExportBundle(source, 'BIG.JSON')).toEqual({ ok: false, error: 'too_large' });
  });

  it('a document Bundle that fails the record bounds or schema is invalid', () => {
    const broken = JSON.stringify({ resourceType: 'Bundle', type: 'document', entry: [{}] });
    const source = stick('broken', { 'BROKEN.JSON': broken });
    expect(scanExportStick(source).ok).toBe(true);
    expect(readExportBundle(source, 'BROKEN.JSON')).toEqual({ ok: false, error: 'invalid' });
  });

  it('a stick with no FAT volume is unreadable', () => {
    const image = wd.file('raw.img');
    blankImage(image, 8);
    sh('sh', ['-c', `printf 'garbage' | dd of=${image} conv=notrunc status=none`]);
    expect(scanExportStick(fileSource(image, { readOnly: true }))).toEqual({
      ok: false,
      error: 'unreadable',
    });
  });
});
