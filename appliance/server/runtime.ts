/**
 * The I/O shell around the session machine: feeds it device events, page commands and the
 * clock; carries out its effects; pushes the view on every change. Holds the only non-pure
 * bits: the key's block source and encrypted container (never decrypted data), timers, jobs.
 */
import { randomUUID } from 'node:crypto';
import { assertNever } from '../common/result.ts';
import type { Printer, PrinterStatus } from '../drivers/printer/types.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';
import type { UsbKeyService, UsbKeyStatus } from '../drivers/usb-key/types.ts';
import type { CommandAck } from '../contract/commands.ts';
import { CommandSchema } from '../contract/commands.ts';
import type { KioskMode, SessionView } from '../contract/session-view.ts';
import type { EventLogger } from './logger.ts';
import { createDrugLoader, type DrugLoader } from './crosscheck-adapter.ts';
import type { ActivePrintView, AuditSink, KeyRecordService, PrintPort } from './ports.ts';
import { printerView } from './print-view.ts';
import type { KeySignal, SessionEffect, SessionEvent } from './session/events.ts';
import { step } from './session/machine.ts';
import { initialState, type SessionPolicy, type SessionState } from './session/state.ts';
import { toView } from './session/view.ts';
import { runAuthoringEffect, type RuntimeKey } from './runtime-authoring.ts';
import { runTechnicianEffect } from './runtime-technician.ts';
import type { TechVersionView } from '../contract/technician-view.ts';
import type { TechnicianPort } from './technician-adapter.ts';

export interface RuntimeDeps {
  readonly policy: SessionPolicy;
  readonly mode: KioskMode;
  readonly siteName: string;
  /** Site screen setting: seconds before an untouched welcome screen goes black (0: never). */
  readonly blankAfterSeconds?: number;
  readonly smartcard: SmartcardService;
  readonly usbKeys: UsbKeyService;
  readonly printer: Printer;
  /** The record work on a key, off the main thread (one worker per key, time-budgeted). */
  readonly records: KeyRecordService;
  readonly printing: PrintPort;
  readonly audit: AuditSink;
  readonly log: EventLogger;
  /** Technician tools (technician mode); their effects fail as bugs when absent. */
  readonly technician?: TechnicianPort;
  readonly now?: () => number;
  /**
   * Loads the cross-check drug reference; called at most once, when the machine first asks
   * (`load_drug_reference`: a pharmacist authenticated). Default: the shipped BDPM release.
   */
  readonly drugs?: DrugLoader;
}

/** A status's or result's `reason` code when it has one (a closed union of identifiers). */
function reasonOf(value: object): string | undefined {
  return 'reason' in value && typeof value.reason === 'string' ? value.reason : undefined;
}

function keySignal(status: UsbKeyStatus): KeySignal {
  return status.status === 'key_present' ? { status: 'key_present', keyId: status.keyId } : status;
}

