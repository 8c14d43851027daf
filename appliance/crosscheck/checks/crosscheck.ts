/**
 * crossCheck(summary, boxes, knowledge, {now, language}): the pharmacist's cross-check, pure.
 * Each box is looked up (CIP13, CIP7 or CIS), its expiry checked, then compared with the
 * record's allergies, current medication and the boxes before it. Findings are ranked by
 * severity; a box that cannot be found is never shown as clear (HZ-08).
 */
import type { MedicationItem, Summary } from '../../record/summary/types.ts';
import { isExpired, isoDate, resolveYymmdd } from '../gs1/expiry.ts';
import type { DrugKnowledge } from '../knowledge.ts';
import { allergyFindings, readAllergy, unrecognisedDrugAllergy } from './allergy.ts';
import { duplicateFindings, type Other, type ScannedProduct } from './basket.ts';
import { interactionFindings } from './basket-interactions.ts';
import { INTERACTIONS } from './interaction-table.ts';
import { THESAURUS } from './interaction-source.ts';
import { mergeFindings, type RawFinding } from './merge.ts';
import { checkedStatement, expiredReason, notices, unknownBoxReason } from './messages.ts';
import { type BoxSubstance, boxSubstance, type ConceptProfile, profileConcepts } from './profile.ts';
import {
  type BoxInput,
  type BoxReport,
  type BoxStatus,
  type CheckScope,
  type CrossCheckLanguage,
  type CrossCheckResult,
  type Finding,
  SEVERITY_RANK,
} from './types.ts';

export interface CrossCheckOptions {
  readonly now: Date;
  readonly language: CrossCheckLanguage;
}

const NOT_CURRENT = new Set(['stopped', 'completed', 'entered-in-error', 'cancelled', 'not-taken']);

/** Medications still taken: any status but stopped/completed/…, and no end date in the past. */
export function isCurrentMedication(m: MedicationItem, now: Date): boolean {
  if (m.status !== undefined && NOT_CURRENT.has(m.status)) return false;
  const end = m.period?.end;
  if (end !== undefined) {
    const t = Date.parse(end);
    if (!Number.isNaN(t) && t < now.getTime()) return false;
  }
  return true;
}

/**
 * A record entry is read once per drug reference: the session keeps the same summary objects
 * while the key is open and re-checks the whole basket at every scan.
 */
const PROFILES = new WeakMap<DrugKnowledge, WeakMap<object, ConceptProfile>>();
function remembered(knowledge: DrugKnowledge, entry: object, read: () => ConceptProfile): ConceptProfile {
  let byEntry = PROFILES.get(knowledge);
  if (byEntry === undefined) {
    byEntry = new WeakMap();
    PROFILES.set(knowledge, byEntry);
  }
  const known = byEntry.get(entry);
  if (known !== undefined) return known;
  const profile = read();
  byEntry.set(entry, profile);
  return profile;
}

