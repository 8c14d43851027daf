import { arr, at, num, obj, objects, str } from '../ips/read.ts';
import { narrativeText } from './narrative.ts';
import type { SummaryCoding, SummaryConcept } from './types.ts';

export { narrativeText };

/** A FHIR CodeableConcept (or a bare Coding) as a concept; undefined when it says nothing. */
export function conceptOf(value: unknown): SummaryConcept | undefined {
  const o = obj(value);
  if (o === undefined) return undefined;
  const codingObjects = 'coding' in o ? objects(o['coding']) : str(o['code']) !== undefined ? [o] : [];
  const codings: SummaryCoding[] = [];
  for (const c of codingObjects) {
    const coding: { system?: string; code?: string; display?: string } = {};
    const system = str(c['system']);
    const code = str(c['code']);
    const display = str(c['display']);
    if (system !== undefined) coding.system = system;
    if (code !== undefined) coding.code = code;
    if (display !== undefined) coding.display = display;
    if (code !== undefined || display !== undefined) codings.push(coding);
  }
  const text =
    str(o['text']) ??
    codings.find((c) => c.display !== undefined)?.display ??
    codings.find((c) => c.code !== undefined)?.code;
  return text === undefined ? undefined : { text, codings };
}

export function conceptText(value: unknown): string | undefined {
  return conceptOf(value)?.text;
}

/** `clinicalStatus`-style concepts: the code (active, resolved…), else the text. */
export function statusCode(value: unknown): string | undefined {
  const c = conceptOf(value);
  return c?.codings.find((x) => x.code !== undefined)?.code ?? c?.text;
}

/** A resource's own narrative (`text.div`) as plain text. */
export function resourceNarrative(resource: unknown): string | undefined {
  return narrativeText(at(at(resource, 'text'), 'div'));
}

/** One HumanName as displayed: its text, else prefix given family suffix. */
export function humanNameText(name: unknown): string | undefined {
  const o = obj(name);
  if (o === undefined) return undefined;
  const text = str(o['text']);
  if (text !== undefined) return text;
  const parts = [
    ...arr(o['prefix']).map(str),
    ...arr(o['given']).map(str),
    str(o['family']),
    ...arr(o['suffix']).map(str),
  ].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** The name to show among several: official, else usual, else the first that is not old/nickname. */
export function preferredName(names: unknown): string | undefined {
  const list = objects(names);
  const byUse = (use: string): unknown => list.find((n) => n['use'] === use);
  const ordered = [
    byUse('official'),
    byUse('usual'),
    ...list.filter((n) => n['use'] !== 'old' && n['use'] !== 'nickname'),
    ...list,
  ];
  for (const n of ordered) {
    const t = humanNameText(n);
    if (t !== undefined) return t;
  }
  return str(names);
}

/** A Quantity as "value unit". */
export function quantityText(value: unknown): string | undefined {
  const o = obj(value);
  const v = num(o?.['value']);
  if (o === undefined || v === undefined) return undefined;
  const comparator = str(o['comparator']) ?? '';
  const unit = str(o['unit']) ?? str(o['code']);
  const shown = unit === undefined || unit === '1' || /^\{.*\}$/.test(unit) ? '' : ` ${unit}`;
  return `${comparator}${v}${shown}`;
}

/** Best date of a choice type: `<prefix>DateTime`, `<prefix>Period.start`, `<prefix>String`… */
export function dateOf(resource: unknown, prefix: string): string | undefined {
  return (
    str(at(resource, `${prefix}DateTime`)) ??
    str(at(at(resource, `${prefix}Period`), 'start')) ??
    str(at(resource, `${prefix}String`)) ??
    str(at(resource, `${prefix}Date`)) ??
    str(at(resource, prefix))
  );
}
