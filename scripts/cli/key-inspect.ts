import { RECORD_PATH } from '../../appliance/record/container/layout.ts';
import { inspectContainer } from '../../appliance/record/container/read.ts';
import { EXIT, fail, requireString, type CommandModule } from './command.ts';
import { readRecord } from './key-image.ts';
import { exitFor } from './outcome.ts';

const HELP = `Usage: baladeur key inspect --in <key.img>

Prints, as JSON, what is readable on a key without any secret: the format version, the random
container id, the recipients of each tier (patient code with its PBES2 count, emergency keys by
kid) and the padded sizes. Nothing in it identifies the patient.

Options:
  --in <file>     key image, block device, or a bare ${RECORD_PATH} file
  -h, --help      this help

Exit codes: 0 ok; 2 not a readable Baladeur key.
`;

export const keyInspect: CommandModule = {
  help: HELP,
  options: { in: { type: 'string' } },
  async run(values, io) {
    const record = readRecord(requireString(values, 'in'));
    const info = inspectContainer(record);
    if (!info.ok) fail(exitFor(info.error), info.error.message);
    io.stdout(`${JSON.stringify({ path: RECORD_PATH, ...info.value }, null, 2)}\n`);
    return EXIT.ok;
  },
};