function rank(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function statusOf(findings: readonly Finding[]): BoxStatus {
  if (findings.some((f) => f.severity === 'high')) return 'red';
  return findings.length > 0 ? 'amber' : 'green';
}

function lookup(box: BoxInput, knowledge: DrugKnowledge): { cis?: string; cip13?: string; label?: string } {
  if (box.source === 'search') return { cis: box.cis };
  const scan = box.scan;
  const found =
    (scan.cip13 !== undefined ? knowledge.findByCip13(scan.cip13) : undefined) ??
    (scan.cip7 !== undefined ? knowledge.findByCip7(scan.cip7) : undefined);
  if (found === undefined) return {};
  return { cis: found.cis, cip13: found.cip13, label: found.label };
}

function codeText(box: BoxInput): string {
  if (box.source === 'search') return box.cis;
  return box.scan.cip13 ?? box.scan.cip7 ?? box.scan.gtin ?? '?';
}

export function crossCheck(
  summary: Summary,
  boxes: readonly BoxInput[],
  knowledge: DrugKnowledge,
  options: CrossCheckOptions,
): CrossCheckResult {
  const { now, language: lang } = options;
  const allergies =
    summary.allergies.status === 'entries'
      ? summary.allergies.items.map((item) => ({
          item,
          profile: remembered(knowledge, item, () => profileConcepts(item.substance, [], knowledge)),
        }))
      : [];
  const meds: Other[] = [];
  if (summary.medications.status === 'entries') {
    for (const m of summary.medications.items) {
      if (!isCurrentMedication(m, now)) continue;
      const profile = remembered(knowledge, m, () =>
        profileConcepts(m.medication, m.ingredients, knowledge, m.dosage),
      );
      if (profile.negated) continue;
      meds.push({
        subject: { type: 'medication', id: m.id, text: m.medication.text },
        profile,
        groups: profile.groups,
      });
    }
  }

  const readAllergies = allergies.filter(({ item, profile }) => readAllergy(item, profile));
  const scope: CheckScope = {
    allergies: readAllergies.length,
    allergiesUnrecognised: readAllergies.filter(({ item, profile }) => unrecognisedDrugAllergy(item, profile))
      .length,
    medications: meds.length,
    medicationsUnrecognised: meds.filter((m) => m.profile?.recognised === false).length,
    interactionRows: INTERACTIONS.length,
    interactionRowsReviewed: INTERACTIONS.filter((r) => r.reviewed).length,
    edition: THESAURUS.edition,
  };

  const earlier: Other[] = [];
  const reports: BoxReport[] = [];
  for (const box of boxes) {
    const found = lookup(box, knowledge);
    const product = found.cis !== undefined ? knowledge.findByCis(found.cis) : undefined;
    const scan = box.source === 'scan' ? box.scan : undefined;
    const expiryDate = scan?.expiry !== undefined ? resolveYymmdd(scan.expiry, now) : undefined;
    const expired = scan?.expiry !== undefined ? (isExpired(scan.expiry, now) ?? false) : false;
    const findings: RawFinding[] = [];
    if (expired && expiryDate !== undefined) {
      const reason = expiredReason(lang, isoDate(expiryDate));
      findings.push({
        boxId: box.id,
        kind: 'expired',
        severity: 'high',
        cause: 'expired',
        subject: { type: 'none' },
        render: () => reason,
      });
    }
    let substances: BoxSubstance[] = [];
    let group: { id: string; label: string; role: string } | undefined;
    if (product === undefined) {
      const reason = unknownBoxReason(lang, codeText(box));
      findings.push({
        boxId: box.id,
        kind: 'unknown_box',
        severity: 'moderate',
        cause: 'unknown_box',
        subject: { type: 'none' },
        render: () => reason,
      });
    } else {
      substances = knowledge.substancesOf(product.cis).map(boxSubstance);
      const g = knowledge.genericGroupOf(product.cis);
      if (g !== undefined) {
        group = {
          id: g.id,
          label: g.label,
          role: g.members.find((m) => m.cis === product.cis)?.role ?? 'unknown',
        };
      }
      const scanned: ScannedProduct = {
        boxId: box.id,
        substances,
        form: product.form,
        ...(group !== undefined ? { group } : {}),
      };
      findings.push(...allergyFindings(box.id, substances, allergies, lang));
      findings.push(...duplicateFindings(scanned, [...meds, ...earlier], lang));
      findings.push(...interactionFindings(scanned, [...meds, ...earlier], lang));
      earlier.push({
        subject: { type: 'box', id: box.id, text: product.name },
        substances,
        groups: new Set(group !== undefined ? [group.id] : []),
        form: product.form,
      });
    }
    const ranked = rank(mergeFindings(findings, lang));
    const status = statusOf(ranked);
    reports.push({
      id: box.id,
      code: {
        ...(found.cip13 !== undefined || scan?.cip13 !== undefined
          ? { cip13: found.cip13 ?? scan?.cip13 }
          : {}),
        ...(scan?.cip7 !== undefined ? { cip7: scan.cip7 } : {}),
        ...(scan?.gtin !== undefined ? { gtin: scan.gtin } : {}),
      },
      ...(scan?.lot !== undefined ? { lot: scan.lot } : {}),
      ...(scan?.serial !== undefined ? { serial: scan.serial } : {}),
      ...(expiryDate !== undefined ? { expiry: isoDate(expiryDate) } : {}),
      expired,
      found: product !== undefined,
      ...(product !== undefined
        ? { product: { cis: product.cis, name: product.name, form: product.form } }
        : {}),
      ...(found.label !== undefined ? { boxLabel: found.label } : {}),
      substances: substances.map((s) => ({ name: s.name, dosage: s.dosage })),
      ...(group !== undefined ? { genericGroup: group } : {}),
      status,
      findings: ranked,
      ...(product !== undefined
        ? {
            checked: checkedStatement(lang, scope, {
              clear: status === 'green',
              otherBoxes: boxes.length - 1,
            }),
          }
        : {}),
    });
  }
  return {
    checkedAt: now.toISOString(),
    language: lang,
    boxes: reports,
    findings: rank(reports.flatMap((r) => r.findings)),
    notices: notices(lang, {
      allergies: summary.allergies.status,
      medications: summary.medications.status,
      rows: INTERACTIONS.length,
    }),
    scope,
    knowledgeSource: knowledge.info.source,
  };
}
