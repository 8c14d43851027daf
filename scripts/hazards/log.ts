/**
 * Reads the hazard log (docs/clinical-safety.md). Each hazard is a level-3 heading
 * `### HZ-NN — title` followed by bullet fields; the fields we check are `Status` and
 * `Mitigations` (the rest is for people).
 */
export const HAZARD_STATUSES = ['mitigated', 'partially mitigated', 'open'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export interface Hazard {
  readonly id: string;
  readonly title: string;
  readonly status: HazardStatus;
  readonly mitigations: readonly string[];
}

export type LogProblem = { readonly id: string; readonly problem: string };

const HEADING = /^###\s+(HZ-\d{2,3})\s+[—-]\s+(.+?)\s*$/;
const STATUS = /^-\s+\*\*Status:\*\*\s+(.+?)\s*$/i;
const MITIGATIONS = /^-\s+\*\*Mitigations:\*\*/i;
const NESTED_ITEM = /^\s{2,}-\s+(.+?)\s*$/;
const CONTINUATION = /^\s{4,}(\S.*?)\s*$/;
const FIELD = /^-\s+\*\*/;

export function parseHazardLog(markdown: string): { hazards: Hazard[]; problems: LogProblem[] } {
  const hazards: Hazard[] = [];
  const problems: LogProblem[] = [];
  let current: { id: string; title: string; status?: string; mitigations: string[] } | undefined;
  let inMitigations = false;

  const close = () => {
    if (!current) return;
    const status = current.status?.toLowerCase();
    if (!status || !(HAZARD_STATUSES as readonly string[]).includes(status)) {
      problems.push({ id: current.id, problem: `status must be one of ${HAZARD_STATUSES.join(', ')}` });
    } else {
      hazards.push({ ...current, status: status as HazardStatus });
    }
  };

  for (const line of markdown.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      current = { id: heading[1] as string, title: heading[2] as string, mitigations: [] };
      inMitigations = false;
      continue;
    }
    if (!current) continue;
    if (/^#{1,3}\s/.test(line)) {
      close();
      current = undefined;
      continue;
    }
    const status = STATUS.exec(line);
    if (status) {
      current.status = (status[1] as string).replace(/[*_`]/g, '').trim();
      inMitigations = false;
    } else if (MITIGATIONS.test(line)) {
      inMitigations = true;
    } else if (FIELD.test(line)) {
      inMitigations = false;
    } else if (inMitigations) {
      const item = NESTED_ITEM.exec(line);
      const continuation = CONTINUATION.exec(line);
      const last = current.mitigations.length - 1;
      if (item) current.mitigations.push(item[1] as string);
      else if (continuation && last >= 0) current.mitigations[last] += ` ${continuation[1] as string}`;
    }
  }
  close();

  const seen = new Set<string>();
  for (const hazard of hazards) {
    if (seen.has(hazard.id)) problems.push({ id: hazard.id, problem: 'duplicate hazard id' });
    seen.add(hazard.id);
  }
  return { hazards, problems };
}
