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

/** `unverified`: a record text the checks could not read with certainty (ambiguous or unrecognised). */
export type FindingKind = 'allergy' | 'duplicate' | 'interaction' | 'unverified' | 'expired' | 'unknown_box';

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
  /** How many record entries or boxes are behind this one finding (same cause, listed several times). */
  readonly count: number;
  /** For interactions: the ANSM thesaurus level, rule id, entry, edition, and whether the row was checked against it. */
  readonly interaction?: {
    readonly rule: string;
    readonly level: InteractionLevel;
    readonly source: string;
    readonly entry: string;
    readonly reviewed: boolean;
  };
}

/** What the checks covered, for the "no alert among …" statement on screen and paper. */
export interface CheckScope {
  /** Allergy entries read (refuted, erroneous and "no known allergy" entries left out). */
  readonly allergies: number;
  /** Of those, entries whose text named no drug the checks know (shown as "to verify"). */
  readonly allergiesUnrecognised: number;
  /** Current medication entries compared. */
  readonly medications: number;
  /** Of those, entries whose text named no drug the checks know. */
  readonly medicationsUnrecognised: number;
  readonly interactionRows: number;
  readonly interactionRowsReviewed: number;
  /** The thesaurus edition the rows cite, e.g. "2020-10". */
  readonly edition: string;
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
  /**
   * What the box was checked against, spelled out ("No alert among: allergies (2), …" when
   * green): never a bare green. Absent for a box not found (it could not be checked).
   */
  readonly checked?: string;
}

export interface CrossCheckResult {
  readonly checkedAt: string;
  readonly language: CrossCheckLanguage;
  readonly boxes: readonly BoxReport[];
  /** All findings, most severe first. */
  readonly findings: readonly Finding[];
  /** Statements to show and print with every result (aid not substitute, limits, record gaps). */
  readonly notices: readonly string[];
  readonly scope: CheckScope;
  readonly knowledgeSource: string;
}
