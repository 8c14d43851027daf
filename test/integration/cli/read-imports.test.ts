/**
 * `baladeur key read` loads no ASN.1 library (issue 14: start-up within 3 × bare node): its static
 * import closure, the read-* chunk of the bundle, never reaches `@peculiar/x509` (common/x509.ts);
 * the CRL parser comes in only through a dynamic import when --crl is given.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');

/** Runtime imports of one source file: static `import … from` and `export … from`, type-only ones left out. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gmu;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1] as string;
    if (spec.startsWith('.')) found.push(path.resolve(path.dirname(file), spec));
    else found.push(spec);
  }
  return found;
}

function closure(entry: string): Set<string> {
  const seen = new Set([entry]);
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const dep of runtimeImports(file)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (dep.endsWith('.ts')) pending.push(dep);
    }
  }
  return seen;
}

describe('key read start-up', () => {
  it('imports neither @peculiar/x509 nor the CRL parser statically', () => {
    const loaded = [...closure(path.join(REPO, 'scripts', 'cli', 'key-read.ts'))];
    expect(loaded).toContain(path.join(REPO, 'appliance', 'record', 'crypto', 'verify.ts'));
    const relative = loaded.map((f) => (path.isAbsolute(f) ? path.relative(REPO, f) : f));
    expect(
      relative.filter((f) => /x509|asn1|reflect-metadata|tsyringe|common\/revocation\.ts/.test(f)),
    ).toEqual([]);
  });
});
