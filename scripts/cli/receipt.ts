/**
 * `baladeur receipt`: the exact ESC/POS bytes the kiosk would print for a key's summary, to a file
 * or straight to a network printer (issue 5).
 */
import fs from 'node:fs';
import { EscPosPrinter } from '../../appliance/drivers/printer/escpos-printer.ts';
import { runPrintJob } from '../../appliance/drivers/printer/print-job.ts';
import { CODE_PAGE_IDS, type CodePageId } from '../../appliance/drivers/printer/layout/code-page.ts';
import { buildSummaryReceipt } from '../../appliance/receipts/summary-receipt.ts';
import { parsePrinterUrl, TcpTransport } from '../../appliance/drivers/printer/transport/tcp.ts';
import { PROFESSIONS, type Profession } from '../../appliance/common/professions.ts';
import { LANGUAGES, type Language } from '../../appliance/common/languages.ts';
import { verificationView } from '../../appliance/record/crypto/view.ts';
import { summarize } from '../../appliance/record/summary/summarize.ts';
import { EXIT, fail, optionalString, requireString, type CommandModule } from './command.ts';
import { DEV_OPTION, devHelp } from './defaults.ts';
import { CRL_OPTIONS, crlHelp, openKeyFromCli } from './open-key.ts';
import { describeVerification } from './outcome.ts';

const HELP = `Usage: baladeur receipt --in <key.img> (--code <code> | --emergency) [--width 80|58] [--lang fr|en|de|es|it]
                        (--out <file.bin> | --printer tcp://host:port)

Builds the printed summary of the record on a key, byte for byte as the kiosk sends it to its
receipt printer (ESC/POS), and writes it to a file or sends it to a network printer (port 9100).
An unverified record is printed with its warning block; the exit code then says so (4).

Options:
  --in <file>              key image, block device, or a bare record file
  --code <code>            the patient code (opens the full tier)
  --emergency              open the emergency tier with the emergency-access keyring
  --width 80|58            paper width in mm (48 or 32 columns; default 80)
  --lang fr|en|de|es|it    language of the receipt's own words (default fr)
  --code-page pc858|wpc1252  the printer's character table (default pc858)
  --out <file>             write the ESC/POS bytes to this file
  --printer tcp://h:p      send them to this printer and wait for it to confirm
  --site <name>            site name on the header (default "Baladeur")
  --printed-by <name>      who prints it (default "CLI")
  --profession <p>         ${PROFESSIONS.join('|')} (default doctor)
  --keyring <jwks>         emergency-access private keys, for --emergency
  --trust <pem>            trusted certificate authorities (PEM)
${crlHelp(27)}
${devHelp(27)}
  -h, --help               this help

Exit codes: 0 ok; 2 unusable input or the printer failed; 3 wrong code or no usable key;
4 printed/written, but the signature is not valid, trusted or current.
`;

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    fail(EXIT.unusable, `--${name}: one of ${allowed.join(', ')}`);
  return value as T;
}

export const receipt: CommandModule = {
  help: HELP,
  options: {
    in: { type: 'string' },
    code: { type: 'string' },
    emergency: { type: 'boolean' },
    width: { type: 'string' },
    lang: { type: 'string' },
    'code-page': { type: 'string' },
    out: { type: 'string' },
    printer: { type: 'string' },
    site: { type: 'string' },
    'printed-by': { type: 'string' },
    profession: { type: 'string' },
    keyring: { type: 'string' },
    trust: { type: 'string' },
    ...CRL_OPTIONS,
    ...DEV_OPTION,
  },
  async run(values, io) {
    const input = requireString(values, 'in');
    const code = optionalString(values, 'code');
    const emergency = values.emergency === true;
    if (emergency === (code !== undefined)) fail(EXIT.unusable, 'give either --code <code> or --emergency');
    const out = optionalString(values, 'out');
    const printerUrl = optionalString(values, 'printer');
    if ((out === undefined) === (printerUrl === undefined))
      fail(EXIT.unusable, 'give either --out <file> or --printer tcp://host:port');
    const width = Number(choice(optionalString(values, 'width'), ['80', '58'], '80', 'width')) as 80 | 58;
    const language = choice<Language>(optionalString(values, 'lang'), LANGUAGES, 'fr', 'lang');
    const codePage = choice<CodePageId>(
      optionalString(values, 'code-page'),
      CODE_PAGE_IDS,
      'pc858',
      'code-page',
    );
    const profession = choice<Profession>(
      optionalString(values, 'profession'),
      PROFESSIONS,
      'doctor',
      'profession',
    );
    const target = printerUrl === undefined ? undefined : parsePrinterUrl(printerUrl);
    if (target && !target.ok) fail(EXIT.unusable, `--printer: ${target.error}`);

    const opened = await openKeyFromCli(
      values,
      input,
      emergency ? { emergency: true } : { code: code ?? '', tier: 'full' },
      io,
    );
    io.stderr(`${describeVerification(opened.verification)}\n`);

    const bytes = await buildSummaryReceipt({
      summary: summarize(opened.bundle),
      verification: verificationView(opened.verification),
      site: { name: optionalString(values, 'site') ?? 'Baladeur' },
      printedAt: new Date(),
      printedBy: { name: optionalString(values, 'printed-by') ?? 'CLI', profession },
      language,
      width,
      codePage,
    });
    const verified = opened.verification.status === 'valid';
    if (out !== undefined) {
      fs.writeFileSync(out, bytes, { mode: 0o600 });
      io.stderr(`wrote ${bytes.length} bytes to ${out}\n`);
      return verified ? EXIT.ok : EXIT.unverified;
    }
    if (!target?.ok) return EXIT.unusable;
    const printer = new EscPosPrinter(new TcpTransport(target.value));
    let last = '';
    try {
      const final = await runPrintJob(
        printer,
        bytes,
        (view) => {
          const line = `print: ${view.status}${'printer' in view ? ` (${view.printer.status})` : ''}`;
          if (line !== last) io.stderr(`${line}\n`);
          last = line;
        },
        AbortSignal.timeout(5 * 60_000),
      );
      if (final.status !== 'done')
        fail(EXIT.unusable, `the printer did not confirm the job (${final.status})`);
    } finally {
      await printer.close();
    }
    return verified ? EXIT.ok : EXIT.unverified;
  },
};
