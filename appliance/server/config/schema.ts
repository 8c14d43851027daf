/**
 * The kiosk configuration: one JSON file, validated here. Paths are relative to the file.
 * docs/architecture.md ("Configuration") shows an example; `dev-config.ts` builds the default one.
 */
import { z } from 'zod';
import { PROFESSIONS } from '../../common/professions.ts';
import { LANGUAGES } from '../../common/languages.ts';

const Language = z.enum(LANGUAGES);
const Profession = z.enum(PROFESSIONS);

const StaffMappingSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    issuerSubject: z.string().min(3).max(500).optional(),
    issuerKeyId: z
      .string()
      .regex(/^[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){3,63}$/, 'issuerKeyId must be hex (authorityKeyIdentifier)')
      .optional(),
    titles: z.array(z.string().min(1).max(20)).min(1).max(20).optional(),
    idPrefixes: z
      .array(
        z.string().regex(/^[03][0-9A-Za-z]{0,20}$/, 'an idPrefix starts with 3 (establishment) or 0 (ADELI)'),
      )
      .min(1)
      .max(20)
      .optional(),
    profession: z.enum(['doctor', 'pharmacist', 'midwife', 'nurse']),
  })
  .strict()
  .refine((m) => m.issuerSubject !== undefined || m.issuerKeyId !== undefined, {
    message: 'a staff mapping names the issuer: issuerSubject or issuerKeyId',
  })
  .refine((m) => m.titles !== undefined || m.idPrefixes !== undefined, {
    message: 'a staff mapping needs titles or idPrefixes',
  });

const Transport = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('tcp'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(9100),
    })
    .strict(),
  z
    .object({
      type: z.literal('usb'),
      vendorId: z.number().int().min(0).max(0xffff),
      productId: z.number().int().min(0).max(0xffff),
    })
    .strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
    })
    .strict(),
  z.object({ type: z.literal('simulated') }).strict(),
  z.object({ type: z.literal('none') }).strict(),
]);

const Reason = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'a reason id is lower_snake_case'),
    /** French and English required; German, Spanish, Italian optional (English shown when absent). */
    label: z
      .object({
        fr: z.string().min(3).max(200),
        en: z.string().min(3).max(200),
        de: z.string().min(3).max(200).optional(),
        es: z.string().min(3).max(200).optional(),
        it: z.string().min(3).max(200).optional(),
      })
      .strict(),
  })
  .strict();

export const DEFAULT_REASONS: z.input<typeof Reason>[] = [
  {
    id: 'unconscious',
    label: {
      fr: 'Patient inconscient',
      en: 'Patient unconscious',
      de: 'Patient bewusstlos',
      es: 'Paciente inconsciente',
      it: 'Paziente incosciente',
    },
  },
  {
    id: 'cannot_communicate',
    label: {
      fr: 'Patient incapable de communiquer',
      en: 'Patient unable to communicate',
      de: 'Patient kann sich nicht verständigen',
      es: 'Paciente incapaz de comunicarse',
      it: 'Paziente non in grado di comunicare',
    },
  },
  {
    id: 'life_threatening',
    label: {
      fr: 'Urgence vitale',
      en: 'Life-threatening emergency',
      de: 'Lebensbedrohlicher Notfall',
      es: 'Urgencia vital',
      it: 'Emergenza con pericolo di vita',
    },
  },
  {
    id: 'code_unavailable',
    label: {
      fr: 'Code du patient indisponible',
      en: 'Patient code not available',
      de: 'Code des Patienten nicht verfügbar',
      es: 'Código del paciente no disponible',
      it: 'Codice del paziente non disponibile',
    },
  },
];

/** USB ids as `lsusb` prints them (`ID 05e0:1200`): exactly 4 lowercase hexadecimal digits, no wildcard. */
const UsbId = z.string().regex(/^[0-9a-f]{4}$/, 'a USB id is 4 lowercase hexadecimal digits');

/**
 * A site HID device allowed by usbguard, pinned by vendor:product (usbguard-site-rules.ts): the
 * class rules never allow HID (class 03), so a keyboard on a patient's key stays blocked.
 */
