/**
 * Who may talk to the kiosk server: only the kiosk page on this machine. Checks are cheap and
 * run before anything else: Host allowlist (DNS rebinding), Origin allowlist, the per-boot
 * secret (socket handshake and every /api call), and strict response headers.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export const SECRET_HEADER = 'x-baladeur-secret';

export class Allowlist {
  private port = 0;
  setPort(port: number): void {
    this.port = port;
  }
  hosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
  }
  origins(): string[] {
    return this.hosts().map((h) => `http://${h}`);
  }
  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.hosts().includes(host.toLowerCase());
  }
  /** A request without Origin comes from a local non-browser client: it still needs the secret. */
  originAllowed(origin: string | undefined): boolean {
    return origin === undefined || this.origins().includes(origin.toLowerCase());
  }
}

export function secretMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

type Refuse = (reason: 'host' | 'origin' | 'secret') => void;

/** Host and Origin checks for every HTTP request, plus the security headers. */
export function guard(allow: Allowlist, onRefuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!allow.hostAllowed(req.headers.host)) {
      onRefuse('host');
      res.status(421).type('text/plain').send('misdirected request');
      return;
    }
    if (!allow.originAllowed(req.headers.origin)) {
      onRefuse('origin');
      res.status(403).type('text/plain').send('forbidden');
      return;
    }
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host as string));
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=(), serial=()');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

export function requireSecret(secret: string, onRefuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!secretMatches(secret, req.headers[SECRET_HEADER])) {
      onRefuse('secret');
      res.status(403).type('text/plain').send('forbidden');
      return;
    }
    next();
  };
}

/** socket.io `allowRequest`: same Host and Origin rules as HTTP, before the handshake. */
export function allowSocketRequest(allow: Allowlist, onRefuse: Refuse) {
  return (
    req: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ): void => {
    if (!allow.hostAllowed(req.headers.host)) {
      onRefuse('host');
      callback('forbidden', false);
      return;
    }
    if (!allow.originAllowed(req.headers.origin)) {
      onRefuse('origin');
      callback('forbidden', false);
      return;
    }
    callback(null, true);
  };
}
