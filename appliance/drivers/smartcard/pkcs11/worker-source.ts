/**
 * The PKCS#11 module runs in a worker thread: C_Login, C_GetSlotList or C_FindObjects of a
 * middleware that talks to a card through pcscd block for tens to hundreds of milliseconds and
 * pkcs11js has no asynchronous variant of them. The worker loads the module and answers calls one
 * at a time; the event loop never waits on the card. It is source text (evaluated with
 * `new Worker(source, { eval: true })`) so the same code runs under tsx, vitest and the build.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const pkcs11js = require(workerData.binding);
const ALLOWED = new Set(${JSON.stringify([
  'C_Initialize',
  'C_Finalize',
  'C_GetInfo',
  'C_GetSlotList',
  'C_GetSlotInfo',
  'C_GetTokenInfo',
  'C_GetMechanismList',
  'C_WaitForSlotEvent',
  'C_OpenSession',
  'C_CloseSession',
  'C_GetSessionInfo',
  'C_CloseAllSessions',
  'C_Login',
  'C_Logout',
  'C_FindObjectsInit',
  'C_FindObjects',
  'C_FindObjectsFinal',
  'C_GetAttributeValue',
  'C_SignInit',
  'C_Sign',
])});
const module = new pkcs11js.PKCS11();
let loaded;
try {
  module.load(workerData.modulePath);
  loaded = { ok: true };
} catch (error) {
  loaded = { ok: false, code: 'load_failed', name: String(error && error.name) };
}
// Buffers arrive as Uint8Array (structured clone): pkcs11js wants Buffers.
const toBuffers = (v) =>
  v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength)
  : Array.isArray(v) ? v.map(toBuffers)
  : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toBuffers(x)]))
  : v;
parentPort.on('message', ({ id, method, args }) => {
  if (!loaded.ok) return parentPort.postMessage({ id, ok: false, error: loaded });
  if (!ALLOWED.has(method)) return parentPort.postMessage({ id, ok: false, error: { code: 'not_allowed' } });
  try {
    const a = toBuffers(args);
    // C_Sign needs an output buffer big enough for any RSA-4096 or EC signature.
    const value = method === 'C_Sign' ? module.C_Sign(a[0], a[1], Buffer.alloc(1024)) : module[method](...a);
    parentPort.postMessage({ id, ok: true, value });
  } catch (error) {
    const code = error && typeof error.code === 'number' ? error.code : 'native_error';
    parentPort.postMessage({ id, ok: false, error: { code } });
  }
});
`;
