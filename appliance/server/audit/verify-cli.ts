/**
 * `node --import tsx appliance/server/audit/verify-cli.ts <audit.sqlite>`: exit 0 when the chain
 * holds (prints the row count and head hash), 1 when a row was edited, deleted or reordered,
 * 2 when the file cannot be read.
 */
import { verifyAuditFile } from './verify.ts';

const file = process.argv[2];
if (!file || file === '--help') {
  console.error('usage: verify-cli.ts <audit.sqlite>');
  process.exit(2);
}
let result;
try {
  result = verifyAuditFile(file);
} catch (error) {
  console.error(`audit: cannot read ${file}: ${error instanceof Error ? error.message : 'unknown error'}`);
  process.exit(2);
}
if (result.ok) {
  console.log(`audit: chain intact, ${result.value.rows} rows, head ${result.value.head}`);
  process.exit(0);
}
console.error(
  `audit: chain BROKEN at row ${result.error.seq} (${result.error.problem}): a row was edited, deleted or reordered`,
);
process.exit(1);
