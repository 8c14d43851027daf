/**
 * Tells systemd the server is ready and alive (sd_notify protocol) when run as a `Type=notify`
 * unit with `WatchdogSec=` (image/rootfs/etc/systemd/system/baladeur-server.service).
 * Node has no unix datagram sockets, so the messages go through `systemd-notify` (the unit sets
 * `NotifyAccess=all`). The watchdog ping is the one periodic timer of the server: a liveness
 * heartbeat, not polling — if the event loop stalls, the pings stop and systemd restarts us.
 */
import { execFile } from 'node:child_process';

export interface SystemdNotifier {
  stop(): void;
}

export function startSystemdNotify(env: NodeJS.ProcessEnv = process.env): SystemdNotifier {
  if (!env.NOTIFY_SOCKET) return { stop() {} };
  const send = (...messages: string[]) =>
    execFile('systemd-notify', [`--pid=${process.pid}`, ...messages], () => {
      /* a lost notification only delays readiness or triggers a watchdog restart */
    });
  send('--ready', 'STATUS=kiosk server listening');
  const watchdogUsec = Number(env.WATCHDOG_USEC ?? 0);
  if (!(watchdogUsec > 0)) return { stop() {} };
  const timer = setInterval(() => send('WATCHDOG=1'), Math.max(1000, watchdogUsec / 2000));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
