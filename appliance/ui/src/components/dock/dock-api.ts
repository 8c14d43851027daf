/** The dev dock's JSON API (simulated mode only; loopback, no secret): contract/dock.ts. */
import type {
  DockCardInsert,
  DockKeyInsert,
  DockLastReceiptResponse,
  DockPrinterRequest,
  DockStateResponse,
} from '../../../../contract/dock.ts';
import { DOCK_MID_JOB_AFTER_BYTES, type DockMidJobFault } from '../../../../contract/dock-printer.ts';

export {
  DOCK_MID_JOB_FAULTS as PRINTER_MID_JOB_FAULTS,
  DOCK_PRINTER_STATES as PRINTER_STATES,
} from '../../../../contract/dock-printer.ts';

/** What the overlay lists: the cards and demo keys it can insert. */
export type DockState = Pick<DockStateResponse, 'profiles' | 'demoKeys'>;
export type LastReceipt = Pick<DockLastReceiptResponse, 'transcript'> & { readonly png?: string };

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  absentOk = false,
): Promise<unknown> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (absentOk && response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : undefined;
}

export async function dockState(): Promise<DockState> {
  const state = (await call('GET', '/dev/state')) as Partial<DockStateResponse> | undefined;
  return { profiles: state?.profiles ?? [], demoKeys: state?.demoKeys ?? [] };
}
export const insertCard = (profile: string) =>
  call('POST', '/dev/card/insert', { profile } satisfies DockCardInsert);
export const removeCard = () => call('POST', '/dev/card/remove', {});
export const insertDemoKey = (demo: string) =>
  call('POST', '/dev/usb-key/insert', { demo } satisfies DockKeyInsert);
export const removeKey = () => call('POST', '/dev/usb-key/remove', {});
export const setPrinter = (request: DockPrinterRequest) => call('POST', '/dev/printer/state', request);
/** The fault happens partway through the next receipt. */
export const setPrinterMidJob = (state: DockMidJobFault) =>
  call('POST', '/dev/printer/state', {
    state,
    afterBytes: DOCK_MID_JOB_AFTER_BYTES,
  } satisfies DockPrinterRequest);
export async function lastReceipt(): Promise<LastReceipt | undefined> {
  const last = (await call('GET', '/dev/printer/last', undefined, true)) as
    Partial<DockLastReceiptResponse> | undefined;
  return typeof last?.transcript === 'string' ? { transcript: last.transcript, png: last.png } : undefined;
}

/**
 * Draws a PNG data URL on a canvas without loading it as a URL, so a strict CSP
 * (`img-src 'self'`) does not block the preview.
 */
export async function drawPng(canvas: HTMLCanvasElement, dataUrl: string): Promise<void> {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
}
