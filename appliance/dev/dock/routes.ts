/**
 * The dev dock's JSON API (simulated mode only, loopback only, no secret): scripts and tests
 * insert and pull simulated cards and keys, set the printer's state and read the last receipt.
 * Never mounted in production mode (tested).
 */
import { statSync } from 'node:fs';
import express, { type Request, type Response, type Router } from 'express';
import type { SimulatedDevices } from '../devices.ts';
import type { EventLogger } from '../../server/logger.ts';
import type { SessionRuntime } from '../../server/runtime.ts';
import { isLoopback } from '../../server/http/security.ts';
import type { DemoKey } from './demo-keys.ts';
import { dockSessionState } from './state.ts';
import {
  DockCardInsertSchema,
  DockKeyInsertSchema,
  DockPrinterRequestSchema,
  type DockErrorResponse,
  type DockLastReceiptResponse,
  type DockStateResponse,
} from '../../contract/dock.ts';
import { createKeyImage, writeKeyFile } from '../../record/fat/index.ts';
import { memorySource } from '../../record/block-source.ts';
import { DOCK_MID_JOB_FAULTS, DOCK_PRINTER_STATES } from '../../contract/dock-printer.ts';

export interface DockContext {
  readonly devices: SimulatedDevices;
  readonly demoKeys: () => readonly DemoKey[];
  readonly runtime: SessionRuntime;
  readonly log: EventLogger;
  /** An IPS fixture's bytes by name, for an export stick; undefined when there is none. */
  readonly exportFixture?: (name: string) => Uint8Array | undefined;
}

const MAX_IMAGE_BYTES = 2 * 1024 * 1024 * 1024;

function bad(res: Response, status: number, error: string): void {
  res.status(status).json({ ok: false, error } satisfies DockErrorResponse);
}

export function dockRouter(ctx: DockContext): Router {
  const router = express.Router();
  const { cards, keys, printer, profiles } = ctx.devices;
  router.use((req, res, next) => {
    if (!isLoopback(req.socket.remoteAddress)) return bad(res, 403, 'loopback only');
    next();
  });
  router.use(express.json({ limit: '16kb' }));
  const action = (name: string) => ctx.log.info('dock.action', { action: name });

  router.post('/usb-key/insert', (req: Request, res: Response) => {
    const body = DockKeyInsertSchema.safeParse(req.body);
    if (!body.success)
      return bad(
        res,
        400,
        'expected {"image": "<path>"}, {"demo": "<name>"}, {"blank": true} or {"export": "<fixture>"}',
      );
    let image: string | Uint8Array;
    const data = body.data;
    if ('blank' in data) {
      image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 });
    } else if ('export' in data) {
      const bundle = ctx.exportFixture?.(data.export);
      if (bundle === undefined) return bad(res, 404, 'unknown IPS fixture');
      image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 << 20 });
      if (!writeKeyFile(memorySource(image), 'IPS.JSON', bundle).ok)
        return bad(res, 500, 'export stick not made');
    } else if ('demo' in data) {
      const demo = ctx.demoKeys().find((k) => k.name === data.demo);
      if (!demo)
        return bad(
          res,
          404,
          `unknown demo key; known: ${ctx
            .demoKeys()
            .map((k) => k.name)
            .join(', ')}`,
        );
      image = demo.image;
    } else {
      image = data.image;
      try {
        const stat = statSync(image);
        if (!stat.isFile() || stat.size > MAX_IMAGE_BYTES) return bad(res, 400, 'not a key image file');
      } catch {
        return bad(res, 404, 'image file not found');
      }
    }
    action('usb_key.insert');
    const { readOnly, failReadAtByte, failWriteAfterWrites, stallAfterReads, writeDelayMs } = data;
    const keyId = keys.insert(image, {
      ...(readOnly ? { readOnly: true } : { writable: true }),
      ...(failReadAtByte === undefined ? {} : { failReadAtByte }),
      ...(failWriteAfterWrites === undefined ? {} : { failWriteAfterWrites }),
      ...(stallAfterReads === undefined ? {} : { stallAfterReads }),
      ...(writeDelayMs === undefined ? {} : { writeDelayMs }),
    });
    res.json({ ok: true, keyId });
  });

  router.post('/usb-key/remove', (_req, res) => {
    action('usb_key.remove');
    keys.remove();
    res.json({ ok: true });
  });

  router.post('/card/insert', async (req, res) => {
    const body = DockCardInsertSchema.safeParse(req.body);
    if (!body.success) return bad(res, 400, 'expected {"profile": "<name>"}');
    // Only one card in the reader: the current one is pulled first (the session sees a removal).
    if (!(await cards.insert(body.data.profile)))
      return bad(res, 404, `unknown profile; known: ${profiles.map((p) => p.profile).join(', ')}`);
    action('card.insert');
    res.json({ ok: true });
  });

  router.post('/card/remove', async (_req, res) => {
    action('card.remove');
    await cards.remove();
    res.json({ ok: true });
  });

  router.post('/printer/state', (req, res) => {
    const body = DockPrinterRequestSchema.safeParse(req.body);
    if (!body.success)
      return bad(
        res,
        400,
        `expected {"state": ${DOCK_PRINTER_STATES.map((s) => `"${s}"`).join('|')}} or {"state": ${DOCK_MID_JOB_FAULTS.map((s) => `"${s}"`).join('|')}, "afterBytes": N}`,
      );
    action('printer.state');
    printer.setState(body.data);
    res.json({ ok: true });
  });

  router.get('/printer/last', async (_req, res) => {
    const bytes = printer.last();
    if (!bytes) return bad(res, 404, 'nothing printed yet');
    const { decodeReceipt } = await import('../virtual-printer/decoder.ts');
    const receipt = await decodeReceipt(bytes);
    res.json({
      ok: true,
      bytes: bytes.length,
      jobs: printer.jobCount(),
      transcript: receipt.transcript,
      png: `data:image/png;base64,${receipt.png.toString('base64')}`,
    } satisfies DockLastReceiptResponse);
  });

  router.get('/state', (_req, res) => {
    res.json({
      ok: true,
      devices: {
        card: { profile: cards.insertedProfile() ?? null, reader: cards.readerStatus() },
        usbKey: keys.current().status,
        printer: printer.current().status,
        /** Jobs the simulated printer confirmed in full since the start. */
        printedJobs: printer.jobCount(),
      },
      session: dockSessionState(ctx.runtime.snapshot(), ctx.runtime.view()),
      profiles,
      demoKeys: ctx.demoKeys().map((k) => ({ name: k.name, code: k.code })),
    } satisfies DockStateResponse);
  });

  router.use((_req, res) => bad(res, 404, 'unknown dock route'));
  return router;
}
