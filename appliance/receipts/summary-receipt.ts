/**
 * The printed emergency summary (issue 5): what the nurse staples to the triage sheet.
 * Order: header, patient identification, allergies (first, reverse video), medication, problems,
 * devices, blood group, advance directives, alerts, emergency contacts, other information in the
 * record (sections the summary could not place: printed, never dropped — HZ-02), signature or
 * warning, footer.
 * Bounded (issue 15, bounded.ts): header, patient, allergies, signature and footer are always
 * printed; the sections between them stop with "continued on screen" when the receipt would pass
 * its limits; if the allergies alone would, they print in a shorter form, every one still named.
 */
import type { Profession } from '../common/professions.ts';
import type { Summary, SummarySection } from '../record/summary/types.ts';
import type { VerificationView } from '../contract/session-view.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import { formatDate, LABELS, type ReceiptLabels, type ReceiptLanguage } from './labels.ts';
import { headerBlocks } from './header-blocks.ts';
import type { Block, PaperWidth, RenderResult } from '../drivers/printer/layout/layout.ts';
import { renderWithinLimits, type ReceiptPart } from './bounded.ts';
import { CUT_MARK } from './cut-mark.ts';
import {
  ALLERGY_FORMS,
  allergyBand,
  compactAllergyBlocks,
  listAllergyBlocks,
  type AllergyForm,
} from './allergy-forms.ts';
import { signatureBlocks, warningBlocks } from './signature-blocks.ts';
import { authoredLanguageMark } from '../common/structured/authored-language.ts';
import {
  allergyStatusSuffix,
  bloodGroupLines,
  conceptLine,
  contactLine,
  medicationDetail,
  narrativeLine,
} from './structured-lines.ts';

export interface SummaryReceiptInput {
  readonly summary: Summary;
  readonly verification: VerificationView;
  readonly site: { readonly name: string };
  readonly printedAt: Date;
  /** Absent: the patient prints their own record (issue 19). */
  readonly printedBy?: { readonly name: string; readonly profession: Profession };
  readonly language: ReceiptLanguage;
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  /** IANA time zone of the printed-at time; the system zone by default. */
  readonly timeZone?: string;
}

/** ESC/POS bytes of the emergency summary receipt. */
export async function buildSummaryReceipt(input: SummaryReceiptInput): Promise<Uint8Array> {
  return (await renderSummaryReceipt(input)).bytes;
}

export async function renderSummaryReceipt(
  input: SummaryReceiptInput,
  options: { readonly rasterAll?: boolean } = {},
): Promise<RenderResult & { readonly allergyForm: AllergyForm }> {
  const rendered = await renderWithinLimits(ALLERGY_FORMS, (form) => summaryParts(input, form), {
    width: input.width,
    codePage: input.codePage,
    rasterAll: options.rasterAll ?? false,
    cutMark: CUT_MARK[input.language],
  });
  return { ...rendered, allergyForm: rendered.form };
}

const item = (text: string): Block => ({ kind: 'text', text, style: { firstIndent: 0, indent: 2 } });
const detail = (text: string): Block => ({ kind: 'text', text, style: { indent: 4 } });
const title = (text: string): Block => ({ kind: 'text', text, style: { bold: true } });

export function summaryBlocks(input: SummaryReceiptInput): Block[] {
  return summaryParts(input, 'full').flatMap((part) => part.blocks);
}

