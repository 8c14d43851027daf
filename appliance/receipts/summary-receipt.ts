/**
 * The printed emergency summary (issue 5): what the nurse staples to the triage sheet.
 * Order: header, patient identification, allergies (first, reverse video), medication, problems,
 * devices, blood group, advance directives, alerts, emergency contacts, other information in the
 * record (sections the summary could not place: printed, never dropped — HZ-02), signature or
 * warning, footer.
 */
import type { Profession } from '../common/professions.ts';
import type { Summary, SummarySection } from '../record/summary/types.ts';
import type { VerificationView } from '../contract/session-view.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import { formatDate, LABELS, type ReceiptLabels, type ReceiptLanguage } from './labels.ts';
import { headerBlocks } from './header-blocks.ts';
import {
  renderBlocks,
  type Block,
  type PaperWidth,
  type RenderResult,
} from '../drivers/printer/layout/layout.ts';
import { signatureBlocks, warningBlocks } from './signature-blocks.ts';

export interface SummaryReceiptInput {
  readonly summary: Summary;
  readonly verification: VerificationView;
  readonly site: { readonly name: string };
  readonly printedAt: Date;
  readonly printedBy: { readonly name: string; readonly profession: Profession };
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
): Promise<RenderResult> {
  return renderBlocks(summaryBlocks(input), {
    width: input.width,
    codePage: input.codePage,
    rasterAll: options.rasterAll ?? false,
  });
}

const item = (text: string): Block => ({ kind: 'text', text, style: { firstIndent: 0, indent: 2 } });
const detail = (text: string): Block => ({ kind: 'text', text, style: { indent: 4 } });
const title = (text: string): Block => ({ kind: 'text', text, style: { bold: true } });

export function summaryBlocks(input: SummaryReceiptInput): Block[] {
  const l = LABELS[input.language];
  const { summary } = input;
  const blocks: Block[] = [
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
    ...allergyBlocks(summary, l),
    { kind: 'rule' },
    title(l.medications),
    ...sectionBlocks(summary.medications, l, (m) => [
      item(`- ${m.medication.text}`),
      ...(m.dosage || m.route ? [detail([m.dosage, m.route].filter(Boolean).join(' — '))] : []),
    ]),
    title(l.problems),
    ...sectionBlocks(summary.problems, l, (p) => [
      item(`- ${p.condition.text}${p.onset ? ` (${l.since} ${formatDate(p.onset, input.language)})` : ''}`),
    ]),
    title(l.devices),
    ...sectionBlocks(summary.devices, l, (d) => [
      item(`- ${d.device.text}${d.since ? ` (${l.since} ${formatDate(d.since, input.language)})` : ''}`),
      ...(d.bodySite ? [detail(d.bodySite)] : []),
    ]),
    title(l.bloodGroup),
    ...listBlocks(summary.bloodGroup, l, (o) => [item(`- ${o.observation.text} : ${o.value}`)]),
    title(l.advanceDirectives),
    ...sectionBlocks(summary.advanceDirectives, l, (t) => [item(`- ${t.text}`)]),
    title(l.alerts),
    ...sectionBlocks(summary.alerts, l, (t) => [item(`- ${t.text}`)]),
    title(l.contacts),
    ...listBlocks(summary.contacts, l, (c) => [
      item(
        `- ${[c.name, c.relationship ? `(${c.relationship})` : undefined].filter(Boolean).join(' ') || l.unknown}`,
      ),
      ...(c.telecom.length ? [detail(c.telecom.join(', '))] : []),
    ]),
    ...otherInformationBlocks(summary, l),
    { kind: 'rule', char: '=' },
    ...signatureBlocks(input, l),
    { kind: 'rule', char: '=' },
    ...l.footer.map((text): Block => ({ kind: 'text', text, style: { center: true } })),
    { kind: 'cut' },
  ];
  return blocks;
}

function allergyBlocks(summary: Summary, l: ReceiptLabels): Block[] {
  const band = (text: string, indent = 0): Block => ({
    kind: 'text',
    text,
    style: { bold: true, invert: true, firstIndent: indent, indent: indent + 2 },
  });
  const head = band(l.allergies);
  const section = summary.allergies;
  switch (section.status) {
    case 'absent':
      return [head, band(l.allergiesNotRecorded)];
    case 'empty':
      return [head, band(section.reason)];
    case 'entries':
      return [
        head,
        ...section.items.flatMap((a): Block[] => {
          const status = a.clinicalStatus && a.clinicalStatus !== 'active' ? ` [${a.clinicalStatus}]` : '';
          const verification =
            a.verificationStatus && a.verificationStatus !== 'confirmed' ? ` [${a.verificationStatus}]` : '';
          return [
            band(`! ${a.substance.text}`),
            band(`${l.criticality[a.criticality]}${status}${verification}`, 2),
            ...a.reactions.map((r) =>
              detail(`${l.reaction} : ${r.manifestations.join(', ')}${r.severity ? ` (${r.severity})` : ''}`),
            ),
            ...(a.note ? [detail(a.note)] : []),
          ];
        }),
      ];
  }
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
function otherInformationBlocks(summary: Summary, l: ReceiptLabels): Block[] {
  const sections = summary.otherSections ?? [];
  if (sections.length === 0) return [];
  return [
    title(l.otherInformation),
    ...sections.flatMap((s): Block[] => [
      item(s.title),
      ...(s.narrative ? [detail(s.narrative)] : []),
      ...s.items.map((i) => detail(`- ${i.text}${i.status ? ` (${i.status})` : ''}`)),
      ...(s.narrative || s.items.length > 0 ? [] : [detail(l.otherSectionWithoutContent)]),
    ]),
  ];
}

function listBlocks<T>(items: readonly T[], l: ReceiptLabels, render: (item: T) => Block[]): Block[] {
  return items.length ? items.flatMap(render) : [item(l.notRecorded)];
}
