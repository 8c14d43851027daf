/** Inputs and results of the cross-check. Pure data, JSON-serialisable, for screen and paper. */
import type { ParsedScan } from '../gs1/parse.ts';
import type { InteractionLevel } from './interactions.ts';

export type CrossCheckLanguage = 'fr' | 'en';

/** A box to check: scanned (or typed) code, or a product picked by name search. */
export type BoxInput =
  | { readonly id: string; readonly source: 'scan'; readonly scan: ParsedScan }
  | { readonly id: string; readonly source: 'search'; readonly cis: string };

export type Severity = 'high' | 'moderate' | 'low';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, moderate: 1, low: 2 };

export type FindingKind = 'allergy' | 'duplicate' | 'interaction' | 'expired' | 'unknown_box';

/** What in the record (or in the basket) a finding is about. */
export type FindingSubject =
  | { readonly type: 'allergy'; readonly id: string; readonly text: string }
  | { readonly type: 'medication'; readonly id: string; readonly text: string }
  | { readonly type: 'box'; readonly id: string; readonly text: string }
  | { readonly type: 'none' };

export interface Finding {
  readonly boxId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** The reason spelled out, in the requested language (record texts quoted as authored). */
  readonly reason: string;
  readonly subject: FindingSubject;
  /** For interactions: the ANSM thesaurus level and rule id. */
  readonly interaction?: { readonly rule: string; readonly level: InteractionLevel; readonly source: string };
}

export type BoxStatus = 'red' | 'amber' | 'green';

export interface BoxReport {
  readonly id: string;
  readonly code: { readonly cip13?: string; readonly cip7?: string; readonly gtin?: string };
  readonly lot?: string;
  readonly serial?: string;
  /** ISO date (YYYY-MM-DD), day 00 resolved to the end of the month. */
  readonly expiry?: string;
  readonly expired: boolean;
  readonly found: boolean;
  readonly product?: { readonly cis: string; readonly name: string; readonly form: string };
  readonly boxLabel?: string;
  readonly substances: readonly { readonly name: string; readonly dosage: string }[];
  readonly genericGroup?: { readonly id: string; readonly label: string; readonly role: string };
  readonly status: BoxStatus;
  readonly findings: readonly Finding[];
}

export interface CrossCheckResult {
  readonly checkedAt: string;
  readonly language: CrossCheckLanguage;
  readonly boxes: readonly BoxReport[];
  /** All findings, most severe first. */
  readonly findings: readonly Finding[];
  /** Statements to show and print with every result (aid not substitute, limits, record gaps). */
  readonly notices: readonly string[];
  readonly knowledgeSource: string;
}
