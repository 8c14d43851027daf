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
  // The signed bundle (site-signature.ts, signed-site.ts): the technician's first obstacle, so in
  // the five languages of the screen.
  'signature.missing': {
    fr: "Le fichier de site n'est pas signé : BALADEUR-SITE/site.jws manque. Faites signer le dossier par l'administrateur du site (baladeur site sign).",
    en: 'The site file is not signed: BALADEUR-SITE/site.jws is missing. Have the site administrator sign the folder (baladeur site sign).',
    de: 'Die Standortdatei ist nicht signiert: BALADEUR-SITE/site.jws fehlt. Lassen Sie den Ordner vom Standortadministrator signieren (baladeur site sign).',
    es: 'El archivo del sitio no está firmado: falta BALADEUR-SITE/site.jws. Pida al administrador del sitio que firme la carpeta (baladeur site sign).',
    it: 'Il file del sito non è firmato: manca BALADEUR-SITE/site.jws. Fate firmare la cartella dall’amministratore del sito (baladeur site sign).',
  },
  'signature.malformed': {
    fr: "La signature du site (site.jws) est illisible ou n'est pas une signature de site Baladeur.",
    en: 'The site signature (site.jws) is unreadable or not a Baladeur site signature.',
    de: 'Die Standortsignatur (site.jws) ist unlesbar oder keine Baladeur-Standortsignatur.',
    es: 'La firma del sitio (site.jws) es ilegible o no es una firma de sitio Baladeur.',
    it: 'La firma del sito (site.jws) è illeggibile o non è una firma di sito Baladeur.',
  },
  'signature.invalid': {
    fr: 'La signature du site ne correspond pas : le dossier a été modifié après sa signature.',
    en: 'The site signature does not match: the folder was changed after it was signed.',
    de: 'Die Standortsignatur stimmt nicht: Der Ordner wurde nach der Signatur verändert.',
    es: 'La firma del sitio no coincide: la carpeta se modificó después de firmarla.',
    it: 'La firma del sito non corrisponde: la cartella è stata modificata dopo la firma.',
  },
  'signature.untrusted': {
    fr: "Le certificat qui a signé ce site n'est pas émis par l'autorité de fabrication de ce kiosque.",
    en: "The certificate that signed this site was not issued by this kiosk's factory authority.",
    de: 'Das Zertifikat, das diesen Standort signiert hat, stammt nicht von der Werks-Zertifizierungsstelle dieses Kiosks.',
    es: 'El certificado que firmó este sitio no lo emitió la autoridad de fábrica de este quiosco.',
    it: 'Il certificato che ha firmato questo sito non è stato emesso dall’autorità di fabbrica di questo chiosco.',
  },
  'signature.not_provisioning': {
    fr: "Le certificat qui a signé ce site n'est pas un certificat de provisionnement (usage « documentSigning » absent).",
    en: 'The certificate that signed this site is not a provisioning certificate (no "documentSigning" usage).',
    de: 'Das Zertifikat, das diesen Standort signiert hat, ist kein Provisionierungszertifikat (Verwendung „documentSigning“ fehlt).',
    es: 'El certificado que firmó este sitio no es un certificado de aprovisionamiento (falta el uso «documentSigning»).',
    it: 'Il certificato che ha firmato questo sito non è un certificato di provisioning (manca l’uso «documentSigning»).',
  },
  'signature.expired': {
    fr: 'Le certificat qui a signé ce site a expiré : faites signer à nouveau avec un certificat valide.',
    en: 'The certificate that signed this site has expired: have it signed again with a valid certificate.',
    de: 'Das Zertifikat, das diesen Standort signiert hat, ist abgelaufen: Lassen Sie ihn mit einem gültigen Zertifikat neu signieren.',
    es: 'El certificado que firmó este sitio ha caducado: hágalo firmar de nuevo con un certificado válido.',
    it: 'Il certificato che ha firmato questo sito è scaduto: fatelo firmare di nuovo con un certificato valido.',
  },
  'signature.clock': {
    fr: "La signature du site date d'après l'heure du kiosque : l'horloge du kiosque est peut-être fausse. Réglez la date et l'heure, puis réessayez.",
    en: "The site was signed after the kiosk's time: the kiosk's clock may be wrong. Set the date and time, then try again.",
    de: 'Der Standort wurde nach der Uhrzeit des Kiosks signiert: Die Uhr des Kiosks geht womöglich falsch. Stellen Sie Datum und Uhrzeit ein und versuchen Sie es erneut.',
    es: 'El sitio se firmó después de la hora del quiosco: el reloj del quiosco puede estar mal. Ajuste la fecha y la hora y vuelva a intentarlo.',
    it: 'Il sito è stato firmato dopo l’ora del chiosco: l’orologio del chiosco potrebbe essere sbagliato. Impostate data e ora, poi riprovate.',
  },
  'signature.older': {
    fr: 'Ce site a été signé avant celui qui est installé : il est refusé (ses listes de révocation seraient plus anciennes). Faites signer à nouveau la configuration voulue.',
    en: 'This site was signed before the one installed: it is refused (its revocation lists would be older). Have the wanted configuration signed again.',
    de: 'Dieser Standort wurde vor dem installierten signiert: Er wird abgelehnt (seine Sperrlisten wären älter). Lassen Sie die gewünschte Konfiguration neu signieren.',
    es: 'Este sitio se firmó antes que el instalado: se rechaza (sus listas de revocación serían más antiguas). Haga firmar de nuevo la configuración deseada.',
    it: 'Questo sito è stato firmato prima di quello installato: è rifiutato (le sue liste di revoca sarebbero più vecchie). Fate firmare di nuovo la configurazione desiderata.',
  },
  'signature.no_factory_ca': {
    fr: "Ce kiosque n'a pas d'autorité de fabrication pour vérifier la signature (image incomplète, à signaler).",
    en: 'This kiosk has no factory authority to check the signature with (incomplete image, please report).',
    de: 'Dieser Kiosk hat keine Werks-Zertifizierungsstelle zur Prüfung der Signatur (unvollständiges Image, bitte melden).',
    es: 'Este quiosco no tiene autoridad de fábrica para comprobar la firma (imagen incompleta, infórmelo).',
    it: 'Questo chiosco non ha un’autorità di fabbrica per verificare la firma (immagine incompleta, da segnalare).',
  },
  'signature.file_missing': {
    fr: 'Un fichier signé manque dans BALADEUR-SITE : copiez tout le dossier produit par baladeur site sign.',
    en: 'A signed file is missing from BALADEUR-SITE: copy the whole folder that baladeur site sign produced.',
    de: 'Eine signierte Datei fehlt in BALADEUR-SITE: Kopieren Sie den ganzen Ordner, den baladeur site sign erzeugt hat.',
    es: 'Falta un archivo firmado en BALADEUR-SITE: copie toda la carpeta que produjo baladeur site sign.',
    it: 'Manca un file firmato in BALADEUR-SITE: copiate tutta la cartella prodotta da baladeur site sign.',
  },
  'signature.file_changed': {
    fr: 'Ce fichier a été modifié ou remplacé après la signature : le site est refusé.',
    en: 'This file was changed or replaced after signing: the site is refused.',
    de: 'Diese Datei wurde nach der Signatur verändert oder ersetzt: Der Standort wird abgelehnt.',
    es: 'Este archivo se modificó o sustituyó después de la firma: el sitio se rechaza.',
    it: 'Questo file è stato modificato o sostituito dopo la firma: il sito è rifiutato.',
  },
  'crl.unreadable': {
    fr: "Cette liste de révocation (CRL) n'est pas une CRL PEM ou DER lisible.",
    en: 'This revocation list (CRL) is not a readable PEM or DER CRL.',
    de: 'Diese Sperrliste (CRL) ist keine lesbare PEM- oder DER-CRL.',
    es: 'Esta lista de revocación (CRL) no es una CRL PEM o DER legible.',
    it: 'Questa lista di revoca (CRL) non è una CRL PEM o DER leggibile.',
  },
  'crl.too_large': {
    fr: 'Liste de révocation trop volumineuse (8 Mio au plus).',
    en: 'Revocation list too large (8 MiB at most).',
    de: 'Sperrliste zu groß (höchstens 8 MiB).',
    es: 'Lista de revocación demasiado grande (8 MiB como máximo).',
    it: 'Lista di revoca troppo grande (al massimo 8 MiB).',
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
