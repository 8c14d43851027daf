/**
 * Parser for `udevadm monitor --udev --property` output and `udevadm info --query=property`.
 * Monitor output is a header line per event ("UDEV  [1234.5678] add  /devices/… (block)")
 * followed by KEY=VALUE lines and a blank line (systemd udevadm-monitor.c, print_device()).
 * Incremental: feed it chunks as they arrive; complete events come out.
 */
export interface UdevEvent {
  readonly action: string;
  readonly devpath: string;
  readonly properties: Readonly<Record<string, string>>;
}

const HEADER = /^(UDEV|KERNEL)\s+\[[\d.]+\]\s+(\S+)\s+(\S+)/;
const PROPERTY = /^([A-Za-z0-9_.]+)=(.*)$/;
/** A property block larger than this is not udev talking; drop it. */
const MAX_PROPERTIES = 256;
const MAX_LINE = 8192;

export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = PROPERTY.exec(line.trimEnd());
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

export class UdevMonitorParser {
  private pending = '';
  private props: Record<string, string> | undefined;
  private header: { action: string; devpath: string } | undefined;

  /** Feeds a chunk of monitor output; returns the events completed by it. */
  push(chunk: string): UdevEvent[] {
    this.pending += chunk;
    const events: UdevEvent[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      const event = this.line(line);
      if (event) events.push(event);
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > MAX_LINE) this.pending = '';
    return events;
  }

  /** Flushes a final event not followed by a blank line (end of stream). */
  end(): UdevEvent[] {
    const tail = this.pending.length > 0 ? this.push('\n') : [];
    const last = this.finish();
    return last ? [...tail, last] : tail;
  }

  private line(line: string): UdevEvent | undefined {
    if (line.trim() === '') return this.finish();
    const header = HEADER.exec(line);
    if (header?.[2] !== undefined && header[3] !== undefined) {
      const previous = this.finish();
      this.header = { action: header[2], devpath: header[3] };
      this.props = {};
      return previous;
    }
    if (!this.props) return undefined;
    const m = PROPERTY.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && Object.keys(this.props).length < MAX_PROPERTIES) {
      this.props[m[1]] = m[2];
    }
    return undefined;
  }

  private finish(): UdevEvent | undefined {
    const props = this.props;
    const header = this.header;
    this.props = undefined;
    this.header = undefined;
    if (!props || !header) return undefined;
    return {
      action: props.ACTION ?? header.action,
      devpath: props.DEVPATH ?? header.devpath,
      properties: props,
    };
  }
}
