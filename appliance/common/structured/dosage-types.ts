/**
 * A FHIR R4 `Dosage` as structure (what the record carries besides its text), so that each reader
 * sees dose and timing in their own language (issue 19). Built by record/summary/dosage.ts,
 * rendered by format-dosage.ts. Pure data, JSON-serialisable.
 */

/** UCUM period units of `Timing.repeat.periodUnit` (FHIR R4 units-of-time). */
export type PeriodUnit = 's' | 'min' | 'h' | 'd' | 'wk' | 'mo' | 'a';

export interface DoseQuantity {
  readonly value: number;
  /** Quantity.unit as authored (e.g. "tablet", "Stück"). */
  readonly unit?: string;
  /** Quantity.code when the system is UCUM (e.g. "mg", "1", "{tbl}"). */
  readonly ucum?: string;
}

export type DoseStructure =
  | { readonly kind: 'quantity'; readonly quantity: DoseQuantity }
  | { readonly kind: 'range'; readonly low?: DoseQuantity; readonly high?: DoseQuantity };

export interface TimingStructure {
  /** Timing.repeat.count: how many times the action occurs in all (1: a single dose). */
  readonly count?: number;
  readonly countMax?: number;
  readonly frequency?: number;
  readonly frequencyMax?: number;
  readonly period?: number;
  readonly periodMax?: number;
  readonly periodUnit?: PeriodUnit;
  /** Timing.repeat.when: EventTiming codes (MORN, ACM, HS…). */
  readonly when: readonly string[];
  /** Timing.repeat.timeOfDay, "08:00:00". */
  readonly timeOfDay: readonly string[];
  /** Timing.repeat.dayOfWeek: mon … sun. */
  readonly dayOfWeek: readonly string[];
  /** Timing.code (e.g. v3 GTSAbbreviation BID), code and authored text. */
  readonly code?: { readonly code?: string; readonly system?: string; readonly text?: string };
}

export interface DosageStructure {
  /** Dosage.text as authored (shown as authored, never translated). */
  readonly text?: string;
  readonly dose?: DoseStructure;
  readonly timing?: TimingStructure;
  /** asNeededBoolean, or the authored reason of asNeededCodeableConcept. */
  readonly asNeeded?: { readonly reason?: string };
  /** Dosage.patientInstruction as authored. */
  readonly patientInstruction?: string;
}
