/**
 * The authoring forms' logic (issue 16): what the doctor typed or picked → the contract's
 * `RecordEdit` or identity command, or why it cannot be sent yet. The server validates again.
 */
import type {
  AuthoringSearchView,
  AuthoringView,
  ChangeLine,
  ChangeValue,
  RecordEdit,
} from '../../../contract/authoring.ts';
import type { Command } from '../../../contract/commands.ts';
import type { Language } from '../../../common/languages.ts';
import { dosageLines } from '../../../common/structured/format-dosage.ts';
import { contactRelationshipWords } from '../../../common/structured/relationships.ts';
import { isPhoneNumber, parseBirthDate } from './keyboard.ts';

export type Criticality = 'high' | 'low' | 'unable-to-assess';
export type Sex = 'female' | 'male' | 'other' | 'unknown';

/** A drug-database pick: a BDPM substance (allergies) or product (medication). */
export interface Pick {
  readonly code: string;
  readonly label: string;
}

export interface AllergyForm {
  readonly picked?: Pick | undefined;
  readonly freeText: string;
  readonly criticality?: Criticality | undefined;
  readonly reaction: string;
}

export interface MedicationForm {
  readonly picked?: Pick | undefined;
  readonly freeText: string;
  readonly dose: string;
}

export interface ContactForm {
  readonly name: string;
  readonly relationship: string;
  readonly phone: string;
}

export interface IdentityForm {
  readonly family: string;
  readonly given: string;
  readonly birthDate: string;
  readonly sex?: Sex | undefined;
}

const clean = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** A picked substance wins over free text (the form clears one when the other is chosen). */
export function allergyEdit(form: AllergyForm): RecordEdit | undefined {
  if (!form.criticality) return undefined;
  const reaction = clean(form.reaction);
  const text = clean(form.freeText);
  const substance = form.picked
    ? ({ kind: 'bdpm', code: form.picked.code, label: form.picked.label } as const)
    : text
      ? ({ kind: 'text', text } as const)
      : undefined;
  if (!substance) return undefined;
  return { op: 'allergy.add', substance, criticality: form.criticality, ...(reaction ? { reaction } : {}) };
}

export function medicationEdit(form: MedicationForm): RecordEdit | undefined {
  const dose = clean(form.dose);
  const text = clean(form.freeText);
  if (!dose) return undefined;
  if (form.picked && /^[0-9]{8}$/.test(form.picked.code))
    return {
      op: 'medication.add',
      product: { kind: 'bdpm', cis: form.picked.code, label: form.picked.label },
      dose,
    };
  return text ? { op: 'medication.add', product: { kind: 'text', text }, dose } : undefined;
}

export function contactEdit(form: ContactForm): RecordEdit | undefined {
  const name = clean(form.name);
  const relationship = clean(form.relationship);
  if (!name || !isPhoneNumber(form.phone)) return undefined;
  return { op: 'contact.add', name, phone: form.phone.trim(), ...(relationship ? { relationship } : {}) };
}

export type IdentityResult =
  | { readonly ok: true; readonly command: Extract<Command, { type: 'authoring.identity' }> }
  | { readonly ok: false; readonly missing: readonly ('family' | 'given' | 'birthDate')[] };

/** A birth date (YYYY-MM-DD, as an import gives it) as the identity form's field takes it (JJ/MM/AAAA). */
export function displayedDate(iso: string): string {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

export function identityCommand(form: IdentityForm, today: Date = new Date()): IdentityResult {
  const family = clean(form.family);
  const given = clean(form.given);
  const birthDate = parseBirthDate(form.birthDate, today);
  const missing = [
    ...(family ? [] : (['family'] as const)),
    ...(given ? [] : (['given'] as const)),
    ...(birthDate ? [] : (['birthDate'] as const)),
  ];
  if (missing.length > 0 || !birthDate) return { ok: false, missing };
  return {
    ok: true,
    command: { type: 'authoring.identity', family, given, birthDate, ...(form.sex ? { sex: form.sex } : {}) },
  };
}

/** The search's matches for one picker: substances for allergies, products for medication. */
export function matchesFor(
  search: AuthoringSearchView | undefined,
  kind: 'substance' | 'product',
): readonly Pick[] {
  return (search?.matches ?? [])
    .filter((m) => m.kind === kind)
    .map((m) => ({ code: m.code, label: m.label }));
}

/**
 * Where an edit the server took stands, from the editing view: the key's worker checks it after
 * the command is acknowledged, and may refuse it (`lastEditError`). A form keeps what was typed
 * until the edit is `applied`, so a refusal loses nothing.
 */
export function editOutcome(view: {
  readonly updating?: Extract<AuthoringView, { status: 'editing' }>['updating'];
  readonly lastEditError?: Extract<AuthoringView, { status: 'editing' }>['lastEditError'];
}): 'applied' | 'refused' | 'pending' {
  if (view.lastEditError !== undefined) return 'refused';
  return view.updating === true ? 'pending' : 'applied';
}

/** The reader's words for an allergy's criticality (`Messages['criticality']`). */
export type CriticalityWords = Readonly<Record<NonNullable<ChangeValue['criticality']>, string>>;

/**
 * An entry in the reader's language (HZ-10): the record's text as authored, the criticality and a
 * structured dosage in the session's words, a coded blood group as its symbol (A+, O-…).
 */
export function valueWords(value: ChangeValue, criticality: CriticalityWords, reader: Language): string {
  if (value.bloodGroup !== undefined) return value.bloodGroup;
  const dose = value.dosages === undefined ? undefined : dosageWords(value.dosages, reader);
  const details = [
    value.criticality === undefined ? undefined : criticality[value.criticality],
    value.relationships === undefined ? undefined : contactRelationshipWords(value, reader),
    dose ?? value.detail,
  ].filter((d): d is string => d !== undefined && d !== '');
  return details.length === 0 ? value.label : `${value.label} (${details.join(' — ')})`;
}

/** A structured dosage in the reader's words, each with its authored text beside it (HZ-18). */
export function dosageWords(dosages: NonNullable<ChangeValue['dosages']>, reader: Language): string {
  return dosageLines(dosages, reader)
    .map((d) => (d.words === undefined ? d.authored : d.authored ? `${d.words} (${d.authored})` : d.words))
    .join('; ');
}

/** One change in words ("before → after"), for the undo button's name. */
export function changeWords(line: ChangeLine, criticality: CriticalityWords, reader: Language): string {
  const [before, after] = [line.before, line.after].map((v) =>
    v === undefined ? undefined : valueWords(v, criticality, reader),
  );
  if (before !== undefined && after !== undefined) return `${before} → ${after}`;
  return after ?? before ?? '';
}
