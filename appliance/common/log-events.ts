/**
 * The one catalogue of structured log events (the `event` field of every log line), for the
 * server and the drivers: name → level and a one-line description (fields in parentheses).
 * Stable names; a line carries identifiers, statuses and outcomes only — never a name, a code, a
 * PIN or clinical text (HZ-12). Who logs what: the runtime logs every device's status change and
 * session outcome whatever the implementation (real, simulated, absent); a driver logs only what
 * its hardware alone shows (readers, pcscd, udev, transports). docs/log-events.md is generated
 * from this table
 * (`node --import tsx scripts/log-events-doc.ts`; a test compares them).
 */
export type LogLevel = 'info' | 'warn' | 'error';

interface Entry {
  readonly level: LogLevel;
  readonly description: string;
}

export const LOG_EVENTS = {
  'server.started': { level: 'info', description: 'the HTTP server listens (url, mode, provisioned)' },
  'server.request_refused': {
    level: 'warn',
    description: 'HTTP request refused (reason: host, secret, origin)',
  },
  'socket.connected': { level: 'info', description: 'a kiosk page connected (clients)' },
  'socket.refused': { level: 'warn', description: 'a socket connection was refused (reason)' },
  'socket.disconnected': { level: 'info', description: 'a kiosk page disconnected (clients)' },
  'socket.command_invalid': { level: 'warn', description: 'a command failed validation (type only)' },
  'config.invalid': {
    level: 'warn',
    description: 'the configuration file was missing or rejected (path, reason, fallback)',
  },
  'card.status': { level: 'info', description: 'card reader status changed (status, reason)' },
  'card.login': { level: 'info', description: 'professional card login finished (outcome, reason)' },
  'usb_key.status': { level: 'info', description: 'USB key status changed (status, reason)' },
  'usb_key.unavailable': { level: 'error', description: 'USB keys cannot be watched at all (reason)' },
  'usb_key.read': { level: 'info', description: 'container read (outcome, bytes)' },
  'usb_key.unlock': { level: 'info', description: 'unlock finished (via, outcome, tier)' },
  'usb_key.access_log': { level: 'info', description: 'access-log append finished (outcome)' },
  'authoring.sign': {
    level: 'info',
    description:
      'record authoring: the card asked for its signing key after a fresh PIN (outcome, e.g. ready, wrong_pin)',
  },
  'authoring.write': {
    level: 'info',
    description: 'record authoring: the signed record write finished (mode new|update, outcome, version)',
  },
  'authoring.export_scan': {
    level: 'info',
    description:
      "record authoring: an export stick from the doctor's software was listed (outcome found|no_bundle|unreadable, count; no file name)",
  },
  'authoring.export_read': {
    level: 'info',
    description:
      'record authoring: the chosen export bundle was read and validated (outcome valid|too_large|invalid|unreadable)',
  },
  'printer.status': { level: 'info', description: 'printer status changed (status, reason)' },
  'printer.unavailable': {
    level: 'error',
    description:
      'the configured printer cannot be used at all (reason: usb_unavailable, simulated_in_production)',
  },
  'print.job': { level: 'info', description: 'print job finished (outcome)' },
  'crosscheck.reference_loaded': {
    level: 'info',
    description: 'drug reference loaded for a pharmacist (from, products, boxes, indexBytes, ms)',
  },
  'crosscheck.reference_unavailable': {
    level: 'error',
    description: 'drug reference could not be loaded (error kind or class)',
  },
  'session.idle_wipe': { level: 'info', description: 'session wiped after inactivity' },
  'session.command_refused': {
    level: 'info',
    description: 'a command was refused in the current state (type)',
  },
  'audit.append_failed': { level: 'error', description: 'an audit row could not be written (error class)' },
  'effect.failed': { level: 'error', description: 'an effect threw: a bug (effect type, error class)' },
  'demo.keys_ready': {
    level: 'info',
    description: 'demo keys generated or found (count; development kiosk)',
  },
  'dock.action': { level: 'info', description: 'dev dock action (action; development kiosk)' },
  'technician.diagnostics': {
    level: 'info',
    description: 'technician diagnostics gathered (action, outcome)',
  },
  'technician.provision': {
    level: 'info',
    description: 'technician provisioning checked or applied (action, outcome)',
  },
  'technician.export': {
    level: 'info',
    description: 'technician export to a key finished (action, outcome)',
  },
  'technician.test_print': { level: 'info', description: 'technician test print finished (action, outcome)' },
  'technician.reboot': { level: 'info', description: 'technician reboot asked (action, outcome)' },
  'technician.set_clock': {
    level: 'info',
    description:
      'technician set the date and time (action, outcome: requested, simulated, before_build, io_*)',
  },
  'usbguard_site.rules_written': {
    level: 'info',
    description: 'boot: the site usbguard rule file was written (file, rules, source, reason)',
  },
  'usbguard_site.write_failed': {
    level: 'error',
    description: 'boot: the site usbguard rule file could not be written (error: path and errno code)',
  },
  // Driver: professional card reader through pcscd (appliance/drivers/smartcard).
  'smartcard.service_unavailable': {
    level: 'warn',
    description: 'pcscd unreachable; retried with backoff, logged once per outage (error code)',
  },
  'smartcard.service_connected': { level: 'info', description: 'connected to pcscd' },
  'smartcard.service_lost': { level: 'warn', description: 'pcscd connection lost (error code)' },
  'smartcard.reader_added': { level: 'info', description: 'a reader appeared (reader name, used)' },
  'smartcard.reader_removed': { level: 'info', description: 'a reader went away (reader name)' },
  'smartcard.reader_error': {
    level: 'warn',
    description: 'a reader reported an error (reader name, error code)',
  },
  'smartcard.reader_busy': {
    level: 'warn',
    description: 'a reader stayed busy past the close timeout and was left open (reader name)',
  },
  'smartcard.card_identified': {
    level: 'info',
    description: 'a card answered as a known profile (reader, profile)',
  },
  'smartcard.card_retry': {
    level: 'info',
    description: 'a card refused its connection while still present; connecting again (reader)',
  },
  'smartcard.card_error': {
    level: 'error',
    description: 'identifying a card threw: a bug or a hostile card (reader, error code)',
  },
  // Driver: professional card through a PKCS#11 module (appliance/drivers/smartcard/pkcs11).
  'smartcard.pkcs11_unavailable': {
    level: 'warn',
    description:
      'the PKCS#11 module could not be loaded or initialised; retried with backoff, once per outage (reason)',
  },
  'smartcard.pkcs11_ready': {
    level: 'info',
    description: 'the PKCS#11 module is initialised (slotEvents: supported or poll)',
  },
  'smartcard.pkcs11_lost': {
    level: 'warn',
    description: 'the PKCS#11 module stopped answering or failed; re-initialising (error code)',
  },
  'smartcard.pkcs11_token_unreadable': {
    level: 'warn',
    description: 'a token could not be opened or its certificates read (error code)',
  },
  // Driver: USB keys through udev (appliance/drivers/usb-key).
  'usb_key.monitor_started': { level: 'info', description: 'udev monitor running (devices at start)' },
  'usb_key.monitor_error': { level: 'warn', description: 'udevadm could not be started (error code)' },
  'usb_key.monitor_exited': {
    level: 'warn',
    description: 'udevadm monitor exited; restarted after a delay (code)',
  },
  'usb_key.device_opened': {
    level: 'info',
    description: 'a new key presented; its worker opens the block device (device, partitions, table)',
  },
  'usb_key.open_failed': {
    level: 'warn',
    description: 'the medium size of a key could not be read from sysfs (device, kind)',
  },
  // Driver: ESC/POS printer (appliance/drivers/printer).
  'printer.open_failed': { level: 'warn', description: 'the printer transport could not be opened (kind)' },
  'printer.transport_closed': { level: 'warn', description: 'the printer connection closed (kind)' },
  'printer.resync': { level: 'warn', description: 'the printer answered nothing; reconnecting' },
} as const satisfies Readonly<Record<string, Entry>>;

export type LogEvent = keyof typeof LOG_EVENTS;

/** The events catalogued at `level`: `info('x')` compiles only for an info event. */
export type LogEventAt<L extends LogLevel> = {
  [E in LogEvent]: (typeof LOG_EVENTS)[E]['level'] extends L ? E : never;
}[LogEvent];

export function isLogEvent(name: string): name is LogEvent {
  return Object.hasOwn(LOG_EVENTS, name);
}
