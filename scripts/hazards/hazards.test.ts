import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHazards } from '../hazards.ts';
import { parseHazardLog } from './log.ts';
import { findCitations } from './citations.ts';

// Hazard ids are built at run time so that this file does not cite them itself.
const id = (n: number) => `HZ-${String(n).padStart(2, '0')}`;

function hazard(n: number, status: string, mitigations = ['a mitigation in the code']): string {
  return [
    `### ${id(n)} — hazard number ${n}`,
    `- **Status:** ${status}`,
    '- **Severity:** 4 (major)',
    '- **Mitigations:**',
    ...mitigations.map((m) => `  - ${m}`),
    '- **Residual risk:** some',
    '',
  ].join('\n');
}

describe('hazard log traceability (npm run hazards)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hazards-'));
    mkdirSync(join(root, 'docs'));
    mkdirSync(join(root, 'src'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => writeFileSync(join(root, path), text);

  it('fails when a mitigated hazard has no test citing it', () => {
    write('docs/clinical-safety.md', `# Log\n\n${hazard(1, 'mitigated')}${hazard(2, 'open', [])}`);
    write('src/a.test.ts', `it('unrelated', () => {});\n`);
    const { ok, text } = runHazards(root);
    expect(ok).toBe(false);
    expect(text).toContain(`FAIL ${id(1)} is "mitigated" but no test cites it`);
    expect(text).not.toContain(`FAIL ${id(2)}`);
  });

  it('passes when every mitigated hazard is cited by a test title, and lists the tests', () => {
    write('docs/clinical-safety.md', hazard(1, 'mitigated') + hazard(2, 'partially mitigated'));
    write(
      'src/a.test.ts',
      `describe('x', () => {\n  it('${id(1)} keys are swapped safely', () => {});\n});\n`,
    );
    write('src/b.spec.ts', `test("${id(2)} printer fault", async () => {});\n`);
    const { ok, text } = runHazards(root);
    expect(ok).toBe(true);
    expect(text).toContain(`test: src/a.test.ts:2 ${id(1)} keys are swapped safely`);
    expect(text).toContain(`test: src/b.spec.ts:1 ${id(2)} printer fault`);
  });

  it('does not count a hazard id in a comment or in a skipped test as evidence', () => {
    write('docs/clinical-safety.md', hazard(1, 'mitigated'));
    write('src/a.test.ts', `// ${id(1)} is handled here\nit.skip('${id(1)} later', () => {});\n`);
    expect(runHazards(root).ok).toBe(false);
  });

  it('fails on a test citing a hazard that is not in the log', () => {
    write('docs/clinical-safety.md', hazard(1, 'open', []));
    write('src/a.test.ts', `it('${id(7)} a typo in the id', () => {});\n`);
    const { ok, text } = runHazards(root);
    expect(ok).toBe(false);
    expect(text).toContain(`cites ${id(7)}, which is not in the hazard log`);
  });

  it('rejects an unknown status and a mitigated hazard without mitigations', () => {
    const parsed = parseHazardLog(hazard(1, 'fine') + hazard(2, 'mitigated', []));
    expect(parsed.problems).toEqual([{ id: id(1), problem: expect.stringContaining('status must be') }]);
    write('docs/clinical-safety.md', hazard(2, 'mitigated', []));
    write('src/a.test.ts', `it('${id(2)} x', () => {});\n`);
    expect(runHazards(root).text).toContain(`${id(2)} is "mitigated" but lists no mitigation`);
  });

  it('reads titles in single, double and backtick quotes and with vitest modifiers', () => {
    const source = [
      `it('${id(3)} one', () => {});`,
      `it.each([1])("${id(4)} two %s", () => {});`,
      'test(`' + id(5) + ' three`, () => {});',
    ].join('\n');
    expect(findCitations('f.test.ts', source).map((c) => c.hazardId)).toEqual([id(3), id(4), id(5)]);
  });
});
