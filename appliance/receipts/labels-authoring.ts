/**
 * Words of the two receipts an author's update prints for the patient (issue 16): the change
 * receipt (update-receipt.ts) and the patient-code card (code-card.ts), in the kiosk's five
 * languages. Record content (the before/after lines) is printed as authored; an allergy's
 * criticality in the receipt's words (HZ-10).
 */
import type { ChangeLine, ChangeSection } from '../record/authoring/types.ts';
import type { ReceiptLanguage } from './labels.ts';

export type { ChangeSection };
export type ChangeKind = ChangeLine['kind'];

/** The summary's sections an update may change, in the order the change receipt prints them. */
export const CHANGE_SECTIONS = [
  'allergies',
  'medications',
  'problems',
  'bloodGroup',
  'devices',
  'directives',
  'contacts',
  'identity',
] as const satisfies readonly ChangeSection[];
/** Fails to compile when the record gains a section this list does not print. */
const everySection: Exclude<ChangeSection, (typeof CHANGE_SECTIONS)[number]> extends never ? true : never =
  true;
void everySection;

export interface UpdateReceiptLabels {
  readonly title: string;
  readonly newRecordTitle: string;
  readonly intro: string;
  readonly updatedOn: string;
  readonly by: string;
  readonly version: string;
  readonly sections: Readonly<Record<ChangeSection, string>>;
  readonly kinds: Readonly<Record<ChangeKind, string>>;
  readonly before: string;
  readonly after: string;
  /** After an allergy or medication typed without a code: the cross-check may not recognise it (HZ-24). */
  readonly typed: string;
  readonly none: string;
  /** Where the list stops to stay within the receipt's limits. */
  readonly cutMark: string;
  readonly footer: readonly string[];
}

export interface CodeCardLabels {
  readonly title: string;
  readonly intro: string;
  readonly keepApart: string;
  readonly noCopy: string;
  readonly alphabet: string;
  readonly createdOn: string;
}

