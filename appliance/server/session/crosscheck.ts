/**
 * The pharmacist's cross-check (issue 7): a basket of dispensed boxes checked against the open
 * record. Pure. Only a pharmacist with the key open at the full tier by the patient's code (never
 * break-glass) may use it. The basket lives inside the open key state, so every wipe that relocks
 * the key (removal, swap, card change, idle, close) drops it with the record (HZ-01).
 */
import { crossCheck } from '../../crosscheck/checks/crosscheck.ts';
import type { BoxInput, CrossCheckLanguage, CrossCheckResult } from '../../crosscheck/checks/types.ts';
import { parseScan, type ScanError } from '../../crosscheck/gs1/parse.ts';
import type { Command } from '../../contract/commands.ts';
import type { CrossCheckView, KeyView, Language } from '../../contract/session-view.ts';
import type { SessionEffect } from './events.ts';
import type { KeyState, SessionState } from './state.ts';
import type { Partial } from './wipe.ts';

export interface CrossCheckMatch {
  readonly cis: string;
  readonly name: string;
  readonly form: string;
}

export interface CrossCheckState {
  readonly visible: boolean;
  readonly boxes: readonly BoxInput[];
  readonly nextBoxId: number;
  /** When the result was computed (epoch ms): a later view in another language reuses it. */
  readonly checkedAt: number;
  readonly result?: CrossCheckResult;
  readonly search?: { readonly query: string; readonly matches: readonly CrossCheckMatch[] };
  readonly lastScan?:
    { readonly status: 'added' } | { readonly status: 'rejected'; readonly reason: ScanError['kind'] };
}

export type CrossCheckCommand = Extract<Command, { type: `crosscheck.${string}` }>;

/** Bounds the basket: a stuck scanner must not grow the state without end (HZ-13). */
export const MAX_BOXES = 40;
export const SEARCH_LIMIT = 10;

export function isCrossCheckCommand(command: Command): command is CrossCheckCommand {
  return command.type.startsWith('crosscheck.');
}

type OpenKey = Extract<KeyState, { status: 'open' }>;

/** Pharmacist card, key open at the full tier with the patient's code. */
export function crossCheckAllowed(state: SessionState): boolean {
  const { card, key } = state;
  return (
    card.status === 'authenticated' &&
    card.identity.profession === 'pharmacist' &&
    key.status === 'open' &&
    key.tier === 'full' &&
    !key.breakGlass
  );
}

function emptyBasket(now: number): CrossCheckState {
  return { visible: true, boxes: [], nextBoxId: 1, checkedAt: now };
}

function compute(
  state: SessionState,
  key: OpenKey,
  boxes: readonly BoxInput[],
  now: number,
): CrossCheckResult | undefined {
  const drugs = state.drugs;
  if (drugs.status !== 'ready' || boxes.length === 0) return undefined;
  return crossCheck(key.record.summary, boxes, drugs.knowledge, {
    now: new Date(now),
    language: crossCheckLanguage(state.language),
  });
}

/** The cross-check's findings exist in French and English only: other readers get English. */
function crossCheckLanguage(language: Language): CrossCheckLanguage {
  return language === 'fr' ? 'fr' : 'en';
}

function withBasket(state: SessionState, key: OpenKey, crosscheck: CrossCheckState): Partial {
  return { state: { ...state, key: { ...key, crosscheck } }, effects: [] };
}

function withBoxes(
  state: SessionState,
  key: OpenKey,
  basket: CrossCheckState,
  boxes: readonly BoxInput[],
  now: number,
  extra: Pick<CrossCheckState, 'lastScan' | 'nextBoxId'>,
): Partial {
  const result = compute(state, key, boxes, now);
  const { result: _old, lastScan: _scan, ...rest } = basket;
  return withBasket(state, key, {
    ...rest,
    ...extra,
    boxes,
    checkedAt: now,
    ...(result !== undefined ? { result } : {}),
  });
}

function printCrossCheck(
  state: SessionState,
  key: OpenKey,
  basket: CrossCheckState,
  now: number,
): Partial | 'refused' {
  const { card, print } = state;
  if (card.status !== 'authenticated' || basket.boxes.length === 0) return 'refused';
  if (print.status === 'active' && (print.view.status === 'printing' || print.view.status === 'waiting'))
    return 'refused';
  const result = compute(state, key, basket.boxes, now);
  if (result === undefined) return 'refused';
  const jobId = state.nextRequestId;
  const effects: SessionEffect[] = [];
  if (print.status === 'active') effects.push({ type: 'abort_print', jobId: print.jobId });
  effects.push({
    type: 'print',
    jobId,
    summary: key.record.summary,
    verification: key.record.verification,
    printedBy: { name: card.identity.name, profession: card.identity.profession },
    language: state.language,
    crosscheck: result,
  });
  return {
    state: {
      ...state,
      nextRequestId: jobId + 1,
      key: { ...key, crosscheck: { ...basket, result, checkedAt: now } },
      print: {
        status: 'active',
        jobId,
        document: 'crosscheck',
        view: { status: 'printing', sentBytes: 0, totalBytes: 0 },
      },
    },
    effects,
  };
}

