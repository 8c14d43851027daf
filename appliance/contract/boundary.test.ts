import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;
/** What the contract may import for its types only (issue 14): the record's and the cross-check's result types. */
const TYPE_ONLY = new Set([
  '../record/summary/types.ts',
  '../record/crypto/verify.ts',
  '../record/crypto/certificate.ts',
  '../crosscheck/checks/types.ts',
]);

interface ImportUse {
  readonly file: string;
  readonly from: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): ImportUse[] {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022);
  const uses: ImportUse[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      uses.push({ file, from: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      uses.push({ file, from: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    }
  }
  // `import('…').T` in a type position (commands.ts): type-only.
  for (const match of text.matchAll(/import\('([^']+)'\)/g)) {
    uses.push({ file, from: match[1] ?? '', typeOnly: true });
  }
  return uses;
}

const allowed = (use: ImportUse): boolean =>
  use.from === 'zod' ||
  (use.from.startsWith('./') && !use.from.includes('/', 2)) ||
  use.from.startsWith('../common/') ||
  (use.typeOnly && TYPE_ONLY.has(use.from));

describe('the contract is its own part', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('imports only zod, itself, appliance/common and, for types only, the record and cross-check result types', () => {
    expect(files.length).toBeGreaterThan(3);
    const refused = files.flatMap(importsOf).filter((use) => !allowed(use));
    expect(refused).toEqual([]);
  });

  it('the check refuses what it should (a driver, the server, a value import of the record)', () => {
    expect(allowed({ file: 'x.ts', from: '../drivers/printer/types.ts', typeOnly: true })).toBe(false);
    expect(allowed({ file: 'x.ts', from: '../server/technician/index.ts', typeOnly: true })).toBe(false);
    expect(allowed({ file: 'x.ts', from: '../record/summary/types.ts', typeOnly: false })).toBe(false);
    expect(allowed({ file: 'x.ts', from: '../record/summary/types.ts', typeOnly: true })).toBe(true);
  });
});