export class SessionRuntime {
  readonly bootId = randomUUID();
  private state: SessionState;
  private revision = 0;
  private lastViewJson = '';
  private readonly listeners = new Set<(view: SessionView) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private key: RuntimeKey | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly jobs = new Map<number, AbortController>();
  private readonly now: () => number;
  private technicianVersion: TechVersionView | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.now = deps.now ?? Date.now;
    this.state = initialState(deps.policy);
  }

  /** Subscribes to the devices and takes their current status. */
  start(): void {
    const { smartcard, usbKeys, printer } = this.deps;
    this.unsubscribe.push(smartcard.onStatus((status) => this.onReader(status)));
    this.unsubscribe.push(usbKeys.onStatus((status) => this.onUsbKey(status)));
    this.unsubscribe.push(printer.onStatus((status) => this.onPrinter(status)));
    this.onPrinter(printer.current());
    this.onReader(smartcard.current());
    this.onUsbKey(usbKeys.current());
    this.deps.technician
      ?.version()
      .then((version) => {
        this.technicianVersion = version;
        this.publish();
      })
      .catch(() => this.deps.log.error('effect.failed', { effect: 'technician_version' }));
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const job of this.jobs.values()) job.abort();
    this.jobs.clear();
    this.key?.records.close();
    this.key = undefined;
    this.state = initialState(this.deps.policy);
  }

  /** False while the kiosk runs on its fallback configuration (see SessionPolicy.provisioned). */
  get provisioned(): boolean {
    return this.deps.policy.provisioned;
  }

  /** The machine's state without clinical content: for the dev dock only. */
  snapshot(): SessionState {
    return this.state;
  }

  view(): SessionView {
    return toView(this.state, {
      revision: this.revision,
      bootId: this.bootId,
      mode: this.deps.mode,
      siteName: this.deps.siteName,
      ...(this.deps.blankAfterSeconds === undefined
        ? {}
        : { blankAfterSeconds: this.deps.blankAfterSeconds }),
      ...(this.technicianVersion ? { technicianVersion: this.technicianVersion } : {}),
    });
  }

  onView(listener: (view: SessionView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A command from the page, validated here (the socket is a trust boundary). */
  command(input: unknown): CommandAck {
    const parsed = CommandSchema.safeParse(input);
    if (!parsed.success) {
      const type =
        typeof input === 'object' && input !== null && 'type' in input
          ? String(input.type).slice(0, 40)
          : '?';
      this.deps.log.warn('socket.command_invalid', { type });
      return { ok: false, error: 'invalid_command' };
    }
    const refused = this.dispatch({ type: 'command', command: parsed.data });
    if (refused) {
      this.deps.log.info('session.command_refused', { type: parsed.data.type });
      return { ok: false, error: 'not_allowed_now' };
    }
    return { ok: true };
  }

  private onReader(status: Parameters<Parameters<SmartcardService['onStatus']>[0]>[0]): void {
    this.deps.log.info('card.status', { status: status.status, reason: reasonOf(status) });
    // A session is starting: load a key worker now, while the PIN is typed, not when the key comes.
    if (status.status === 'card_present') void this.deps.records.prepare();
    this.dispatch({ type: 'card.status', status });
  }

  private onPrinter(status: PrinterStatus): void {
    this.deps.log.info('printer.status', { status: status.status, reason: reasonOf(status) });
    this.dispatch({ type: 'printer.status', status });
  }

  private onUsbKey(status: UsbKeyStatus): void {
    this.deps.log.info('usb_key.status', { status: status.status, reason: reasonOf(status) });
    if (status.status !== 'key_present' || this.key?.keyId !== status.keyId) {
      this.key?.records.close();
      this.key =
        status.status === 'key_present'
          ? { keyId: status.keyId, device: status.device, records: this.deps.records.attach(status.device) }
          : undefined;
    }
    this.dispatch({ type: 'key.status', status: keySignal(status) });
    // While a session goes on (a card in the reader), the next key's worker is loaded ahead of it.
    if (this.state.card.status !== 'absent' && this.state.card.status !== 'service_unavailable')
      void this.deps.records.prepare();
  }

  /** Returns true when the event was a refused command. */
  dispatch(event: SessionEvent): boolean {
    const before = this.state;
    const out = step(before, event, this.now());
    this.state = out.state;
    for (const effect of out.effects) this.run(effect);
    this.publish();
    return out.refused === true;
  }

  private publish(): void {
    const view = this.view();
    const json = JSON.stringify({ ...view, revision: 0 });
    if (json === this.lastViewJson) return;
    this.lastViewJson = json;
    this.revision += 1;
    const pushed = { ...view, revision: this.revision };
    for (const listener of this.listeners) listener(pushed);
  }

  private run(effect: SessionEffect): void {
    this.execute(effect).catch((error: unknown) => {
      // An effect that throws is a bug in an adapter: log its class only (no content), carry on.
      this.deps.log.error('effect.failed', {
        effect: effect.type,
        error: error instanceof Error ? error.name : 'unknown',
      });
    });
  }

  private keyFor(keyId: string): RuntimeKey | undefined {
    return this.key?.keyId === keyId ? this.key : undefined;
  }

  private async execute(effect: SessionEffect): Promise<void> {
    const { smartcard, audit, log } = this.deps;
    switch (effect.type) {
      case 'query_pin_retries': {
        const retriesLeft = await smartcard.pinRetries(effect.cardId);
        this.dispatch({ type: 'card.retries', cardId: effect.cardId, retriesLeft });
        return;
      }
      case 'login': {
        const result = await smartcard.login(effect.cardId, effect.pin);
        log.info('card.login', { outcome: result.status, reason: reasonOf(result) });
        this.dispatch({
          type: 'card.login_result',
          cardId: effect.cardId,
          requestId: effect.requestId,
          result,
        });
        return;
      }
      case 'read_key': {
        const key = this.keyFor(effect.keyId);
        if (!key) return;
        const result = await key.records.read();
        if (result.ok && this.keyFor(effect.keyId) === key) key.read = true;
        log.info('usb_key.read', {
          outcome: result.ok ? 'ok' : result.error,
          bytes: result.ok ? result.value.bytes : undefined,
        });
        const recordId = result.ok ? result.value.recordId : undefined;
        this.dispatch({
          type: 'key.read_result',
          keyId: effect.keyId,
          requestId: effect.requestId,
          result: result.ok ? { ok: true, value: null } : result,
          ...(recordId !== undefined ? { recordId } : {}),
        });
        return;
      }
      case 'open_with_code':
      case 'open_emergency': {
        const key = this.keyFor(effect.keyId);
        if (!key?.read) return;
        const result =
          effect.type === 'open_with_code'
            ? await key.records.openWithCode(effect.code, this.now(), effect.withAccessLog === true)
            : await key.records.openEmergency(this.now());
        log.info('usb_key.unlock', {
          via: effect.type === 'open_with_code' ? 'code' : 'emergency',
          outcome: result.ok ? 'ok' : result.error,
          tier: result.ok ? result.value.tier : undefined,
        });
        this.dispatch({ type: 'key.open_result', keyId: effect.keyId, requestId: effect.requestId, result });
        return;
      }
      case 'append_access_log': {
        const key = this.keyFor(effect.keyId);
        if (!key) return;
        const result = await key.records.appendAccessLog(effect.entry, this.now());
        log.info('usb_key.access_log', { outcome: result });
        this.dispatch({ type: 'key.access_log_result', keyId: effect.keyId, result });
        return;
      }
      case 'print':
        return this.print(effect);
      case 'abort_print':
        this.jobs.get(effect.jobId)?.abort();
        this.jobs.delete(effect.jobId);
        return;
      case 'audit':
        if (effect.event.event === 'idle_wipe') log.info('session.idle_wipe');
        try {
          audit.append(effect.event, this.now());
        } catch (error) {
          log.error('audit.append_failed', { error: error instanceof Error ? error.name : 'unknown' });
        }
        return;
      case 'schedule_idle':
        if (this.idleTimer) clearTimeout(this.idleTimer);
        this.idleTimer = undefined;
        if (effect.at !== null) this.armIdle(effect.at);
        return;
      case 'technician':
        return runTechnicianEffect(effect, {
          port: this.deps.technician,
          device: effect.keyId === undefined ? undefined : this.keyFor(effect.keyId)?.device,
          dispatch: (event) => this.dispatch(event),
          log,
        });
      case 'load_drug_reference':
        return this.loadDrugs();
      case 'author_preview':
      case 'author_write':
      case 'author_forget':
      case 'export_scan':
      case 'export_read':
        return runAuthoringEffect(effect, {
          keyFor: (keyId) => this.keyFor(keyId),
          smartcard,
          now: this.now,
          dispatch: (event) => this.dispatch(event),
          log,
        });
      default:
        return assertNever(effect, 'effect');
    }
  }

  /** Asked once: the machine marks the reference `loading` in the step that emits the effect. */
  private async loadDrugs(): Promise<void> {
    const load = this.deps.drugs ?? createDrugLoader(this.deps.log);
    // A loader that throws is a bug, but the screen must not say "loading" for ever (HZ-11).
    const knowledge = await load().catch((error: unknown) => {
      this.deps.log.error('crosscheck.reference_unavailable', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      return undefined;
    });
    if (this.unsubscribe.length > 0) this.dispatch({ type: 'drugs.loaded', knowledge });
  }

  private armIdle(at: number): void {
    this.idleTimer = setTimeout(
      () => {
        this.idleTimer = undefined;
        this.dispatch({ type: 'clock' });
        // A timer may fire a hair early: re-arm when the machine still has a deadline and no new timer.
        if (!this.idleTimer && this.state.idleDeadline !== undefined) this.armIdle(this.state.idleDeadline);
      },
      Math.max(0, at - this.now()) + 1,
    );
    this.idleTimer.unref();
  }

  private async print(job: Extract<SessionEffect, { type: 'print' }>): Promise<void> {
    const controller = new AbortController();
    this.jobs.set(job.jobId, controller);
    const onState = (view: Parameters<Parameters<PrintPort['run']>[1]>[0]) => {
      if (!controller.signal.aborted) this.dispatch({ type: 'print.update', jobId: job.jobId, view });
    };
    try {
      const final = await this.deps.printing
        .run(job, onState, controller.signal)
        .catch((error: unknown): ActivePrintView => {
          // A bug in the print path must still end the job on screen with retry and cancel.
          const name = error instanceof Error ? error.name : 'unknown';
          this.deps.log.error('effect.failed', { effect: 'print', error: name });
          const printer = printerView(this.deps.printer.current());
          return { status: 'failed', printer, cause: 'kiosk_error' };
        });
      this.deps.log.info('print.job', { outcome: final.status });
      onState(final);
    } finally {
      this.jobs.delete(job.jobId);
    }
  }
}