export const UPDATE_LABELS: Readonly<Record<ReceiptLanguage, UpdateReceiptLabels>> = {
  fr: {
    title: "Mise à jour de votre dossier d'urgence",
    newRecordTitle: "Création de votre dossier d'urgence",
    intro: 'Voici ce qui a changé sur votre clé. Si une ligne est fausse, dites-le au soignant.',
    updatedOn: 'Modifié le',
    by: 'Par',
    version: 'Nouvelle version du dossier',
    sections: {
      allergies: 'ALLERGIES ET INTOLÉRANCES',
      medications: 'TRAITEMENTS EN COURS',
      problems: 'PROBLÈMES ACTIFS',
      bloodGroup: 'GROUPE SANGUIN',
      devices: 'DISPOSITIFS IMPLANTÉS',
      directives: 'DIRECTIVES ANTICIPÉES',
      contacts: "CONTACTS D'URGENCE",
      identity: 'IDENTITÉ',
    },
    kinds: { added: 'AJOUTÉ', removed: 'RETIRÉ', changed: 'MODIFIÉ' },
    before: 'avant',
    after: 'après',
    typed: 'saisi en texte libre - non codé',
    none: 'Aucune modification.',
    cutMark: '… liste complète : lisez votre dossier à une borne avec votre code',
    footer: ['Document confidentiel : il parle de votre santé.', 'Gardez-le en lieu sûr.'],
  },
  en: {
    title: 'Your emergency record was updated',
    newRecordTitle: 'Your emergency record was created',
    intro: 'This is what changed on your key. If a line is wrong, tell the carer.',
    updatedOn: 'Changed on',
    by: 'By',
    version: 'New version of the record',
    sections: {
      allergies: 'ALLERGIES AND INTOLERANCES',
      medications: 'CURRENT MEDICATION',
      problems: 'ACTIVE PROBLEMS',
      bloodGroup: 'BLOOD GROUP',
      devices: 'IMPLANTED DEVICES',
      directives: 'ADVANCE DIRECTIVES',
      contacts: 'EMERGENCY CONTACTS',
      identity: 'IDENTITY',
    },
    kinds: { added: 'ADDED', removed: 'REMOVED', changed: 'CHANGED' },
    before: 'before',
    after: 'after',
    typed: 'typed as free text - not coded',
    none: 'No change.',
    cutMark: '… full list: read your record at a kiosk with your code',
    footer: ['Confidential: this is about your health.', 'Keep it somewhere safe.'],
  },
  de: {
    title: 'Ihre Notfallakte wurde aktualisiert',
    newRecordTitle: 'Ihre Notfallakte wurde angelegt',
    intro: 'Das wurde auf Ihrem Stick geändert. Ist eine Zeile falsch, sagen Sie es der Fachkraft.',
    updatedOn: 'Geändert am',
    by: 'Von',
    version: 'Neue Fassung der Akte',
    sections: {
      allergies: 'ALLERGIEN UND UNVERTRÄGLICHKEITEN',
      medications: 'AKTUELLE MEDIKATION',
      problems: 'AKTIVE PROBLEME',
      bloodGroup: 'BLUTGRUPPE',
      devices: 'IMPLANTATE',
      directives: 'PATIENTENVERFÜGUNGEN',
      contacts: 'NOTFALLKONTAKTE',
      identity: 'PERSONALIEN',
    },
    kinds: { added: 'HINZUGEFÜGT', removed: 'ENTFERNT', changed: 'GEÄNDERT' },
    before: 'vorher',
    after: 'nachher',
    typed: 'als Freitext eingegeben - nicht codiert',
    none: 'Keine Änderung.',
    cutMark: '… vollständige Liste: Akte an einem Terminal mit Ihrem Code lesen',
    footer: ['Vertraulich: es geht um Ihre Gesundheit.', 'Sicher aufbewahren.'],
  },
  es: {
    title: 'Su historia de urgencia se ha actualizado',
    newRecordTitle: 'Su historia de urgencia se ha creado',
    intro: 'Esto es lo que ha cambiado en su llave. Si una línea es incorrecta, dígaselo al profesional.',
    updatedOn: 'Modificado el',
    by: 'Por',
    version: 'Nueva versión de la historia',
    sections: {
      allergies: 'ALERGIAS E INTOLERANCIAS',
      medications: 'TRATAMIENTOS EN CURSO',
      problems: 'PROBLEMAS ACTIVOS',
      bloodGroup: 'GRUPO SANGUÍNEO',
      devices: 'DISPOSITIVOS IMPLANTADOS',
      directives: 'INSTRUCCIONES PREVIAS',
      contacts: 'CONTACTOS DE URGENCIA',
      identity: 'IDENTIDAD',
    },
    kinds: { added: 'AÑADIDO', removed: 'RETIRADO', changed: 'MODIFICADO' },
    before: 'antes',
    after: 'después',
    typed: 'escrito como texto libre - sin codificar',
    none: 'Ningún cambio.',
    cutMark: '… lista completa: lea su historia en un terminal con su código',
    footer: ['Confidencial: trata de su salud.', 'Guárdelo en un lugar seguro.'],
  },
  it: {
    title: 'La sua cartella di emergenza è stata aggiornata',
    newRecordTitle: 'La sua cartella di emergenza è stata creata',
    intro: "Ecco cosa è cambiato sulla sua chiavetta. Se una riga è sbagliata, lo dica all'operatore.",
    updatedOn: 'Modificata il',
    by: 'Da',
    version: 'Nuova versione della cartella',
    sections: {
      allergies: 'ALLERGIE E INTOLLERANZE',
      medications: 'TERAPIE IN CORSO',
      problems: 'PROBLEMI ATTIVI',
      bloodGroup: 'GRUPPO SANGUIGNO',
      devices: 'DISPOSITIVI IMPIANTATI',
      directives: 'DISPOSIZIONI ANTICIPATE',
      contacts: 'CONTATTI DI EMERGENZA',
      identity: 'IDENTITÀ',
    },
    kinds: { added: 'AGGIUNTO', removed: 'RIMOSSO', changed: 'MODIFICATO' },
    before: 'prima',
    after: 'dopo',
    typed: 'inserito come testo libero - non codificato',
    none: 'Nessuna modifica.',
    cutMark: '… elenco completo: legga la cartella a un terminale con il suo codice',
    footer: ['Riservato: riguarda la sua salute.', 'Lo conservi in un luogo sicuro.'],
  },
};

