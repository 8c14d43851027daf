/**
 * The catalogue of structured log events (pino `event` field). Stable names; a log line carries
 * identifiers and outcomes only — never a name, a code, a PIN or clinical text (HZ-12).
 */
export const LOG_EVENTS = {
  'server.started': 'the HTTP server listens (address, mode)',
  'server.stopping': 'shutdown requested (signal)',
  'server.request_refused': 'HTTP request refused (reason: host, secret, origin)',
  'socket.connected': 'a kiosk page connected',
  'socket.refused': 'a socket connection was refused (reason)',
  'socket.disconnected': 'a kiosk page disconnected',
  'socket.command_invalid': 'a command failed validation (type only)',
  'config.invalid': 'the configuration file was missing or rejected (path, reason, fallback)',
  'config.loaded': 'the configuration file was accepted (path, site)',
  'card.status': 'reader status changed (status)',
  'card.login': 'login finished (outcome)',
  'usb_key.status': 'key status changed (status)',
  'usb_key.read': 'container read (outcome, bytes)',
  'usb_key.unlock': 'unlock finished (via, outcome, tier)',
  'usb_key.access_log': 'access-log append finished (outcome)',
  'printer.status': 'printer status changed (status)',
  'print.job': 'print job finished (outcome)',
  'crosscheck.reference_loaded': 'drug reference loaded for a pharmacist (from, counts, index bytes, ms)',
  'crosscheck.reference_unavailable': 'drug reference could not be loaded (error kind)',
  'session.idle_wipe': 'session wiped after inactivity',
  'session.command_refused': 'a command was refused in the current state (type)',
  'audit.append_failed': 'an audit row could not be written (error class)',
  'effect.failed': 'an effect threw: a bug (effect type, error class)',
  'demo.keys_ready': 'demo keys generated or found (count)',
  'dock.action': 'dev dock action (simulated mode only; action)',
  'technician.diagnostics': 'technician diagnostics gathered (outcome)',
  'technician.provision': 'technician provisioning checked or applied (action, outcome)',
  'technician.export': 'technician export to a key finished (outcome)',
  'technician.test_print': 'technician test print finished (outcome)',
  'technician.reboot': 'technician reboot asked (outcome)',
} as const;

export type LogEvent = keyof typeof LOG_EVENTS;