/** A retry of a cross-check receipt reprints the basket as it is now. */
export function retryCrossCheckPrint(state: SessionState, now: number): Partial | 'refused' {
  const key = state.key;
  if (!crossCheckAllowed(state) || key.status !== 'open' || key.crosscheck === undefined) return 'refused';
  return printCrossCheck(state, key, key.crosscheck, now);
}

export function onCrossCheckCommand(
  state: SessionState,
  command: CrossCheckCommand,
  now: number,
): Partial | 'refused' {
  const key = state.key;
  if (!crossCheckAllowed(state) || key.status !== 'open') return 'refused';
  if (command.type === 'crosscheck.open') {
    return withBasket(state, key, key.crosscheck ? { ...key.crosscheck, visible: true } : emptyBasket(now));
  }
  const basket = key.crosscheck;
  if (basket === undefined) return 'refused';
  switch (command.type) {
    case 'crosscheck.close':
      return withBasket(state, key, { ...basket, visible: false });
    case 'crosscheck.scan': {
      if (basket.boxes.length >= MAX_BOXES) return 'refused';
      const parsed = parseScan(command.text);
      if (!parsed.ok) {
        return withBasket(state, key, {
          ...basket,
          lastScan: { status: 'rejected', reason: parsed.error.kind },
        });
      }
      const box: BoxInput = { id: `b${basket.nextBoxId}`, source: 'scan', scan: parsed.value };
      return withBoxes(state, key, basket, [...basket.boxes, box], now, {
        nextBoxId: basket.nextBoxId + 1,
        lastScan: { status: 'added' },
      });
    }
    case 'crosscheck.search': {
      if (state.drugs.status !== 'ready') return 'refused';
      const matches = state.drugs.knowledge
        .searchByName(command.query, SEARCH_LIMIT)
        .map((p) => ({ cis: p.cis, name: p.name, form: p.form }));
      return withBasket(state, key, { ...basket, search: { query: command.query, matches } });
    }
    case 'crosscheck.add_product': {
      if (basket.boxes.length >= MAX_BOXES || state.drugs.status !== 'ready') return 'refused';
      if (state.drugs.knowledge.findByCis(command.cis) === undefined) return 'refused';
      const box: BoxInput = { id: `b${basket.nextBoxId}`, source: 'search', cis: command.cis };
      const { search: _search, ...rest } = basket;
      return withBoxes(state, key, rest, [...basket.boxes, box], now, {
        nextBoxId: basket.nextBoxId + 1,
        lastScan: { status: 'added' },
      });
    }
    case 'crosscheck.remove': {
      const boxes = basket.boxes.filter((b) => b.id !== command.boxId);
      if (boxes.length === basket.boxes.length) return 'refused';
      return withBoxes(state, key, basket, boxes, now, { nextBoxId: basket.nextBoxId });
    }
    case 'crosscheck.clear':
      return withBasket(state, key, { ...emptyBasket(now), nextBoxId: basket.nextBoxId });
    case 'crosscheck.print':
      return printCrossCheck(state, key, basket, now);
    default: {
      const unexpected: never = command;
      throw new Error(`unexpected cross-check command ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The open basket checked again (the drug reference has just loaded): boxes scanned meanwhile get a result. */
export function recheckBasket(state: SessionState, now: number): SessionState {
  const key = state.key;
  if (key.status !== 'open' || key.crosscheck === undefined || !crossCheckAllowed(state)) return state;
  const result = compute(state, key, key.crosscheck.boxes, now);
  if (result === undefined) return state;
  return { ...state, key: { ...key, crosscheck: { ...key.crosscheck, result, checkedAt: now } } };
}

/** Adds the cross-check to the open key's view, for a pharmacist only. */
export function withCrossCheckView(view: KeyView, state: SessionState): KeyView {
  const key = state.key;
  if (view.status !== 'open' || key.status !== 'open' || !crossCheckAllowed(state)) return view;
  const basket = key.crosscheck;
  let result = basket?.result;
  if (basket && result && result.language !== crossCheckLanguage(state.language)) {
    result = compute(state, key, basket.boxes, basket.checkedAt) ?? result;
  }
  const crosscheck: CrossCheckView = {
    reference: state.drugs.status === 'not_loaded' ? 'loading' : state.drugs.status,
    visible: basket?.visible ?? false,
    boxCount: basket?.boxes.length ?? 0,
    ...(result !== undefined ? { result } : {}),
    ...(basket?.search !== undefined ? { search: basket.search } : {}),
    ...(basket?.lastScan !== undefined ? { lastScan: basket.lastScan } : {}),
  };
  return { ...view, crosscheck };
}
