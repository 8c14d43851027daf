import { readAccessLog } from '../../appliance/record/access-log/index.ts';
import { ACCESS_LOG_PATH } from '../../appliance/record/container/layout.ts';
import type { RecordError } from '../../appliance/record/container/types.ts';
import { EXIT, fail, requireString, type CommandModule } from './command.ts';
import { withKeyAsync } from './key-image.ts';
import { exitFor } from './outcome.ts';

const HELP = `Usage: baladeur key log --in <key.img> --code <code>

Prints the key's access log (${ACCESS_LOG_PATH}: who opened the record, when, where, which tier and
the break-glass reason) as JSON, newest first. Only the patient code opens it.

Options:
  --in <file>      key image or block device
  --code <code>    the patient code (XXXX-XXXX-XXXX-XXXX)
  -h, --help       this help

Exit codes: 0 ok; 2 unusable key or damaged log; 3 wrong code or code with a typo.
`;

const RECORD_CODES: ReadonlySet<string> = new Set<RecordError['code']>([
  'not_a_container',
  'unsupported_version',
  'too_large',
  'malformed',
  'wrong_code',
  'code_typo',
  'no_usable_key',
  'corrupt',
  'invalid_content',
]);

export const keyLog: CommandModule = {
  help: HELP,
  options: { in: { type: 'string' }, code: { type: 'string' } },
  async run(values, io) {
    const input = requireString(values, 'in');
    const code = requireString(values, 'code');
    const log = await withKeyAsync(input, (source) => readAccessLog(source, code));
    if (!log.ok) {
      const exit = RECORD_CODES.has(log.error.code) ? exitFor(log.error as RecordError) : EXIT.unusable;
      fail(exit, `--in ${input}: ${log.error.message}`);
    }
    io.stdout(`${JSON.stringify(log.value, null, 2)}\n`);
    return EXIT.ok;
  },
};
