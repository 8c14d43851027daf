/**
 * `baladeur crosscheck --in <key.img> --code <code> --scan <code> [--scan …]`: the pharmacist's
 * cross-check for scripts and audits. Opens the full tier with the patient code, checks each
 * scanned box (GS1 DataMatrix as a scanner types it, CIP13, CIP7 or GTIN-14) against the
 * record, prints the findings as JSON on stdout and exits 0 (findings are not errors).
 */
import { summarize } from '../../appliance/record/ips/index.ts';
import { loadDrugKnowledge } from '../../appliance/crosscheck/bdpm/load.ts';
import { crossCheck } from '../../appliance/crosscheck/checks/crosscheck.ts';
import type { BoxInput } from '../../appliance/crosscheck/checks/types.ts';
import { parseScan } from '../../appliance/crosscheck/gs1/parse.ts';
import { EXIT, fail, optionalString, requireString, type CommandModule } from './command.ts';
import { DEV_OPTION, devHelp } from './defaults.ts';
import { openKeyFromCli } from './open-key.ts';
import { describeVerification } from './outcome.ts';

const HELP = `Usage: baladeur crosscheck --in <key.img> --code <code> --scan <code> [--scan <code> …]

Checks drug boxes against the record on a key (full tier, opened with the patient code):
allergy conflicts, duplicate therapy, and a small non-exhaustive table of severe interactions.
Prints {"boxes": [...], "findings": [{box, severity, kind, reason}], "notices": [...]} on stdout.
This is an aid; it does not replace the pharmacist's judgement.

Options:
  --in <file>           key image, block device, or a bare RECORD.JSON file
  --code <code>         the patient code
  --scan <code>         what the scanner typed: GS1 DataMatrix (with or without GS separators,
                        "<GS>" substitutes, "]d2" prefix), CIP13, CIP7 or GTIN-14; repeatable
  --lang fr|en          language of the reasons (default en)
  --data-dir <dir>      server data directory (a BDPM release installed by bdpm-import)
  --trust <pem>         trusted certificate authorities (PEM)
${devHelp(24)}
  -h, --help            this help

Exit codes: 0 checked (findings or not); 2 unusable input (bad scan, not a key…);
3 wrong code; 4 signature not valid or untrusted (nothing is checked).
`;

export const crosscheckCommand: CommandModule = {
  help: HELP,
  options: {
    in: { type: 'string' },
    code: { type: 'string' },
    scan: { type: 'string', multiple: true },
    lang: { type: 'string' },
    'data-dir': { type: 'string' },
    trust: { type: 'string' },
    ...DEV_OPTION,
  },
  async run(values, io) {
    const input = requireString(values, 'in');
    const code = requireString(values, 'code');
    const raw = (values as Record<string, unknown>)['scan'];
    const scans = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
    if (scans.length === 0) fail(EXIT.unusable, 'missing --scan (see --help)');
    const lang = optionalString(values, 'lang') ?? 'en';
    if (lang !== 'fr' && lang !== 'en') fail(EXIT.unusable, '--lang: must be "fr" or "en"');
    const boxes: BoxInput[] = scans.map((text, i) => {
      const parsed = parseScan(text);
      if (!parsed.ok)
        fail(EXIT.unusable, `--scan #${i + 1}: not a readable drug code (${parsed.error.kind})`);
      return { id: `box-${i + 1}`, source: 'scan', scan: parsed.value };
    });
    const now = new Date();
    const opened = await openKeyFromCli(values, input, { code, tier: 'full' }, io);
    io.stderr(`${describeVerification(opened.verification)}\n`);
    if (opened.verification.status !== 'valid') return EXIT.unverified;
    const dataDir = optionalString(values, 'data-dir');
    const loaded = await loadDrugKnowledge(dataDir !== undefined ? { dataDir } : {});
    if (!loaded.ok)
      fail(EXIT.unusable, `drug database unavailable (${loaded.error.kind}: ${loaded.error.file})`);
    const result = crossCheck(summarize(opened.bundle), boxes, loaded.value.knowledge, {
      now,
      language: lang,
    });
    const output = {
      checkedAt: result.checkedAt,
      boxes: result.boxes.map((b) => ({
        box: b.id,
        cip13: b.code.cip13,
        product: b.product?.name,
        substances: b.substances,
        expiry: b.expiry,
        expired: b.expired,
        lot: b.lot,
        status: b.status,
      })),
      findings: result.findings.map((f) => ({
        box: f.boxId,
        severity: f.severity,
        kind: f.kind,
        reason: f.reason,
      })),
      notices: result.notices,
      source: result.knowledgeSource,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return EXIT.ok;
  },
};