/** Kept: header to allergies, signature to the end; between them, what may be cut. */
export function summaryParts(input: SummaryReceiptInput, allergyForm: AllergyForm): ReceiptPart[] {
  const l = LABELS[input.language];
  const { summary } = input;
  const head: Block[] = [
    ...headerBlocks(l.title, input),
    ...warningBlocks(input.verification, l),
    { kind: 'rule', char: '=' },
    title(l.patient),
    { kind: 'text', text: `${l.name} : ${summary.patient.name ?? l.unknown}` },
    {
      kind: 'text',
      text: `${l.birthDate} : ${summary.patient.birthDate ? formatDate(summary.patient.birthDate, input.language) : l.unknown}`,
    },
    { kind: 'rule', char: '=' },
    ...authoredLanguageBlocks(summary, input.language, l),
    ...allergyBlocks(summary, l, input.language, allergyForm),
  ];
  const sections: Block[] = [
    { kind: 'rule' },
    title(l.medications),
    ...sectionBlocks(summary.medications, l, (m) => [
      item(`- ${conceptLine(m.medication, input.language)}`),
      ...optionalDetail(medicationDetail(m, input.language, summary.language)),
    ]),
    title(l.problems),
    ...sectionBlocks(summary.problems, l, (p) => [
      item(
        `- ${conceptLine(p.condition, input.language)}${p.onset ? ` (${l.since} ${formatDate(p.onset, input.language)})` : ''}`,
      ),
    ]),
    title(l.devices),
    ...sectionBlocks(summary.devices, l, (d) => [
      item(`- ${d.device.text}${d.since ? ` (${l.since} ${formatDate(d.since, input.language)})` : ''}`),
      ...(d.bodySite ? [detail(d.bodySite)] : []),
    ]),
    title(l.bloodGroup),
    ...listBlocks(summary.bloodGroup, l, (o) => {
      const lines = bloodGroupLines(o, input.language);
      return [item(lines.line), ...optionalDetail(lines.detail)];
    }),
    title(l.advanceDirectives),
    ...sectionBlocks(summary.advanceDirectives, l, (t) => [item(`- ${t.text}`)]),
    title(l.alerts),
    ...sectionBlocks(summary.alerts, l, (t) => [item(`- ${t.text}`)]),
    title(l.contacts),
    ...listBlocks(summary.contacts, l, (c) => [
      item(`- ${contactLine(c, input.language) || l.unknown}`),
      ...(c.telecom.length ? [detail(c.telecom.join(', '))] : []),
    ]),
    ...otherInformationBlocks(summary, l, input.language),
  ];
  const tail: Block[] = [
    { kind: 'rule', char: '=' },
    ...signatureBlocks(input, l),
    { kind: 'rule', char: '=' },
    ...l.footer.map((text): Block => ({ kind: 'text', text, style: { center: true } })),
    { kind: 'cut' },
  ];
  return [
    { keep: true, blocks: head },
    { keep: false, blocks: sections },
    { keep: true, blocks: tail },
  ];
}

function allergyBlocks(
  summary: Summary,
  l: ReceiptLabels,
  language: ReceiptLanguage,
  form: AllergyForm,
): Block[] {
  const band = allergyBand;
  const head = band(l.allergies);
  const section = summary.allergies;
  switch (section.status) {
    case 'absent':
      return [head, band(l.allergiesNotRecorded)];
    case 'empty':
      return [head, band(section.reason)];
    case 'entries': {
      const nameOf = (a: (typeof section.items)[number]): string => conceptLine(a.substance, language);
      if (form === 'compact')
        return [head, ...compactAllergyBlocks(section.items, l, nameOf, CUT_MARK[language])];
      if (form === 'list') return [head, ...listAllergyBlocks(section.items, l, nameOf, CUT_MARK[language])];
      return [
        head,
        ...section.items.flatMap((a): Block[] => {
          return [
            band(`! ${conceptLine(a.substance, language)}`),
            band(`${l.criticality[a.criticality]}${allergyStatusSuffix(a, language)}`, 2),
            ...a.reactions.map((r) =>
              detail(`${l.reaction} : ${r.manifestations.join(', ')}${r.severity ? ` (${r.severity})` : ''}`),
            ),
            ...(a.note ? [detail(a.note)] : []),
          ];
        }),
      ];
    }
  }
}

const optionalDetail = (text: string | undefined): Block[] => (text ? [detail(text)] : []);

/** One line saying the clinical text is printed as authored, in the record's language, when not the reader's (HZ-18). */
function authoredLanguageBlocks(summary: Summary, language: ReceiptLanguage, l: ReceiptLabels): Block[] {
  const mark = authoredLanguageMark(summary.language, language);
  return mark === undefined ? [] : [{ kind: 'text', text: `${l.authoredIn} ${mark}`, style: { bold: true } }];
}

function sectionBlocks<T>(
  section: SummarySection<T>,
  l: ReceiptLabels,
  render: (item: T) => Block[],
): Block[] {
  switch (section.status) {
    case 'absent':
      return [item(l.notRecorded)];
    case 'empty':
      return [item(section.reason)];
    case 'entries':
      return section.items.length ? section.items.flatMap(render) : [item(l.notRecorded)];
  }
}

/** Sections the summary has no place for, each with its title, narrative and entries. */
function otherInformationBlocks(summary: Summary, l: ReceiptLabels, language: ReceiptLanguage): Block[] {
  const sections = summary.otherSections ?? [];
  if (sections.length === 0) return [];
  return [
    title(l.otherInformation),
    ...sections.flatMap((s): Block[] => [
      item(s.title),
      ...(s.narrative ? [detail(narrativeLine(s, summary.language, language))] : []),
      ...s.items.map((i) => detail(`- ${i.text}${i.status ? ` (${i.status})` : ''}`)),
      ...(s.narrative || s.items.length > 0 ? [] : [detail(l.otherSectionWithoutContent)]),
    ]),
  ];
}

function listBlocks<T>(items: readonly T[], l: ReceiptLabels, render: (item: T) => Block[]): Block[] {
  return items.length ? items.flatMap(render) : [item(l.notRecorded)];
}
