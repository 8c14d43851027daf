/**
 * Interactions: a box against the current medication and the boxes scanned before it, graded
 * by dose where the thesaurus does (aspirin, methotrexate; dose.ts), from the BDPM strength of a
 * box and, for a record entry, the strength written in its text or dosage, else the strengths
 * of the products its brand name names. Unknown dose: the most severe level, conditions spelled out.
 */
import { displayName } from './allergy.ts';
import type { Other, ScannedProduct } from './basket.ts';
import { type ClassId, classesOfKey } from './classes.ts';
import {
  type AspirinBand,
  aspirinBand,
  type DoseBands,
  type MethotrexateBand,
  methotrexateBand,
  strengthsMg,
  weeklyDoseMg,
} from './dose.ts';
import { THESAURUS } from './interaction-source.ts';
import { INTERACTIONS } from './interaction-table.ts';
import {
  type InteractionLevel,
  type InteractionRule,
  type InteractionSide,
  levelAt,
} from './interactions.ts';
import type { RawFinding } from './merge.ts';
import { interactionReason } from './messages.ts';
import type { BoxSubstance } from './profile.ts';
import { substanceKey } from './vocabulary.ts';
import type { CrossCheckLanguage, Severity } from './types.ts';

const ASPIRIN = substanceKey('acide acétylsalicylique');
const METHOTREXATE = substanceKey('méthotrexate');

const SEVERITY: Readonly<Record<InteractionLevel, Severity>> = {
  'contre-indication': 'high',
  'association-deconseillee': 'high',
  'precaution-emploi': 'moderate',
  'a-prendre-en-compte': 'low',
};

function substanceOnSide(s: { key: string; classes: readonly ClassId[] }, side: InteractionSide): boolean {
  if (side.except?.includes(s.key)) return false;
  return (side.substances ?? []).includes(s.key) || (side.classes ?? []).some((c) => s.classes.includes(c));
}

/** Substance keys of the other that sit on a side ("" when only a class is known, e.g. an ATC class code). */
function otherOnSide(other: Other, side: InteractionSide): string[] {
  if (other.substances !== undefined)
    return other.substances.filter((s) => substanceOnSide(s, side)).map((s) => s.key);
  const p = other.profile;
  if (p === undefined) return [];
  const keys = [...p.substances].filter((key) => substanceOnSide({ key, classes: classesOfKey(key) }, side));
  if (keys.length === 0 && (side.classes ?? []).some((c) => p.classes.has(c))) {
    const known = [...p.substances].filter((k) => classesOfKey(k).some((c) => side.classes?.includes(c)));
    // Only excluded members known (e.g. aspirin for "NSAIDs except aspirin"): no match.
    if (known.length === 0) keys.push('');
  }
  return keys;
}

function ruleHits(rule: InteractionRule, s: BoxSubstance, other: Other): boolean {
  for (const [mine, theirs] of [
    [rule.a, rule.b],
    [rule.b, rule.a],
  ] as const) {
    if (!substanceOnSide(s, mine)) continue;
    // A substance does not interact with itself: that is a duplicate, reported as such.
    if (otherOnSide(other, theirs).some((key) => key !== s.key)) return true;
  }
  return false;
}

const max = (values: readonly number[]): number | undefined =>
  values.length > 0 ? Math.max(...values) : undefined;

/** Strength (mg) of a substance in a box, or written for it in the other's record entry. */
function strengthIn(
  key: string,
  box: ScannedProduct,
  other: Other,
): { mg?: number; form?: string; weekly?: number } {
  const inBox = box.substances.find((s) => s.key === key);
  if (inBox !== undefined) return { ...optional(max(strengthsMg(inBox.dosage))), form: box.form };
  const inOther = other.substances?.find((s) => s.key === key);
  if (inOther !== undefined)
    return {
      ...optional(max(strengthsMg(inOther.dosage))),
      ...(other.form !== undefined ? { form: other.form } : {}),
    };
  const p = other.profile;
  if (p === undefined) return {};
  const written = max(strengthsMg(p.doseText));
  const weekly = weeklyDoseMg(p.doseText);
  const fromBrand = max((p.brandStrengths.get(key) ?? []).flatMap(strengthsMg));
  return { ...optional(written ?? fromBrand), ...(weekly !== undefined ? { weekly } : {}) };
}

