/**
 * The site's pinned HID devices (KioskConfig.usbDevices) as usbguard rules, loaded from
 * /run/usbguard/rules.d/ after the class rules of /etc/usbguard/rules.conf.
 *
 * `with-interface match-all { 03:*:* }`: every interface the device exposes must be HID
 * (usbguard-rules.conf(5): match-all = "the device attribute set must be a subset of the specified
 * values"; `all-of` would only require the device to have one HID interface among others). So a
 * scanner or touchscreen with the right id that also presents storage, a network adapter or a
 * vendor interface is refused. The rule never names the device by its product string: only ids.
 *
 * Nothing from the configuration reaches the rule text unchecked: ids must be 4 lowercase hex
 * digits (anything else is a bug: the schema refuses it first) and names end up in a comment,
 * reduced to a few safe ASCII characters on one line (a CR or LF would otherwise start a rule).
 */
import type { UsbDevice } from './schema.ts';

export const SITE_RULES_HEADER = [
  '# Baladeur site devices, generated at boot from /data/baladeur/config.json',
  '# (baladeur-usbguard-site.service). HID only, pinned by vendor:product id.',
];

const USB_ID = /^[0-9a-f]{4}$/;

/** One line of printable ASCII without usbguard syntax of note: letters, digits, space, . , _ - ( ) + / */
export function commentText(text: string, max = 64): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 .,_()+/-]+/g, '_')
    .replace(/ {2,}/g, ' ')
    .trim();
  return ascii.length > max ? `${ascii.slice(0, max - 3)}...` : ascii;
}

export function usbguardRule(device: UsbDevice): string {
  if (!USB_ID.test(device.vendorId) || !USB_ID.test(device.productId))
    throw new Error('usbguard-site-rules: invalid USB id reached the generator');
  return `allow id ${device.vendorId}:${device.productId} with-interface match-all { 03:*:* }`;
}

/** The rule file's text: the header, then a comment and a rule per device; header only if none. */
export function usbguardSiteRules(devices: readonly UsbDevice[] | undefined): string {
  const lines = [...SITE_RULES_HEADER];
  for (const device of devices ?? []) {
    const name = device.name === undefined ? '' : commentText(device.name);
    lines.push(`# ${commentText(device.kind)}${name ? `: ${name}` : ''}`);
    lines.push(usbguardRule(device));
  }
  return `${lines.join('\n')}\n`;
}
