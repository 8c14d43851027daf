/**
 * The import rules of docs/architecture.md are enforced: lint (the repository's real ESLint
 * configuration) fails on a planted file that imports across a forbidden boundary, and passes on
 * the same file importing what its part may.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function boundaryErrors(plantedAt: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(REPO, plantedAt) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'baladeur/part-boundaries')
    .map((m) => m.message);
}

describe('part boundaries (eslint/part-boundaries.js)', () => {
  it.each([
    ['appliance/record/planted.ts', "import { startKiosk } from '../server/kiosk.ts';", 'appliance/server'],
    [
      'appliance/record/fat/planted.ts',
      "import type { UsbKeyStatus } from '../../drivers/usb-key/types.ts';",
      'appliance/drivers/usb-key',
    ],
    ['appliance/server/planted.ts', "import { ensureDevPki } from '../dev/pki/dev-pki.ts';", 'appliance/dev'],
    ['appliance/server/planted.ts', "const m = await import('../dev/kiosk.ts');", 'appliance/dev'],
    ['appliance/server/planted.ts', "import { main } from '../../scripts/cli/main.ts';", 'scripts/cli'],
    [
      'appliance/drivers/printer/planted.ts',
      "import type { PrintView } from '../../contract/session-view.ts';",
      'appliance/contract',
    ],
    [
      'appliance/contract/planted.ts',
      "import { step } from '../server/session/machine.ts';",
      'appliance/server',
    ],
    [
      'appliance/contract/planted.ts',
      "import { summarize } from '../record/summary/summarize.ts';",
      'appliance/record',
    ],
    [
      'appliance/receipts/planted.ts',
      "import { EscPosPrinter } from '../server/devices.ts';",
      'appliance/server',
    ],
    [
      'appliance/ui/src/planted.ts',
      "import { step } from '../../server/session/machine.ts';",
      'appliance/server',
    ],
    [
      'scripts/cli/planted.ts',
      "import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';",
      'appliance/dev',
    ],
    [
      'appliance/common/planted.ts',
      "import { x } from '../../../elsewhere/fixtures/x.ts';",
      'outside the repository',
    ],
  ])('a file planted at %s importing %s fails lint (%s)', async (at, source, to) => {
    const errors = await boundaryErrors(at, `${source}\nexport {};\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`may not import ${to}`);
  });

  it.each([
    ['appliance/record/planted.ts', "import { ok } from '../common/result.ts';"],
    [
      'appliance/drivers/usb-key/planted.ts',
      "import type { BlockSource } from '../../record/block-source.ts';",
    ],
    ['appliance/contract/planted.ts', "import type { Summary } from '../record/summary/types.ts';"],
    ['appliance/receipts/planted.ts', "import type { VerificationView } from '../contract/session-view.ts';"],
    ['appliance/dev/planted.ts', "import { startKiosk } from '../server/kiosk.ts';"],
    ['scripts/cli/planted.ts', "const m = await import('../../appliance/dev/pki/dev-pki.ts');"],
    ['appliance/server/planted.test.ts', "import { ensureDevPki } from '../dev/pki/dev-pki.ts';"],
  ])('a file planted at %s importing %s passes', async (at, source) => {
    expect(await boundaryErrors(at, `${source}\nexport {};\n`)).toEqual([]);
  });
});