export const UsbDeviceSchema = z
  .object({
    kind: z.enum(['barcode_scanner', 'touchscreen']),
    vendorId: UsbId,
    productId: UsbId,
    name: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    site: z.object({ name: z.string().trim().min(1).max(80) }).strict(),
    languages: z
      .array(Language)
      .min(1)
      .default([...LANGUAGES]),
    defaultLanguage: Language.default('fr'),
    printer: z
      .object({
        model: z.string().min(1).default('generic-escpos'),
        width: z.union([z.literal(80), z.literal(58)]).default(80),
        codePage: z.enum(['pc858', 'wpc1252']).default('pc858'),
        transport: Transport,
      })
      .strict(),
    /**
     * Professional card reader: with several readers attached, use only those whose PC/SC name
     * matches this regular expression (e.g. "Gemalto"); contactless interfaces are always ignored.
     * Optional: without it the first contact reader is used.
     */
    cardReader: z
      .object({
        namePattern: z
          .string()
          .min(1)
          .max(200)
          .refine(
            (p) => {
              try {
                new RegExp(p);
                return true;
              } catch {
                return false;
              }
            },
            { message: 'namePattern must be a valid regular expression' },
          )
          .optional(),
        /**
         * `pcsc` (default): PIV cards through pcscd. `pkcs11`: the cards a PKCS#11 module serves
         * (CPS/CPE through the ANS Cryptolib CPS, or OpenSC), `module` being its absolute path
         * (docs/professional-cards.md).
         */
        kind: z.enum(['pcsc', 'pkcs11']).default('pcsc'),
        module: z
          .string()
          .max(300)
          .regex(/^\/[^\0]*\.so(\.\d+)*$/, 'module must be the absolute path of a shared library')
          .optional(),
        /**
         * `pkcs11` only: a card without a non-repudiation (signature) certificate signs records
         * with its authentication key. Off by default (docs/professional-cards.md).
         */
        signWithAuthenticationKey: z.boolean().optional(),
      })
      .strict()
      .refine((r) => r.kind !== 'pkcs11' || r.module !== undefined, {
        message: 'cardReader.module is required when cardReader.kind is pkcs11',
        path: ['module'],
      })
      .optional(),
    /** PEM files of the certificate authorities whose cards may log in (and sign records, unless `recordSigning.trustAnchors`). */
    trustAnchors: z.array(z.string().min(1)).min(1),
    /**
     * Who may author a record (docs/key-format.md §6): the professions (a signer outside them reads
     * `not_authorised`), the authorities trusted for record signers (absent: `trustAnchors`), and
     * the age in months past which a record is shown as possibly out of date (HZ-05).
     */
    recordSigning: z
      .object({
        professions: z.array(Profession).min(1).default(['doctor', 'midwife']),
        trustAnchors: z.array(z.string().min(1)).min(1).optional(),
        outdatedAfterMonths: z.number().int().min(1).max(240).default(12),
      })
      .strict()
      .default({ professions: ['doctor', 'midwife'], outdatedAfterMonths: 12 }),
    /**
     * Certificate revocation lists (PEM or DER files) checked at card login. `staleCrl`: what a CRL
     * past its nextUpdate means: `warn` (accepted, shown on diagnostics) or `refuse` (no card of
     * that issuer logs in until a current CRL is provisioned).
     */
    revocation: z
      .object({
        crls: z.array(z.string().min(1)).default([]),
        staleCrl: z.enum(['warn', 'refuse']).default('warn'),
      })
      .strict()
      .optional(),
    /**
     * Roles for establishment staff whose card carries no health profession (CPE: national id
     * "3" + FINESS/internal id; ADELI "0…"), each named by the site (shown on screen, audited):
     * the card's issuer (DN and/or authorityKeyIdentifier) and its title (role code) and/or national
     * id prefix → one of our professions. First match wins; absent or empty: such cards get
     * `no_identity`. Never a record signer (docs/professional-cards.md).
     */
    staffMappings: z.array(StaffMappingSchema).max(32).optional(),
    /** Private JWK files of the deployment's emergency-access keys (several during a rotation). */
    emergencyKeyring: z.array(z.string().min(1)).default([]),
    breakGlass: z
      .object({
        professions: z.array(Profession).default(['doctor', 'nurse', 'midwife']),
        reasons: z.array(Reason).min(1).default(DEFAULT_REASONS),
      })
      .strict()
      .default({ professions: ['doctor', 'nurse', 'midwife'], reasons: DEFAULT_REASONS }),
    /** Who may open a key with the patient's code (always the full tier). */
    codeProfessions: z.array(Profession).default(['doctor', 'pharmacist', 'midwife', 'nurse']),
    timeouts: z
      .object({ idleSeconds: z.number().int().min(10).max(3600).default(120) })
      .strict()
      .default({ idleSeconds: 120 }),
    /** The welcome screen goes black after this long untouched (0: never); any touch or device wakes it. */
    screen: z
      .object({ blankingSeconds: z.number().int().min(0).max(86_400).default(600) })
      .strict()
      .default({ blankingSeconds: 600 }),
    /** Site HID devices usbguard allows (applied at boot by baladeur-usbguard-site.service); absent: none. */
    usbDevices: z.array(UsbDeviceSchema).max(8).optional(),
    /** Audit database, per-kiosk secret, demo keys (simulated mode). */
    dataDir: z.string().min(1),
  })
  .strict()
  .refine((c) => c.languages.includes(c.defaultLanguage), {
    message: 'defaultLanguage must be one of languages',
    path: ['defaultLanguage'],
  })
  .refine((c) => !c.recordSigning.professions.includes('technician'), {
    message: 'technicians cannot be allowed to sign records',
    path: ['recordSigning', 'professions'],
  })
  .refine((c) => new Set(c.staffMappings?.map((m) => m.name)).size === (c.staffMappings?.length ?? 0), {
    message: 'each staff mapping has its own name',
    path: ['staffMappings'],
  })
  .refine((c) => !c.breakGlass.professions.includes('technician'), {
    message: 'technicians cannot be allowed break-glass access',
    path: ['breakGlass', 'professions'],
  });

export type KioskConfig = z.infer<typeof ConfigSchema>;
export type UsbDevice = z.infer<typeof UsbDeviceSchema>;
