/**
 * Which software this kiosk runs: the release file written into the image at build time
 * (`/etc/baladeur-release`, `KEY=value` lines: VERSION, IMAGE_SHA256, BUILD_EPOCH, GIT_COMMIT, BUILD,
 * FACTORY_CA), or
 * in development the package.json version and the checkout's commit. Shown on the technician
 * screen as text and as a QR code of `baladeur:<version>:<image hash>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import type { SoftwareVersion } from '../../contract/diagnostics.ts';

export const RELEASE_FILE = '/etc/baladeur-release';

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+~-]{0,39}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{7,40}$/;

/** Parses `KEY=value` lines (optional quotes, `#` comments); unknown or malformed values are dropped. */
export function parseReleaseFile(text: string): Partial<Omit<SoftwareVersion, 'source'>> {
  const values = new Map<string, string>();
  for (const raw of text.split('\n').slice(0, 64)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
      value = value.slice(1, -1);
    }
    values.set(key, value);
  }
  const out: {
    version?: string;
    imageSha256?: string;
    buildEpoch?: number;
    gitCommit?: string;
    build?: 'development' | 'production';
  } = {};
  const version = values.get('VERSION');
  if (version !== undefined && VERSION.test(version)) out.version = version;
  const sha = values.get('IMAGE_SHA256')?.toLowerCase();
  if (sha !== undefined && SHA256.test(sha)) out.imageSha256 = sha;
  const epoch = values.get('BUILD_EPOCH');
  if (epoch !== undefined && /^[0-9]{1,12}$/.test(epoch)) out.buildEpoch = Number(epoch);
  const commit = values.get('GIT_COMMIT')?.toLowerCase();
  if (commit !== undefined && COMMIT.test(commit)) out.gitCommit = commit;
  // An image that trusts the development test CA is a development build, whatever BUILD says.
  const build = values.get('BUILD');
  if (build === 'development' || values.get('FACTORY_CA') === 'development') out.build = 'development';
  else if (build === 'production') out.build = 'production';
  return out;
}

function readSmall(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length <= 64 * 1024 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The commit a development checkout is on (`.git/HEAD`, a loose ref or packed-refs); no `git` process. */
export function readGitCommit(repoRoot: string): string | undefined {
  const gitDir = path.join(repoRoot, '.git');
  const head = readSmall(path.join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  if (COMMIT.test(head)) return head;
  const ref = /^ref: (refs\/[A-Za-z0-9._/-]+)$/.exec(head)?.[1];
  if (ref === undefined || ref.includes('..')) return undefined;
  const loose = readSmall(path.join(gitDir, ref))?.trim();
  if (loose !== undefined && COMMIT.test(loose)) return loose;
  const packed = readSmall(path.join(gitDir, 'packed-refs'));
  const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
  const sha = line?.split(' ')[0];
  return sha !== undefined && COMMIT.test(sha) ? sha : undefined;
}

export interface VersionSources {
  readonly releaseFile?: string;
  readonly packageJson?: string;
  readonly repoRoot?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Reads the version once (small files only; call it at start-up or when the technician asks). */
export function readSoftwareVersion(sources: VersionSources = {}): SoftwareVersion {
  const env = sources.env ?? process.env;
  const envCommit = env.BALADEUR_GIT_COMMIT?.toLowerCase();
  const commitFromEnv = envCommit !== undefined && COMMIT.test(envCommit) ? envCommit : undefined;
  const release = readSmall(sources.releaseFile ?? RELEASE_FILE);
  if (release !== undefined) {
    const parsed = parseReleaseFile(release);
    if (parsed.version !== undefined) {
      const gitCommit = parsed.gitCommit ?? commitFromEnv;
      return {
        ...parsed,
        version: parsed.version,
        ...(gitCommit ? { gitCommit } : {}),
        source: 'release_file',
      };
    }
  }
  const pkgText = sources.packageJson === undefined ? undefined : readSmall(sources.packageJson);
  let version: string | undefined;
  try {
    const pkg = pkgText === undefined ? undefined : (JSON.parse(pkgText) as { version?: unknown });
    if (typeof pkg?.version === 'string' && VERSION.test(pkg.version)) version = pkg.version;
  } catch {
    version = undefined;
  }
  const gitCommit = commitFromEnv ?? (sources.repoRoot ? readGitCommit(sources.repoRoot) : undefined);
  return {
    version: version ?? 'unknown',
    ...(gitCommit ? { gitCommit } : {}),
    source: version === undefined ? 'unknown' : 'package_json',
  };
}

/** The text the QR code carries: `baladeur:<version>:<image hash or "none">`. */
export function versionQrText(version: SoftwareVersion): string {
  return `baladeur:${version.version}:${version.imageSha256 ?? 'none'}`;
}

/** The version QR code as an SVG document (black on white, quiet zone of 4 modules). */
export async function versionQrSvg(version: SoftwareVersion): Promise<string> {
  return QRCode.toString(versionQrText(version), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}
