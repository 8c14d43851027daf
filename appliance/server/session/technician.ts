/**
 * Technician mode: a card authenticated as `technician` opens it, and while it is open no
 * patient key is read or opened (HZ-15): an inserted key is the technician's own, a provisioning
 * source or an export target. Every `technician.*` command is refused for anyone else (HZ-06).
 */
import { assertNever, type Result } from '../../common/result.ts';
import type { PrintOutcome } from '../../drivers/printer/types.ts';
import type { Command } from '../../contract/commands.ts';
import type {
  TechDiagnosticsView,
  TechExportView,
  TechProvisioningView,
  TechClockView,
  TechRebootView,
  TechTestPrintView,
  TechnicianView,
  TechVersionView,
  ExportResult,
} from '../../contract/technician-view.ts';
import type { Diagnostics } from '../../contract/diagnostics.ts';
import type {
  ClockSetError,
  ClockSetOutcome,
  ExportError,
  ProvisionOutcome,
  RebootOutcome,
} from '../technician/index.ts';
import type { AuditActor, KeySignal, SessionEffect } from './events.ts';
import type { KeyState, SessionState } from './state.ts';
import { readInsertedKey } from './key.ts';
import { withKey, type Partial } from './wipe.ts';

export type TechnicianAction =
  'diagnostics' | 'provision_check' | 'provision' | 'export' | 'test_print' | 'reboot' | 'set_clock';

export type TechnicianResult =
  | { readonly action: 'diagnostics'; readonly diagnostics: Diagnostics }
  | { readonly action: 'provision_check' | 'provision'; readonly outcome: ProvisionOutcome }
  | { readonly action: 'export'; readonly result: Result<ExportResult, ExportError> }
  | { readonly action: 'test_print'; readonly outcome: PrintOutcome }
  | { readonly action: 'reboot'; readonly result: Result<RebootOutcome, string> }
  | { readonly action: 'set_clock'; readonly result: Result<ClockSetOutcome, ClockSetError> };

export type TechnicianState =
  | { readonly status: 'closed' }
  | {
      readonly status: 'open';
      /** The key in the slot, never read as a patient key while technician mode is open. */
      readonly keyId?: string;
      readonly pending?: { readonly requestId: number; readonly action: TechnicianAction };
      readonly diagnostics: TechDiagnosticsView;
      readonly provisioning: TechProvisioningView;
      readonly export: TechExportView;
      readonly testPrint: TechTestPrintView;
      readonly reboot: TechRebootView;
      readonly clock: TechClockView;
    };

type OpenTechnician = Extract<TechnicianState, { status: 'open' }>;
export type TechnicianCommand = Extract<Command, { type: `technician.${string}` }>;

export function isTechnicianCommand(command: Command): command is TechnicianCommand {
  return command.type.startsWith('technician.');
}

function isTechnicianCard(state: SessionState): boolean {
  return state.card.status === 'authenticated' && state.card.identity.profession === 'technician';
}

function keyIdOf(key: KeyState): string | undefined {
  return 'keyId' in key ? key.keyId : undefined;
}

/**
 * Run after every step: opens technician mode when a technician card is authenticated (dropping
 * any record in the same step) and closes it when that card goes; a key left in is then read as
 * a patient key, as if just inserted.
 */
export function syncTechnician(result: Partial): Partial {
  const { state } = result;
  const technician = isTechnicianCard(state);
  if (technician && state.technician.status === 'closed') {
    const keyId = keyIdOf(state.key);
    const dropped = withKey(state, { status: 'absent' });
    const open: OpenTechnician = {
      status: 'open',
      ...(keyId === undefined || state.devices.usbKey !== 'present' ? {} : { keyId }),
      diagnostics: { status: 'idle' },
      provisioning: { status: 'idle' },
      export: { status: 'idle' },
      testPrint: { status: 'idle' },
      reboot: { status: 'idle' },
      clock: { status: 'idle' },
    };
    return {
      state: { ...dropped.state, technician: open },
      effects: [...result.effects, ...dropped.effects],
    };
  }
  if (!technician && state.technician.status === 'open') {
    const keyId = state.technician.keyId;
    const closed: SessionState = { ...state, technician: { status: 'closed' } };
    if (keyId === undefined) return { state: closed, effects: result.effects };
    const read = readInsertedKey(closed, keyId);
    return { state: read.state, effects: [...result.effects, ...read.effects] };
  }
  return result;
}

/** A key signal while technician mode is open: remembered as the technician's key, not read. */
export function onTechnicianKey(state: SessionState, signal: KeySignal): Partial {
  if (state.technician.status !== 'open') return { state, effects: [] };
  const usbKey = (
    { no_key: 'none', key_present: 'present', several_keys: 'several', key_error: 'error' } as const
  )[signal.status];
  const { keyId: _old, ...rest } = state.technician;
  const technician: OpenTechnician =
    signal.status === 'key_present' ? { ...rest, keyId: signal.keyId } : rest;
  return {
    state: { ...state, devices: { ...state.devices, usbKey }, technician },
    effects: [],
  };
}

function actor(state: SessionState): AuditActor | undefined {
  const card = state.card;
  return card.status === 'authenticated'
    ? { nationalId: card.identity.nationalId, profession: card.identity.profession }
    : undefined;
}

