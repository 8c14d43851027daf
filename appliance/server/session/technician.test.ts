import { describe, expect, it } from 'vitest';
import type { Command } from '../../contract/commands.ts';
import type { SessionEffect, SessionEvent } from './events.ts';
import {
  authenticated,
  cardOut,
  cmd,
  identity,
  keyIn,
  keyOut,
  lockedKey,
  openOk,
  run,
  type Input,
} from './fixtures.testing.ts';
import type { TechnicianResult } from './technician.ts';
import { toView } from './view.ts';

const TECH = identity('technician');
const TECH_COMMANDS: Command['type'][] = [
  'technician.diagnostics',
  'technician.provision_check',
  'technician.provision',
  'technician.export',
  'technician.test_print',
  'technician.reboot',
];
const tcmd = (type: (typeof TECH_COMMANDS)[number]): SessionEvent => cmd({ type } as Command);
const techEffects = (effects: readonly SessionEffect[]) => effects.filter((e) => e.type === 'technician');

/** The service's answer to the last `technician` effect. */
const answer =
  (result: TechnicianResult): Input =>
  (s) => {
    if (s.technician.status !== 'open' || !s.technician.pending) throw new Error('nothing pending');
    return { type: 'technician.result', requestId: s.technician.pending.requestId, result };
  };

const SUMMARY = {
  siteName: 'Nouveau site',
  languages: ['fr'],
  defaultLanguage: 'fr',
  printer: 'none',
  trustAnchors: [],
  emergencyKeys: [],
  breakGlassProfessions: [],
  idleSeconds: 120,
  screen: {} as never,
  usbDevices: [],
  signature: { signer: 'CN=provisioning', signedAt: '2026-12-01T10:00:00.000Z' },
  revocation: { staleCrl: 'warn' as const, crls: [] },
};
const view = (s: Parameters<typeof toView>[0]) =>
  toView(s, { revision: 1, bootId: 'b', mode: 'simulated', siteName: 'S' });

