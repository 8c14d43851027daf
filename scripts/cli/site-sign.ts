import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSiteBundle,
  SITE_CRL_MAX_BYTES,
  SITE_CRL_MAX_COUNT,
  SITE_DIR,
  type SiteBundleFile,
} from '../../appliance/common/site-bundle.ts';
import { memorySource } from '../../appliance/record/block-source.ts';
import { createKeyImage, writeKeyFile } from '../../appliance/record/fat/index.ts';
import {
  EXIT,
  fail,
  optionalString,
  requireString,
  type CommandModule,
  type OptionValues,
} from './command.ts';

const HELP = `Usage: baladeur site sign --key <key.pem> --cert <cert.pem> --in <site.json> [--crl <file>]…
                          (--out <dir> | --image <file>)

Signs a site configuration for provisioning kiosks. Writes <dir>/${SITE_DIR}/: site.json and each
CRL byte for byte (crl-1.crl, crl-2.crl, … in the order given), and site.jws, a JWS (RFC 7515,
compact) over the name, size and SHA-256 of each. Copy <dir>/${SITE_DIR} to the root of a FAT
USB stick; the kiosk refuses the folder if any of these files changes, and installs the CRLs with
the site (docs/technician-guide.md, "Signing a site bundle").

Options:
  --key <file>    the provisioning private key, PKCS#8 PEM (P-256, P-384 or RSA)
  --cert <file>   its certificate (PEM), issued by the factory CA for provisioning (keyUsage
                  digitalSignature, extendedKeyUsage documentSigning), then any intermediate CA
  --in <file>     the site file (format "baladeur-site/1"; the kiosk checks the rest)
  --crl <file>    a CRL (PEM or DER) checked at card login; repeat for each authority (≤ ${SITE_CRL_MAX_COUNT})
  --out <dir>     where to write ${SITE_DIR}/ (created; an existing ${SITE_DIR} is replaced)
  --image <file>  instead, a FAT disk image holding ${SITE_DIR}/ (for the dev dock's key slot, or
                  to write to a stick with dd)
  -h, --help      this help

Exit codes: 0 signed; 2 unusable input (unreadable file, not a site file, key and certificate
that do not match).
`;

/** A superfloppy FAT16 image with room for the bundle (at least 8 MiB). */
function bundleImage(files: readonly SiteBundleFile[]): Uint8Array {
  const MiB = 1024 * 1024;
  const total = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  const size = Math.max(8, Math.ceil((total * 1.2) / MiB) + 4) * MiB;
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: size });
  for (const file of files) {
    const written = writeKeyFile(memorySource(image), `${SITE_DIR}/${file.name}`, file.bytes);
    if (!written.ok) fail(EXIT.unusable, `cannot write ${file.name} into the image: ${written.error.code}`);
  }
  return image;
}

function readInput(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    return fail(EXIT.unusable, `${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

function crlFiles(values: OptionValues): string[] {
  const raw = (values as Record<string, unknown>).crl;
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
}

function checkSite(bytes: Uint8Array, file: string): void {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    fail(EXIT.unusable, `${file}: not UTF-8 JSON`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== 'baladeur-site/1')
    fail(EXIT.unusable, `${file}: not a site file (format "baladeur-site/1")`);
}

function checkCrl(bytes: Uint8Array, file: string): void {
  if (bytes.byteLength > SITE_CRL_MAX_BYTES)
    fail(EXIT.unusable, `${file}: larger than the kiosk accepts (8 MiB)`);
  const pem = Buffer.from(bytes).toString('latin1').includes('-----BEGIN X509 CRL-----');
  // DER: a SEQUENCE (0x30) with a long-form length, as every CRL of some size.
  if (!pem && bytes[0] !== 0x30) fail(EXIT.unusable, `${file}: not a PEM or DER CRL`);
}

export const siteSign: CommandModule = {
  help: HELP,
  options: {
    key: { type: 'string' },
    cert: { type: 'string' },
    in: { type: 'string' },
    crl: { type: 'string', multiple: true },
    out: { type: 'string' },
    image: { type: 'string' },
  },
  async run(values, io) {
    const inFile = requireString(values, 'in');
    const keyFile = requireString(values, 'key');
    const certFile = requireString(values, 'cert');
    const out = optionalString(values, 'out');
    const imageFile = optionalString(values, 'image');
    if ((out === undefined) === (imageFile === undefined))
      fail(EXIT.unusable, 'give --out <dir> or --image <file>');
    const site = readInput(inFile, 'site file');
    checkSite(site, inFile);
    const crlPaths = crlFiles(values);
    if (crlPaths.length > SITE_CRL_MAX_COUNT) fail(EXIT.unusable, `at most ${SITE_CRL_MAX_COUNT} CRLs`);
    const crls = crlPaths.map((file) => {
      const bytes = readInput(file, 'CRL');
      checkCrl(bytes, file);
      return bytes;
    });
    const keyPem = Buffer.from(readInput(keyFile, 'key')).toString('utf8');
    const certificatesPem = Buffer.from(readInput(certFile, 'certificate')).toString('utf8');
    let files;
    try {
      files = await buildSiteBundle({ site, crls, keyPem, certificatesPem, now: new Date() });
    } catch (error) {
      return fail(
        EXIT.unusable,
        `cannot sign: ${error instanceof Error ? error.message : 'bad key or certificate'}`,
      );
    }
    if (imageFile !== undefined) {
      writeFileSync(imageFile, bundleImage(files));
      io.stdout(`${imageFile}\n`);
      return EXIT.ok;
    }
    if (out === undefined) return fail(EXIT.unusable, 'give --out <dir> or --image <file>');
    // Written beside, then renamed into place: a half-written folder never looks like a bundle.
    const target = path.join(out, SITE_DIR);
    const staging = path.join(out, `.${SITE_DIR}.${process.pid}.tmp`);
    mkdirSync(staging, { recursive: true });
    for (const file of files) writeFileSync(path.join(staging, file.name), file.bytes);
    const previous = path.join(out, `.${SITE_DIR}.${process.pid}.old`);
    if (existsSync(target)) renameSync(target, previous);
    renameSync(staging, target);
    rmSync(previous, { recursive: true, force: true });
    io.stdout(`${files.map((f) => path.join(target, f.name)).join('\n')}\n`);
    return EXIT.ok;
  },
};
