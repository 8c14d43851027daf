/**
 * Who may import whom (docs/architecture.md § The parts): an ESLint rule that resolves each
 * relative import to the part it lands in and checks it against the table below. Test files and
 * test helpers are exempt; `test/`, `scripts/bench`, `scripts/fuzz` and the image's tooling may
 * import anything. Dynamic `import()` counts like a static import unless listed as allowed.
 */
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every part of the product below the server: what the server, the dev part and the CLI build on. */
const LIBRARIES = [
  'appliance/common',
  'appliance/contract',
  'appliance/record',
  'appliance/crosscheck',
  'appliance/drivers/usb-key',
  'appliance/drivers/smartcard',
  'appliance/drivers/printer',
  'appliance/receipts',
];

/**
 * part → the parts it may import. `types` lists parts it may import *type-only* (`import type`).
 * `dynamic` lists parts it may load only with a dynamic `import()` (a path that is absent in the
 * image, so the module must not be loaded before it is asked for).
 */
export const PARTS = {
  'appliance/common': { imports: [] },
  'appliance/contract': {
    imports: ['appliance/common'],
    types: ['appliance/record', 'appliance/crosscheck'],
  },
  'appliance/record': { imports: ['appliance/common'] },
  'appliance/crosscheck': { imports: ['appliance/common'], types: ['appliance/record'] },
  'appliance/drivers/usb-key': { imports: ['appliance/common', 'appliance/record'] },
  'appliance/drivers/smartcard': { imports: ['appliance/common'] },
  'appliance/drivers/printer': { imports: ['appliance/common'] },
  'appliance/receipts': {
    imports: ['appliance/common', 'appliance/drivers/printer'],
    types: ['appliance/record', 'appliance/crosscheck', 'appliance/contract'],
  },
  'appliance/server': { imports: LIBRARIES },
  'appliance/dev': { imports: [...LIBRARIES, 'appliance/server'] },
  'appliance/ui': {
    imports: ['appliance/common', 'appliance/contract'],
    types: ['appliance/record', 'appliance/crosscheck'],
  },
  'scripts/cli': {
    imports: LIBRARIES,
    types: ['appliance/dev'],
    dynamic: ['appliance/dev'],
  },
};

/** The part a repository path belongs to (longest matching prefix), or undefined. */
export function partOf(relative) {
  const p = relative.split(path.sep).join('/');
  let best;
  for (const part of [...Object.keys(PARTS), 'scripts', 'test', 'image']) {
    if ((p === part || p.startsWith(part + '/')) && (best === undefined || part.length > best.length))
      best = part;
  }
  return best;
}

function isExempt(relative) {
  return /\.test\.ts$|\.spec\.ts$|\.testing\.ts$/.test(relative);
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforces which part may import which (docs/architecture.md)' },
    schema: [],
    messages: {
      forbidden: '{{from}} may not import {{to}} ({{how}}): see docs/architecture.md § The parts',
    },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const from = partOf(file);
    if (from === undefined || !(from in PARTS) || isExempt(file.split(path.sep).join('/'))) return {};
    const rules = PARTS[from];
    const check = (node, spec, kind) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec));
      const to =
        partOf(target) ?? (target.startsWith('..') ? 'outside the repository' : target.split(path.sep)[0]);
      if (to === from) return;
      if (rules.imports.includes(to)) return;
      if (kind === 'type' && rules.types?.includes(to)) return;
      if (kind === 'dynamic' && rules.dynamic?.includes(to)) return;
      context.report({ node, messageId: 'forbidden', data: { from, to, how: kind } });
    };
    const declKind = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 &&
        node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'))
        ? 'type'
        : 'value';
    return {
      ImportDeclaration: (node) => check(node, node.source.value, declKind(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, declKind(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, declKind(node)),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, 'dynamic'),
      TSImportType: (node) => {
        const arg = node.argument?.literal ?? node.argument;
        if (arg?.type === 'Literal') check(node, arg.value, 'type');
      },
    };
  },
};

export default { rules: { 'part-boundaries': rule } };