describe('technician mode', () => {
  it('opens for a technician card only', () => {
    expect(run(authenticated(TECH)).state.technician.status).toBe('open');
    expect(run(authenticated(identity('doctor'))).state.technician.status).toBe('closed');
    expect(view(run(authenticated(TECH)).state).technician).toMatchObject({
      status: 'open',
      keyPresent: false,
      diagnostics: { status: 'idle' },
    });
  });

  it.each(['doctor', 'nurse', 'pharmacist', 'midwife'] as const)(
    'HZ-06 a %s cannot run any technician command',
    (profession) => {
      for (const type of TECH_COMMANDS) {
        const out = run([...authenticated(identity(profession)), keyIn('k'), tcmd(type)]);
        expect(out.refused, type).toBe(1);
        expect(techEffects(out.effects)).toEqual([]);
      }
    },
  );

  it('HZ-06 no technician command without an authenticated card', () => {
    for (const type of TECH_COMMANDS) {
      expect(run([keyIn('k'), tcmd(type)]).refused, type).toBe(1);
    }
  });

  it('HZ-15 a technician never reads or opens a patient key', () => {
    const out = run([...authenticated(TECH), keyIn('key-1')]);
    expect(out.effects.some((e) => e.type === 'read_key')).toBe(false);
    expect(out.state.key.status).toBe('absent');
    expect(out.state.devices.usbKey).toBe('present');
    expect(view(out.state).technician).toMatchObject({ status: 'open', keyPresent: true });
    for (const command of [
      { type: 'code.submit', code: 'ABCD-EFGH' },
      { type: 'break_glass.open' },
      { type: 'print.start' },
    ] as const) {
      expect(run([...authenticated(TECH), keyIn('key-1'), cmd(command)]).refused, command.type).toBe(1);
    }
  });

  it('HZ-15 a technician card drops a record opened by the previous card, in the same step', () => {
    const doctor = run([
      ...authenticated(identity('doctor')),
      ...lockedKey(),
      cmd({ type: 'code.submit', code: 'X' }),
      openOk('full'),
    ]);
    expect(doctor.state.key.status).toBe('open');
    const tech = run([cardOut, ...authenticated(TECH, 'card-2')], doctor.state);
    expect(tech.state.key.status).toBe('absent');
    expect(JSON.stringify(view(tech.state))).not.toContain('SECRET');
    expect(tech.state.technician).toMatchObject({ status: 'open', keyId: 'key-1' });
  });

  it('closes when the technician card goes, and a key left in is then read as a patient key', () => {
    const out = run([...authenticated(TECH), keyIn('key-1'), cardOut]);
    expect(out.state.technician.status).toBe('closed');
    expect(out.state.key).toMatchObject({ status: 'reading', keyId: 'key-1' });
    expect(out.last.some((e) => e.type === 'read_key')).toBe(true);
  });

  it('provisioning without a key asks for one; with a key, checks then applies (audited)', () => {
    expect(run([...authenticated(TECH), tcmd('technician.provision')]).state.technician).toMatchObject({
      provisioning: { status: 'no_key' },
    });
    const checking = run([...authenticated(TECH), keyIn('key-1'), tcmd('technician.provision_check')]);
    expect(techEffects(checking.last)).toEqual([
      { type: 'technician', requestId: expect.any(Number), action: 'provision_check', keyId: 'key-1' },
    ]);
    expect(checking.state.technician).toMatchObject({ provisioning: { status: 'reading' } });
    // One action at a time.
    expect(run([tcmd('technician.diagnostics')], checking.state).refused).toBe(1);
    const checked = run(
      [answer({ action: 'provision_check', outcome: { status: 'checked', summary: SUMMARY } })],
      checking.state,
    );
    expect(checked.state.technician).toMatchObject({ provisioning: { status: 'checked' } });
    expect(checked.effects.filter((e) => e.type === 'audit')).toEqual([]);
    const applied = run(
      [
        tcmd('technician.provision'),
        answer({
          action: 'provision',
          outcome: { status: 'applied', summary: SUMMARY, restartRequired: true },
        }),
      ],
      checked.state,
    );
    expect(view(applied.state).technician).toMatchObject({
      provisioning: { status: 'applied', summary: { siteName: 'Nouveau site' } },
      busy: false,
    });
    expect(applied.effects).toContainEqual({
      type: 'audit',
      event: {
        event: 'technician_action',
        who: { nationalId: TECH.nationalId, profession: 'technician' },
        action: 'provision',
        outcome: 'applied',
      },
    });
  });

  it('a rejected file lists its problems; a stale result is ignored', () => {
    const problems = [{ path: 'trustAnchors', message: { fr: 'Au moins une', en: 'At least one' } }];
    const out = run([
      ...authenticated(TECH),
      keyIn('key-1'),
      tcmd('technician.provision'),
      answer({ action: 'provision', outcome: { status: 'rejected', problems } }),
    ]);
    expect(out.state.technician).toMatchObject({ provisioning: { status: 'rejected', problems } });
    const stale = run(
      [
        {
          type: 'technician.result',
          requestId: 9999,
          result: { action: 'diagnostics', diagnostics: {} as never },
        },
      ],
      out.state,
    );
    expect(stale.state.technician).toEqual(out.state.technician);
  });

  it('a result arriving after the technician left changes nothing', () => {
    const busy = run([...authenticated(TECH), tcmd('technician.diagnostics')]);
    const pending = busy.state.technician.status === 'open' ? busy.state.technician.pending : undefined;
    expect(pending).toBeDefined();
    const late = run(
      [
        cardOut,
        ...authenticated(TECH, 'card-2'),
        {
          type: 'technician.result',
          requestId: pending?.requestId ?? 0,
          result: { action: 'diagnostics', diagnostics: {} as never },
        },
      ],
      busy.state,
    );
    expect(late.state.technician).toMatchObject({ status: 'open', diagnostics: { status: 'idle' } });
  });

  it('removing the key forgets it as a source', () => {
    const out = run([...authenticated(TECH), keyIn('key-1'), keyOut, tcmd('technician.export')]);
    expect(out.state.technician).toMatchObject({ export: { status: 'no_key' } });
    expect(techEffects(out.effects)).toEqual([]);
  });
});
