import type { Hazard } from './log.ts';
import type { Citation } from './citations.ts';

export interface TraceabilityReport {
  readonly rows: readonly { readonly hazard: Hazard; readonly tests: readonly Citation[] }[];
  /** Each is a reason for `npm run hazards` to fail. */
  readonly failures: readonly string[];
}

export function traceability(hazards: readonly Hazard[], citations: readonly Citation[]): TraceabilityReport {
  const known = new Set(hazards.map((h) => h.id));
  const failures: string[] = [];
  const rows = hazards.map((hazard) => {
    const tests = citations.filter((c) => c.hazardId === hazard.id);
    if (hazard.status !== 'open' && tests.length === 0) {
      failures.push(`${hazard.id} is "${hazard.status}" but no test cites it`);
    }
    if (hazard.status !== 'open' && hazard.mitigations.length === 0) {
      failures.push(`${hazard.id} is "${hazard.status}" but lists no mitigation`);
    }
    return { hazard, tests };
  });
  for (const citation of citations) {
    if (!known.has(citation.hazardId)) {
      failures.push(
        `${citation.file}:${citation.line} cites ${citation.hazardId}, which is not in the hazard log`,
      );
    }
  }
  return { rows, failures };
}

export function formatReport(report: TraceabilityReport): string {
  const out: string[] = [];
  for (const { hazard, tests } of report.rows) {
    out.push(`${hazard.id} [${hazard.status}] ${hazard.title}`);
    for (const m of hazard.mitigations) out.push(`    mitigation: ${m}`);
    if (tests.length === 0) out.push('    tests: none');
    for (const t of tests) out.push(`    test: ${t.file}:${t.line} ${t.title}`);
  }
  const tested = report.rows.filter((r) => r.tests.length > 0).length;
  out.push('', `${report.rows.length} hazards, ${tested} with tests, ${report.failures.length} problems`);
  for (const f of report.failures) out.push(`FAIL ${f}`);
  return out.join('\n');
}
