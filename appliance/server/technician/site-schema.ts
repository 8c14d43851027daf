/**
 * The site provisioning file a technician brings on a USB key (`BALADEUR-SITE/site.json`,
 * docs/technician-guide.md "Provision"). Built from the kiosk ConfigSchema's own parts, so a
 * valid site file always gives a configuration the kiosk accepts; trust anchors and emergency
 * keys come inline (PEM strings, private JWKs) and are written to files in the data folder.
 * Messages that are not zod's own are keys of `provisioning-messages.ts` (fr/en).
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { ConfigSchema, UsbDeviceSchema } from '../config/schema.ts';

export const SITE_FORMAT = 'baladeur-site/1';

const shape = ConfigSchema.shape;

function isCaCertificate(pem: string): 'ok' | 'not_pem' | 'not_ca' {
  try {
    return new X509Certificate(pem).ca ? 'ok' : 'not_ca';
  } catch {
    return 'not_pem';
  }
}

const TrustAnchor = z
  .string()
  .max(16 * 1024)
  .superRefine((pem, ctx) => {
    const one = pem.match(/-----BEGIN CERTIFICATE-----/g)?.length === 1;
    const check = one ? isCaCertificate(pem) : 'not_pem';
    if (check !== 'ok')
      ctx.addIssue({
        code: 'custom',
        message: check === 'not_pem' ? 'site.anchor_not_pem' : 'site.anchor_not_ca',
      });
  });

/** Emergency keys: P-256 (ECDH-ES) or X25519 private JWKs with a `kid` (the file name). */
const EmergencyKey = z
  .object({
    kty: z.enum(['EC', 'OKP']),
    crv: z.enum(['P-256', 'X25519']),
    kid: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'site.kid_format'),
    d: z.string().min(1),
    x: z.string().min(1),
    y: z.string().min(1).optional(),
  })
  .loose()
  .superRefine((jwk, ctx) => {
    try {
      createPrivateKey({
        key: jwk as unknown as import('node:crypto').JsonWebKeyInput['key'],
        format: 'jwk',
      });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'site.key_unusable' });
    }
  });

/** Names as wlroots gives them (`HDMI-A-1`, `eDP-1`, `Virtual-1`): written into a systemd EnvironmentFile. */
const OutputName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'site.output_name');

export const ScreenSchema = z
  .object({
    rotation: z
      .number()
      .refine((r) => [0, 90, 180, 270].includes(r), 'site.rotation')
      .transform((r) => r as 0 | 90 | 180 | 270)
      .default(0),
    /** Output the touchscreen is mapped to; absent: the compositor's default. */
    touchOutput: OutputName.optional(),
    /** Seconds without a touch before the screen blanks; 0 never blanks. */
    blankingSeconds: z.number().int().min(0).max(86_400).default(600),
  })
  .strict();

/** Checks on one field run even when other fields are wrong: the report lists every problem at once. */
const BreakGlass = shape.breakGlass.superRefine((bg, ctx) => {
  if (bg.professions.includes('technician')) {
    ctx.addIssue({ code: 'custom', path: ['professions'], message: 'site.technician_break_glass' });
  }
});
const CodeProfessions = shape.codeProfessions.superRefine((professions, ctx) => {
  if (professions.includes('technician')) ctx.addIssue({ code: 'custom', message: 'site.technician_code' });
});
const Keyring = z
  .array(EmergencyKey)
  .max(8)
  .default([])
  .superRefine((keys, ctx) => {
    const kids = keys.map((k) => k.kid);
    kids.forEach((kid, i) => {
      if (kids.indexOf(kid) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'kid'], message: 'site.kid_duplicate' });
    });
  });

/** The same vendor:product twice would be a typo (two different devices were meant). */
const UsbDevices = z
  .array(UsbDeviceSchema)
  .max(8)
  .default([])
  .superRefine((devices, ctx) => {
    const ids = devices.map((d) => `${d.vendorId}:${d.productId}`);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'site.usb_duplicate' });
    });
  });

export const SiteProvisioningSchema = z
  .object({
    format: z.literal(SITE_FORMAT),
    site: shape.site,
    languages: shape.languages,
    defaultLanguage: shape.defaultLanguage,
    printer: shape.printer,
    trustAnchors: z.array(TrustAnchor).min(1).max(8),
    emergencyKeyring: Keyring,
    breakGlass: BreakGlass,
    codeProfessions: CodeProfessions,
    timeouts: shape.timeouts,
    screen: ScreenSchema.default({ rotation: 0, blankingSeconds: 600 }),
    usbDevices: UsbDevices,
    /**
     * Who may author records and when a record reads as possibly out of date (HZ-05); the record
     * signers' authorities are the site's trustAnchors. Absent: doctor and midwife, 12 months.
     */
    recordSigning: z
      .object({
        professions: shape.recordSigning.unwrap().shape.professions,
        outdatedAfterMonths: shape.recordSigning.unwrap().shape.outdatedAfterMonths,
      })
      .strict()
      .default({ professions: ['doctor', 'midwife'], outdatedAfterMonths: 12 }),
    /** Establishment staff mapped to a role by the site (docs/professional-cards.md); absent: none. */
    staffMappings: shape.staffMappings,
    /** The CRLs themselves travel signed beside site.json (crl-N.crl); this says what a stale one means. */
    revocation: z
      .object({ staleCrl: z.enum(['warn', 'refuse']).default('warn') })
      .strict()
      .default({ staleCrl: 'warn' }),
  })
  .strict()
  .refine((s) => s.languages.includes(s.defaultLanguage), {
    path: ['defaultLanguage'],
    message: 'site.default_language',
    // Runs whenever both fields are themselves valid, whatever else is wrong.
    when: (payload) => {
      const v = payload.value as { languages?: unknown; defaultLanguage?: unknown } | undefined;
      return (
        Array.isArray(v?.languages) &&
        typeof v?.defaultLanguage === 'string' &&
        !payload.issues.some((i) => i.path?.[0] === 'languages' || i.path?.[0] === 'defaultLanguage')
      );
    },
  });

export type SiteProvisioning = z.infer<typeof SiteProvisioningSchema>;
