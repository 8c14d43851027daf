/**
 * The printed pharmacist cross-check (issue 7): every box with its status, details and the
 * reasons, the pharmacist, the time and the statement that this is an aid, not a substitute for
 * the pharmacist's judgement. Record and drug texts go through the same sanitise/fold/wrap path as
 * the summary (HZ-03, HZ-16).
 */
import type { Profession } from '../common/professions.ts';
import type { BoxReport, CrossCheckResult } from '../crosscheck/checks/types.ts';
import type { CodePageId } from '../drivers/printer/layout/code-page.ts';
import { formatDate, type ReceiptLanguage } from './labels.ts';
import { headerBlocks } from './header-blocks.ts';
import { CUT_MARK } from './cut-mark.ts';
import { renderBlocks, type Block, type PaperWidth } from '../drivers/printer/layout/layout.ts';

export interface CrossCheckReceiptInput {
  readonly result: CrossCheckResult;
  readonly site: { readonly name: string };
  readonly printedAt: Date;
  readonly printedBy: { readonly name: string; readonly profession: Profession };
  readonly language: ReceiptLanguage;
  readonly width: PaperWidth;
  readonly codePage: CodePageId;
  readonly timeZone?: string;
}

const WORDS = {
  fr: {
    title: 'CONTRÔLE DE DÉLIVRANCE',
    boxes: 'Boîtes contrôlées',
    status: { red: 'ALERTE', amber: 'À VÉRIFIER', green: 'SANS ALERTE' },
    unknown: 'Boîte non trouvée dans la base',
    expiry: 'Péremption',
    expired: 'PÉRIMÉE',
    lot: 'Lot',
    code: 'Code',
    substances: 'Substances',
    source: 'Référence',
    aid: 'Aide au contrôle : ne remplace pas le jugement du pharmacien.',
  },
  en: {
    title: 'DISPENSING CROSS-CHECK',
    boxes: 'Boxes checked',
    status: { red: 'ALERT', amber: 'CHECK', green: 'NO ALERT' },
    unknown: 'Box not found in the drug reference',
    expiry: 'Expiry',
    expired: 'EXPIRED',
    lot: 'Lot',
    code: 'Code',
    substances: 'Substances',
    source: 'Reference',
    aid: "A checking aid: not a substitute for the pharmacist's judgement.",
  },
  de: {
    title: 'ABGABEKONTROLLE',
    boxes: 'Geprüfte Packungen',
    status: { red: 'WARNUNG', amber: 'PRÜFEN', green: 'KEINE WARNUNG' },
    unknown: 'Packung nicht in der Arzneimitteldatenbank',
    expiry: 'Verfallsdatum',
    expired: 'VERFALLEN',
    lot: 'Charge',
    code: 'Code',
    substances: 'Wirkstoffe',
    source: 'Quelle',
    aid: 'Eine Prüfhilfe: ersetzt nicht das Urteil des Apothekers.',
  },
  es: {
    title: 'CONTROL DE DISPENSACIÓN',
    boxes: 'Cajas controladas',
    status: { red: 'ALERTA', amber: 'REVISAR', green: 'SIN ALERTA' },
    unknown: 'Caja no encontrada en la base de medicamentos',
    expiry: 'Caducidad',
    expired: 'CADUCADA',
    lot: 'Lote',
    code: 'Código',
    substances: 'Sustancias',
    source: 'Fuente',
    aid: 'Una ayuda al control: no sustituye el criterio del farmacéutico.',
  },
  it: {
    title: 'CONTROLLO DELLA DISPENSAZIONE',
    boxes: 'Confezioni controllate',
    status: { red: 'ALLERTA', amber: 'DA VERIFICARE', green: 'NESSUNA ALLERTA' },
    unknown: 'Confezione non trovata nella banca dati dei farmaci',
    expiry: 'Scadenza',
    expired: 'SCADUTA',
    lot: 'Lotto',
    code: 'Codice',
    substances: 'Sostanze',
    source: 'Fonte',
    aid: 'Un aiuto al controllo: non sostituisce il giudizio del farmacista.',
  },
} as const satisfies Record<ReceiptLanguage, unknown>;

export function crossCheckBlocks(input: CrossCheckReceiptInput): Block[] {
  const w = WORDS[input.language];
  const { result } = input;
  const band = (text: string): Block => ({ kind: 'text', text, style: { bold: true, invert: true } });
  const detail = (text: string): Block => ({ kind: 'text', text, style: { indent: 4 } });
  const boxBlocks = (box: BoxReport, n: number): Block[] => {
    const head = `${n}. [${w.status[box.status]}] ${box.product?.name ?? w.unknown}`;
    const code = box.code.cip13 ?? box.code.cip7 ?? box.code.gtin ?? box.product?.cis;
    return [
      {
        kind: 'text',
        text: head,
        style: { bold: true, indent: 3, ...(box.status === 'green' ? {} : { invert: true }) },
      },
      ...(box.substances.length
        ? [
            detail(
              `${w.substances} : ${box.substances.map((s) => `${s.name} ${s.dosage}`.trim()).join(', ')}`,
            ),
          ]
        : []),
      ...(code ? [detail(`${w.code} : ${code}`)] : []),
      ...(box.expiry
        ? [
            detail(
              `${w.expiry} : ${formatDate(box.expiry, input.language)}${box.expired ? ` ${w.expired}` : ''}`,
            ),
          ]
        : []),
      ...(box.lot ? [detail(`${w.lot} : ${box.lot}`)] : []),
      ...box.findings.map((f): Block => ({
        kind: 'text',
        text: `! ${f.reason}`,
        style: { bold: f.severity === 'high', indent: 6, firstIndent: 4 },
      })),
      // What the box was compared with: a green box is never a bare "no alert" (issue 18).
      ...(box.checked !== undefined ? [detail(box.checked)] : []),
      { kind: 'blank' },
    ];
  };
  return [
    ...headerBlocks(w.title, input),
    { kind: 'rule', char: '=' },
    band(w.aid),
    { kind: 'rule', char: '=' },
    { kind: 'text', text: `${w.boxes} : ${result.boxes.length}`, style: { bold: true } },
    ...result.boxes.flatMap((box, i) => boxBlocks(box, i + 1)),
    { kind: 'rule' },
    ...result.notices.map((text): Block => ({ kind: 'text', text })),
    { kind: 'text', text: `${w.source} : ${result.knowledgeSource}` },
    { kind: 'cut' },
  ];
}

/** ESC/POS bytes of the cross-check receipt. */
export async function buildCrossCheckReceipt(input: CrossCheckReceiptInput): Promise<Uint8Array> {
  const rendered = await renderBlocks(crossCheckBlocks(input), {
    width: input.width,
    codePage: input.codePage,
    cutMark: CUT_MARK[input.language],
  });
  return rendered.bytes;
}