export function onTechnicianCommand(state: SessionState, command: TechnicianCommand): Partial | 'refused' {
  const tech = state.technician;
  if (!isTechnicianCard(state) || tech.status !== 'open' || tech.pending) return 'refused';
  const action = command.type.slice('technician.'.length) as TechnicianAction;
  const needsKey = action === 'provision_check' || action === 'provision' || action === 'export';
  if (needsKey && tech.keyId === undefined) {
    const next: OpenTechnician =
      action === 'export'
        ? { ...tech, export: { status: 'no_key' } }
        : { ...tech, provisioning: { status: 'no_key' } };
    return { state: { ...state, technician: next }, effects: [] };
  }
  const requestId = state.nextRequestId;
  let next: OpenTechnician = { ...tech, pending: { requestId, action } };
  switch (action) {
    case 'diagnostics':
      next = { ...next, diagnostics: { status: 'gathering' } };
      break;
    case 'provision_check':
    case 'provision':
      next = { ...next, provisioning: { status: 'reading' } };
      break;
    case 'export':
      next = { ...next, export: { status: 'writing' } };
      break;
    case 'test_print':
      next = { ...next, testPrint: { status: 'printing' } };
      break;
    case 'reboot':
      next = { ...next, reboot: { status: 'requesting' } };
      break;
    case 'set_clock':
      next = { ...next, clock: { status: 'requesting' } };
      break;
    default:
      return assertNever(action, 'technician action');
  }
  const effect: SessionEffect = {
    type: 'technician',
    requestId,
    action,
    ...(needsKey && tech.keyId !== undefined ? { keyId: tech.keyId } : {}),
    ...(command.type === 'technician.set_clock' ? { at: command.at } : {}),
  };
  return {
    state: { ...state, nextRequestId: requestId + 1, technician: next },
    effects: [effect],
  };
}

function provisioningView(outcome: ProvisionOutcome): TechProvisioningView {
  switch (outcome.status) {
    case 'checked':
      return { status: 'checked', summary: outcome.summary };
    case 'applied':
      return { status: 'applied', summary: outcome.summary };
    case 'rejected':
      return { status: 'rejected', problems: outcome.problems };
    case 'write_failed':
      return { status: 'write_failed', message: outcome.error.message };
    default:
      return assertNever(outcome, 'provision outcome');
  }
}

function audited(
  state: SessionState,
  action: 'provision' | 'export' | 'reboot' | 'test_print',
  outcome: string,
): SessionEffect[] {
  const who = actor(state);
  return who ? [{ type: 'audit', event: { event: 'technician_action', who, action, outcome } }] : [];
}

function clockView(result: Result<ClockSetOutcome, ClockSetError>): TechClockView {
  if (result.ok) return { ...result.value };
  return result.error === 'before_build' ? { status: 'refused_before_build' } : { status: 'failed' };
}

/** Who set the clock, from what to what (HZ-25): the audit's own timestamps are on the old or the new clock. */
function clockAudited(state: SessionState, result: Result<ClockSetOutcome, ClockSetError>): SessionEffect[] {
  const who = actor(state);
  if (!who || !result.ok) return [];
  const { previous, requested, status } = result.value;
  return [{ type: 'audit', event: { event: 'clock_set', who, previous, requested, outcome: status } }];
}

export function onTechnicianResult(
  state: SessionState,
  requestId: number,
  result: TechnicianResult,
): Partial {
  const tech = state.technician;
  // A result for a closed mode, another request or another card is dropped.
  if (tech.status !== 'open' || tech.pending?.requestId !== requestId) return { state, effects: [] };
  const { pending: _done, ...base } = tech;
  let next: OpenTechnician = base;
  let effects: SessionEffect[] = [];
  switch (result.action) {
    case 'diagnostics':
      next = { ...next, diagnostics: { status: 'ready', diagnostics: result.diagnostics } };
      break;
    case 'provision_check':
      next = { ...next, provisioning: provisioningView(result.outcome) };
      break;
    case 'provision':
      next = { ...next, provisioning: provisioningView(result.outcome) };
      effects = audited(state, 'provision', result.outcome.status);
      break;
    case 'export':
      next = {
        ...next,
        export: result.result.ok
          ? { status: 'done', result: result.result.value }
          : { status: 'failed', message: result.result.error.message },
      };
      effects = audited(state, 'export', result.result.ok ? 'done' : result.result.error.code);
      break;
    case 'test_print':
      next = {
        ...next,
        testPrint:
          result.outcome.status === 'printed'
            ? { status: 'done' }
            : { status: 'failed', reason: result.outcome.printer.status },
      };
      effects = audited(state, 'test_print', result.outcome.status);
      break;
    case 'reboot':
      next = { ...next, reboot: result.result.ok ? { status: result.result.value } : { status: 'failed' } };
      effects = audited(state, 'reboot', result.result.ok ? result.result.value : 'failed');
      break;
    case 'set_clock':
      next = { ...next, clock: clockView(result.result) };
      effects = clockAudited(state, result.result);
      break;
    default:
      return assertNever(result, 'technician result');
  }
  return { state: { ...state, technician: next }, effects };
}

export function technicianView(state: SessionState, version?: TechVersionView): TechnicianView {
  const tech = state.technician;
  if (tech.status === 'closed') return { status: 'closed' };
  return {
    status: 'open',
    ...(version ? { version } : {}),
    keyPresent: tech.keyId !== undefined,
    busy: tech.pending !== undefined,
    diagnostics: tech.diagnostics,
    provisioning: tech.provisioning,
    export: tech.export,
    testPrint: tech.testPrint,
    reboot: tech.reboot,
    clock: tech.clock,
  };
}