const optional = (mg: number | undefined): { mg?: number } => (mg === undefined ? {} : { mg });

function doseBands(
  box: ScannedProduct,
  other: Other,
): { bands: DoseBands; aspirinMg?: number; mtxMg?: number } {
  const a = strengthIn(ASPIRIN, box, other);
  const m = strengthIn(METHOTREXATE, box, other);
  const aspirin: AspirinBand | undefined = a.mg !== undefined ? aspirinBand(a.mg) : undefined;
  // An injectable methotrexate unit is one weekly dose; tablets say nothing of the week.
  const weeklyMg = m.weekly ?? (m.form !== undefined && m.form.includes('injectable') ? m.mg : undefined);
  const methotrexate: MethotrexateBand | undefined =
    weeklyMg !== undefined ? methotrexateBand(weeklyMg) : undefined;
  return {
    bands: {
      ...(aspirin !== undefined ? { aspirin } : {}),
      ...(methotrexate !== undefined ? { methotrexate } : {}),
    },
    ...(aspirin !== undefined ? { aspirinMg: a.mg } : {}),
    ...(methotrexate !== undefined ? { mtxMg: weeklyMg } : {}),
  };
}

function doseNote(
  lang: CrossCheckLanguage,
  rule: InteractionRule,
  d: ReturnType<typeof doseBands>,
): string | undefined {
  if (rule.byDose === undefined) return undefined;
  const fr = lang === 'fr';
  const names = (key: string): boolean => [rule.a, rule.b].some((side) => side.substances?.includes(key));
  const notes: string[] = [];
  if (names(ASPIRIN)) {
    if (d.aspirinMg === undefined) notes.push(fr ? "dose d'aspirine inconnue" : 'aspirin dose unknown');
    else if (d.bands.aspirin === 'antiplatelet')
      notes.push(
        fr
          ? `aspirine ${d.aspirinMg} mg : dose antiagrégante`
          : `aspirin ${d.aspirinMg} mg: antiplatelet dose`,
      );
    else
      notes.push(
        fr
          ? `aspirine ${d.aspirinMg} mg : dose antalgique ou anti-inflammatoire`
          : `aspirin ${d.aspirinMg} mg: analgesic or anti-inflammatory dose`,
      );
  }
  if (names(METHOTREXATE)) {
    if (d.mtxMg === undefined)
      notes.push(fr ? 'dose hebdomadaire de méthotrexate inconnue' : 'weekly methotrexate dose unknown');
    else notes.push(fr ? `méthotrexate ${d.mtxMg} mg par semaine` : `methotrexate ${d.mtxMg} mg a week`);
  }
  const unknown =
    notes.length === 0 ||
    (d.aspirinMg === undefined && names(ASPIRIN)) ||
    (d.mtxMg === undefined && names(METHOTREXATE));
  if (unknown) notes.push(fr ? 'niveau le plus sévère retenu' : 'most severe level applied');
  return notes.join(', ');
}

export function interactionFindings(
  box: ScannedProduct,
  others: readonly Other[],
  lang: CrossCheckLanguage,
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const other of others) {
    for (const rule of INTERACTIONS) {
      const s = box.substances.find((x) => ruleHits(rule, x, other));
      if (s === undefined) continue;
      const dose = doseBands(box, other);
      const level = levelAt(rule, dose.bands);
      if (level === null) continue;
      const note = doseNote(lang, rule, dose);
      const otherIs = other.subject.type;
      out.push({
        boxId: box.boxId,
        kind: 'interaction',
        severity: SEVERITY[level],
        cause: `interaction|${rule.entry}`,
        subject: other.subject,
        interaction: {
          rule: rule.id,
          level,
          source: `${THESAURUS.title} (${THESAURUS.edition})`,
          entry: rule.entry,
          reviewed: rule.reviewed,
        },
        render: (text) =>
          interactionReason(lang, {
            substance: displayName(s.name),
            other: text,
            otherIs,
            level,
            risk: rule.risk[lang],
            ...(rule.condition !== undefined ? { condition: rule.condition[lang] } : {}),
            ...(note !== undefined ? { dose: note } : {}),
            entry: rule.entry,
            reviewed: rule.reviewed,
          }),
      });
    }
  }
  return out;
}
