/**
 * The provisioning report's sentences, in French and English. Zod's own messages come from its
 * fr/en locales; the keys below are our checks (site-schema.ts) and the reasons a file could not
 * be read at all. No message quotes the file's content (it may hold private keys).
 */
import type { BilingualText } from '../../contract/technician-view.ts';
import type { FatErrorCode } from '../../record/fat/errors.ts';

export const SITE_MESSAGES: Readonly<Record<string, BilingualText>> = {
  'site.anchor_not_pem': {
    fr: "Ce n'est pas un certificat PEM unique (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).",
    en: 'Not a single PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).',
  },
  'site.anchor_not_ca': {
    fr: "Ce certificat n'est pas celui d'une autorité de certification (basicConstraints CA absent).",
    en: 'This certificate is not a certificate authority (basicConstraints CA missing).',
  },
  'site.kid_format': {
    fr: "L'identifiant de clé (kid) ne peut contenir que des lettres, chiffres, « . », « _ » et « - ».",
    en: 'The key identifier (kid) may only hold letters, digits, ".", "_" and "-".',
  },
  'site.kid_duplicate': {
    fr: 'Deux clés d’urgence ont le même identifiant (kid).',
    en: 'Two emergency keys have the same identifier (kid).',
  },
  'site.key_unusable': {
    fr: "Cette clé d'urgence n'est pas une clé privée JWK utilisable (P-256 ou X25519).",
    en: 'This emergency key is not a usable private JWK (P-256 or X25519).',
  },
  'site.output_name': {
    fr: "Nom de sortie d'écran invalide (ex. HDMI-A-1, eDP-1).",
    en: 'Invalid screen output name (e.g. HDMI-A-1, eDP-1).',
  },
  'site.rotation': {
    fr: 'Rotation invalide : 0, 90, 180 ou 270 degrés.',
    en: 'Invalid rotation: 0, 90, 180 or 270 degrees.',
  },
  'site.default_language': {
    fr: 'La langue par défaut doit faire partie des langues proposées.',
    en: 'The default language must be one of the languages offered.',
  },
  'site.technician_break_glass': {
    fr: "Les techniciens ne peuvent pas recevoir l'accès d'urgence (bris de glace).",
    en: 'Technicians cannot be allowed emergency (break-glass) access.',
  },
  'site.technician_code': {
    fr: 'Les techniciens ne peuvent pas ouvrir un dossier avec le code du patient.',
    en: "Technicians cannot open a record with the patient's code.",
  },
  'site.usb_duplicate': {
    fr: 'Ce périphérique USB (identifiant fabricant:produit) est déjà dans la liste.',
    en: 'This USB device (vendor:product id) is already in the list.',
  },
  /** Inherited from the kiosk ConfigSchema (appliance/server/config/schema.ts). */
  'a USB id is 4 lowercase hexadecimal digits': {
    fr: 'Un identifiant USB s’écrit avec 4 chiffres hexadécimaux en minuscules, comme dans lsusb (ex. 05e0).',
    en: 'A USB id is 4 lowercase hexadecimal digits, as lsusb prints it (e.g. 05e0).',
  },
  'a reason id is lower_snake_case': {
    fr: 'Un identifiant de motif s’écrit en minuscules_avec_soulignés.',
    en: 'A reason id is lower_snake_case.',
  },
  'file.missing': {
    fr: 'Fichier absent de la clé : créez le dossier BALADEUR-SITE et placez-y site.json.',
    en: 'File not on the key: create the folder BALADEUR-SITE and put site.json in it.',
  },
  'file.too_large': {
    fr: 'Fichier trop volumineux pour un fichier de site (256 Kio au plus).',
    en: 'File too large for a site file (256 KiB at most).',
  },
  'file.not_utf8': {
    fr: "Le fichier n'est pas du texte UTF-8.",
    en: 'The file is not UTF-8 text.',
  },
  'file.not_json': { fr: "Le fichier n'est pas du JSON valide", en: 'The file is not valid JSON' },
  'file.not_object': {
    fr: 'Le fichier doit contenir un objet JSON { … }.',
    en: 'The file must hold a JSON object { … }.',
  },
  'file.internal': {
    fr: 'Erreur interne : la configuration produite est refusée par le kiosque (à signaler).',
    en: 'Internal error: the kiosk refuses the configuration produced (please report).',
  },
};

export const KEY_MESSAGES_FR: Readonly<Record<FatErrorCode, string>> = {
  not_fat: "Cette clé n'a pas de système de fichiers FAT lisible (vide, non formatée ou format inconnu).",
  exfat: 'Cette clé est formatée en exFAT ; utilisez une clé FAT32.',
  ntfs: 'Cette clé est formatée en NTFS ; utilisez une clé FAT32.',
  no_container: 'Cette clé ne contient pas de dossier Baladeur.',
  several_containers: 'Cette clé contient plusieurs dossiers patients ; elle ne peut pas être utilisée.',
  not_found: "Le fichier n'est pas sur cette clé.",
  corrupt: 'Le système de fichiers de cette clé est endommagé.',
  too_large: 'Un fichier de cette clé est trop volumineux.',
  too_many_entries: 'Un dossier de cette clé contient trop de fichiers pour être lu sans risque.',
  too_deep: 'Les dossiers de cette clé sont trop imbriqués pour être lus sans risque.',
  io: "La clé n'a pas pu être lue (erreur du support).",
  removed: 'La clé a été retirée pendant son utilisation.',
  read_only: 'La clé est protégée en écriture.',
  no_space: 'La clé est pleine.',
};

export function siteMessage(key: string): BilingualText {
  return SITE_MESSAGES[key] ?? { fr: key, en: key };
}