export const CODE_CARD_LABELS: Readonly<Record<ReceiptLanguage, CodeCardLabels>> = {
  fr: {
    title: 'VOTRE CODE PATIENT',
    intro:
      "Ce code ouvre votre dossier d'urgence sur votre clé. Donnez-le au soignant quand vous voulez qu'il le lise.",
    keepApart: 'Gardez cette carte à part de votre clé : qui a les deux peut lire tout votre dossier.',
    noCopy:
      "La borne n'a gardé aucune copie de ce code : personne ne peut le retrouver. Sans lui, en urgence, les soignants lisent encore le résumé d'urgence.",
    alphabet: "Le code n'a ni O, ni I, ni L, ni U : 0 et 1 sont des chiffres.",
    createdOn: 'Créé le',
  },
  en: {
    title: 'YOUR PATIENT CODE',
    intro:
      'This code opens the emergency record on your key. Give it to a carer when you want them to read it.',
    keepApart: 'Keep this card apart from your key: whoever has both can read your whole record.',
    noCopy:
      'The kiosk kept no copy of this code: nobody can recover it. Without it, in an emergency, carers can still read the emergency summary.',
    alphabet: 'The code has no O, I, L or U: 0 and 1 are digits.',
    createdOn: 'Created on',
  },
  de: {
    title: 'IHR PATIENTENCODE',
    intro:
      'Dieser Code öffnet die Notfallakte auf Ihrem Stick. Geben Sie ihn einer Fachkraft, wenn sie die Akte lesen soll.',
    keepApart: 'Bewahren Sie diese Karte getrennt vom Stick auf: Wer beides hat, kann die ganze Akte lesen.',
    noCopy:
      'Das Terminal hat keine Kopie dieses Codes behalten: niemand kann ihn wiederherstellen. Ohne ihn können Fachkräfte im Notfall weiterhin die Notfalldaten lesen.',
    alphabet: 'Der Code enthält kein O, I, L oder U: 0 und 1 sind Ziffern.',
    createdOn: 'Erstellt am',
  },
  es: {
    title: 'SU CÓDIGO DE PACIENTE',
    intro:
      'Este código abre la historia de urgencia de su llave. Déselo a un profesional cuando quiera que la lea.',
    keepApart: 'Guarde esta tarjeta separada de su llave: quien tenga las dos puede leer toda su historia.',
    noCopy:
      'El terminal no ha guardado ninguna copia de este código: nadie puede recuperarlo. Sin él, en una urgencia, los profesionales pueden leer el resumen de urgencia.',
    alphabet: 'El código no tiene O, I, L ni U: 0 y 1 son cifras.',
    createdOn: 'Creado el',
  },
  it: {
    title: 'IL SUO CODICE PAZIENTE',
    intro:
      'Questo codice apre la cartella di emergenza sulla sua chiavetta. Lo dia a un operatore quando vuole che la legga.',
    keepApart: 'Tenga questa scheda separata dalla chiavetta: chi ha entrambe può leggere tutta la cartella.',
    noCopy:
      'Il terminale non ha conservato alcuna copia di questo codice: nessuno può recuperarlo. Senza di esso, in emergenza, gli operatori possono ancora leggere il riepilogo di emergenza.',
    alphabet: 'Il codice non contiene O, I, L né U: 0 e 1 sono cifre.',
    createdOn: 'Creato il',
  },
};
