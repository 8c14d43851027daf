/**
 * The summary view model: what the screen, the printer and the cross-check read.
 * Derived from a FHIR R4 IPS Bundle by `summarize()`; pure data, JSON-serialisable.
 *
 * Every clinical text is carried as authored (`text`), with the codes that came with it so that
 * checks can match by code. Nothing is truncated here: truncation is a rendering hazard (HZ-02).
 */
import type { DosageStructure } from '../../common/structured/dosage-types.ts';

/** One coding of a concept (FHIR Coding, reduced). */
export interface SummaryCoding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/** A concept as shown to a person: best human text plus the codes behind it. */
export interface SummaryConcept {
  /** Best display text: CodeableConcept.text, else the first coding display, else the code. */
  readonly text: string;
  readonly codings: readonly SummaryCoding[];
}

/**
 * A section's content. `empty` carries the author's reason (IPS `emptyReason` or an explicit
 * "no known …" entry), which is clinically different from `absent` (the section is missing).
 */
export type SummarySection<T> =
  | { readonly status: 'entries'; readonly items: readonly T[] }
  | { readonly status: 'empty'; readonly reason: string }
  | { readonly status: 'absent' };

export type Criticality = 'high' | 'low' | 'unable-to-assess' | 'unknown';

export interface AllergyItem {
  readonly id: string;
  readonly substance: SummaryConcept;
  readonly type?: 'allergy' | 'intolerance';
  readonly categories: readonly string[];
  readonly criticality: Criticality;
  /** clinicalStatus code, e.g. active, inactive, resolved. */
  readonly clinicalStatus?: string;
  readonly verificationStatus?: string;
  readonly reactions: readonly { readonly manifestations: readonly string[]; readonly severity?: string }[];
  readonly onset?: string;
  readonly note?: string;
}

export interface MedicationItem {
  readonly id: string;
  readonly medication: SummaryConcept;
  /** Active ingredients when the record gives them (Medication.ingredient), for cross-checks. */
  readonly ingredients: readonly SummaryConcept[];
  /** Dose and frequency as text (Dosage.text, else built from doseAndRate/timing). */
  readonly dosage?: string;
  /** Each Dosage as structure, so that dose and timing are shown in the reader's language. */
  readonly dosages?: readonly DosageStructure[];
  readonly route?: string;
  /** The route's codes (EDQM, SPOR RMS…), so that a known route is named in the reader's language. */
  readonly routeCodings?: readonly SummaryCoding[];
  readonly status?: string;
  readonly period?: { readonly start?: string; readonly end?: string };
  readonly source: 'MedicationStatement' | 'MedicationRequest';
}

export interface ProblemItem {
  readonly id: string;
  readonly condition: SummaryConcept;
  readonly clinicalStatus?: string;
  readonly severity?: string;
  readonly onset?: string;
}

export interface DeviceItem {
  readonly id: string;
  readonly device: SummaryConcept;
  readonly status?: string;
  readonly since?: string;
  readonly bodySite?: string;
}

export interface ObservationItem {
  readonly id: string;
  readonly observation: SummaryConcept;
  readonly value: string;
  /** A blood group's coded value (valueCodeableConcept codings), named in the reader's language. */
  readonly valueCodings?: readonly SummaryCoding[];
  readonly date?: string;
}

export interface TextItem {
  readonly id: string;
  readonly text: string;
  readonly status?: string;
  readonly date?: string;
}

export interface ContactItem {
  readonly name?: string;
  /** The relationships as authored (text, else a display, else the bare code), joined with ", ". */
  readonly relationship?: string;
  /** Each relationship with its codes, so that a known code is named in the reader's language. */
  readonly relationships?: readonly SummaryConcept[];
  readonly telecom: readonly string[];
}

/** A section without a dedicated place: its title, narrative (HTML stripped) and entries as text. */
export interface OtherSectionItem {
  readonly title: string;
  /** The section's LOINC code, when it has one. */
  readonly code?: string;
  readonly narrative?: string;
  /** The language the narrative's `div` declares (`xml:lang` / `lang`), when it declares one. */
  readonly narrativeLanguage?: string;
  readonly items: readonly TextItem[];
}

export interface SummaryPatient {
  readonly name?: string;
  readonly birthDate?: string;
  readonly gender?: string;
}

export interface Summary {
  readonly patient: SummaryPatient;
  /** Composition.date */
  readonly documentDate?: string;
  readonly documentTitle?: string;
  /** Composition.author display names */
  readonly authors: readonly string[];
  readonly language?: string;
  readonly allergies: SummarySection<AllergyItem>;
  readonly medications: SummarySection<MedicationItem>;
  readonly problems: SummarySection<ProblemItem>;
  readonly devices: SummarySection<DeviceItem>;
  readonly bloodGroup: readonly ObservationItem[];
  readonly advanceDirectives: SummarySection<TextItem>;
  readonly alerts: SummarySection<TextItem>;
  readonly contacts: readonly ContactItem[];
  readonly immunizations: SummarySection<TextItem>;
  readonly procedures: SummarySection<TextItem>;
  /*
   * Added with summarize() (optional so that hand-built summaries stay valid; summarize() always
   * fills them). Full-tier content beyond the emergency view.
   */
  /** History of Past Illness section (11348-0): resolved or inactive conditions. */
  readonly pastIllnesses?: SummarySection<ProblemItem>;
  /** Results section (30954-2), panels followed by their members. */
  readonly results?: SummarySection<ObservationItem>;
  /** Vital Signs section (8716-3). */
  readonly vitalSigns?: SummarySection<ObservationItem>;
  /** Sections the summary has no dedicated place for (plan of care, social history…), in order. */
  readonly otherSections?: readonly OtherSectionItem[];
  /** Resource types present in the bundle that the summary does not render: kept, listed. */
  readonly otherResources: readonly { readonly resourceType: string; readonly count: number }[];
}
