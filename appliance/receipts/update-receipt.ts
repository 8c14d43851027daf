/**
 * The patient's change receipt (issue 16): what an author's update changed on their key, when, by
 * whom (name, profession, RPPS), the new version and the kiosk's site. Allergies first, then the
 * summary's order; each change as the review screen shows it (added / removed / before → after),
 * the record's text printed as authored so the patient can check what was typed (HZ-24).
 * It names no patient: the patient was there and holds it; their name adds nothing to check.
 * Bounded (bounded.ts): the header, the allergies and the footer are always printed; the other
 * sections stop with a mark sending the patient to their record at a kiosk.
 */
import type { Profession } from '../common/professions.ts';
import type { ChangeLine, ChangeValue } from '../record/authoring/types.ts';
import { assertNever } from '../common/result.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import type { Block, PaperWidth, RenderResult } from '../drivers/printer/layout/layout.ts';
import { changeValueWords } from '../common/structured/change-value.ts';
import { renderWithinLimits, type ReceiptPart } from './bounded.ts';
import { formatDateTime, LABELS, type ReceiptLabels, type ReceiptLanguage } from './labels.ts';
import {
  CHANGE_SECTIONS,
  UPDATE_LABELS,
  type ChangeSection,
  type UpdateReceiptLabels,
} from './labels-authoring.ts';

/** One before/after line of the review (record/authoring/types.ts, re-exported by the contract). */
export type ReceiptChangeLine = ChangeLine;

export interface UpdateReceiptInput {
  readonly changes: readonly ReceiptChangeLine[];
  /** The signer, from the card's certificate (`nationalId`: "8" + RPPS for health professionals). */
  readonly author: {
    readonly name: string;
    readonly profession: Profession;
    readonly nationalId: string;
  };
  /** The version just written (1 for a new record). */
  readonly version: number;
  /** A new key made at the kiosk (blank or foreign stick), not an update. */
  readonly newRecord?: boolean;
  readonly writtenAt: Date;
  readonly site: { readonly name: string };
  readonly language: ReceiptLanguage;
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  /** IANA time zone of the written-at time; the system zone by default. */
  readonly timeZone?: string;
}

/** "RPPS 10003456789" for a health professional's "8" + RPPS; any other identifier as it is. */
export function professionalNumber(nationalId: string): string {
  return /^8\d{11}$/u.test(nationalId) ? `RPPS ${nationalId.slice(1)}` : nationalId;
}

/** A change's line: its mark at `at`, continuation lines two columns further in. */
const line = (text: string, at: number): Block => ({
  kind: 'text',
  text,
  style: { firstIndent: at, indent: at + 2 },
});

/**
 * An entry in the receipt's language (HZ-10): the record's text as authored, the criticality in
 * the receipt's words, a coded blood group as its symbol (A+, O-…).
 */
function valueWords(value: ChangeValue | undefined, l: ReceiptLabels, language: ReceiptLanguage): string {
  return changeValueWords(value, l.criticality, language, ' - ');
}

function changeBlocks(
  change: ReceiptChangeLine,
  u: UpdateReceiptLabels,
  l: ReceiptLabels,
  language: ReceiptLanguage,
): Block[] {
  const kind = u.kinds[change.kind];
  const words = (v: ChangeValue | undefined): string => valueWords(v, l, language);
  const typed = change.typed === true ? [line(`(${u.typed})`, 4)] : [];
  switch (change.kind) {
    case 'added':
      return [line(`+ ${kind} : ${words(change.after)}`, 2), ...typed];
    case 'removed':
      return [line(`- ${kind} : ${words(change.before)}`, 2), ...typed];
    case 'changed':
      return [
        line(`* ${kind} :`, 2),
        ...(change.before === undefined ? [] : [line(`${u.before} : ${words(change.before)}`, 4)]),
        ...(change.after === undefined ? [] : [line(`${u.after} : ${words(change.after)}`, 4)]),
        ...typed,
      ];
    default:
      return assertNever(change.kind, 'change kind');
  }
}

function sectionBlocks(
  section: ChangeSection,
  input: UpdateReceiptInput,
  u: UpdateReceiptLabels,
  l: ReceiptLabels,
): Block[] {
  const changes = input.changes.filter((c) => c.section === section);
  if (changes.length === 0) return [];
  const allergies = section === 'allergies';
  return [
    { kind: 'rule' },
    { kind: 'text', text: u.sections[section], style: { bold: true, invert: allergies } },
    ...changes.flatMap((c) => changeBlocks(c, u, l, input.language)),
  ];
}

export function updateReceiptParts(input: UpdateReceiptInput): ReceiptPart[] {
  const u = UPDATE_LABELS[input.language];
  const l = LABELS[input.language];
  const head: Block[] = [
    {
      kind: 'text',
      text: input.newRecord === true ? u.newRecordTitle : u.title,
      style: { bold: true, tall: true, center: true },
    },
    { kind: 'text', text: input.site.name, style: { center: true } },
    { kind: 'rule', char: '=' },
    {
      kind: 'text',
      text: `${u.updatedOn} ${formatDateTime(input.writtenAt, input.language, input.timeZone)}`,
    },
    {
      kind: 'text',
      text: `${u.by} ${input.author.name} (${l.professions[input.author.profession]}), ${professionalNumber(input.author.nationalId)}`,
    },
    { kind: 'text', text: `${u.version} : ${input.version}`, style: { bold: true } },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: u.intro },
    ...(input.changes.length === 0 ? [{ kind: 'text', text: u.none, style: { bold: true } } as const] : []),
  ];
  const others = CHANGE_SECTIONS.filter((s) => s !== 'allergies').map((section): ReceiptPart => ({
    keep: false,
    blocks: sectionBlocks(section, input, u, l),
  }));
  return [
    { keep: true, blocks: head },
    { keep: true, blocks: sectionBlocks('allergies', input, u, l) },
    ...others,
    {
      keep: true,
      blocks: [
        { kind: 'rule', char: '=' },
        ...u.footer.map((text): Block => ({ kind: 'text', text, style: { center: true } })),
        { kind: 'cut' },
      ],
    },
  ];
}

/** ESC/POS bytes of the change receipt, and what the layout reports (raster blocks, cuts, paper). */
export async function renderUpdateReceipt(
  input: UpdateReceiptInput,
  options: { readonly rasterAll?: boolean } = {},
): Promise<RenderResult> {
  return renderWithinLimits(['full'], () => updateReceiptParts(input), {
    width: input.width,
    codePage: input.codePage,
    rasterAll: options.rasterAll ?? false,
    cutMark: UPDATE_LABELS[input.language].cutMark,
  });
}

export async function buildUpdateReceipt(input: UpdateReceiptInput): Promise<Uint8Array> {
  return (await renderUpdateReceipt(input)).bytes;
}
