/**
 * `npm run lint` fails on a regular expression that can take super-linear time (issue 15): the
 * project's ESLint configuration, run on a file planted under appliance/, flags the patterns that
 * once froze the kiosk, and passes their linear replacements.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const REDOS_RULES: ReadonlySet<string> = new Set([
  'regexp/no-super-linear-backtracking',
  'regexp/no-super-linear-move',
  'regexp/no-dupe-disjunctions',
]);

async function redosFindings(
  source: string,
  filePath = 'appliance/record/summary/planted.ts',
): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => REDOS_RULES.has(m.ruleId ?? ''))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('ReDoS lint over appliance/', () => {
  it.each([
    ['whitespace around a newline (60 000 spaces froze openEmergency for 15 s)', String.raw`/\s*\n\s*/g`],
    ['an unclosed tag', '/<[^>]*>/g'],
    ['a trailing run', '/e+$/'],
    ['nested quantifiers', '/^(a+)+$/'],
    ['overlapping alternation under a star', '/^(\\w|\\d)*x$/'],
  ])('HZ-13 flags %s', async (_what, regex) => {
    const findings = await redosFindings(
      `export const f = (t: string): string => t.replace(${regex}, '');\n`,
    );
    expect(findings.length, regex).toBeGreaterThan(0);
  });

  it.each([
    ['a character class', String.raw`/[\u0000-\u001f]/g`],
    ['bounded entity', '/&(#x[0-9a-f]{1,6}|[a-z]{2,6});/gi'],
    ['runs replaced whole', String.raw`/\s+/g`],
    ['anchored class', '/^[A-Za-z0-9_-]*$/'],
  ])('passes %s', async (_what, regex) => {
    const findings = await redosFindings(
      `export const f = (t: string): string => t.replace(${regex}, '');\n`,
    );
    expect(findings).toEqual([]);
  });

  it('applies to every part of the appliance, not only the record', async () => {
    const source = "export const f = (t: string): string => t.replace(/\\s*\\n\\s*/g, '');\n";
    for (const filePath of [
      'appliance/drivers/printer/layout/planted.ts',
      'appliance/receipts/planted.ts',
      'appliance/server/planted.ts',
    ]) {
      expect(await redosFindings(source, filePath), filePath).not.toEqual([]);
    }
  });
});
