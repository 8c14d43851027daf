/** The import from the doctor's software (issue 16, item 5), in the five kiosk languages. */
import type { ImportOutcome } from '../../../contract/authoring.ts';
import type { Language } from '../../../contract/session-view.ts';

type Step = 'remove_patient_key' | 'insert_export' | 'scanning' | 'choose' | 'reading' | 'return_patient_key';

export interface ImportMessages {
  readonly action: string;
  readonly title: string;
  readonly step: Record<Step, string>;
  readonly kept: string;
  readonly wrongKey: string;
  readonly outcome: Record<ImportOutcome, string>;
  readonly cancel: string;
  readonly choose: (file: string) => string;
  readonly kilobytes: (kb: number) => string;
  /** A new record (a blank stick): the stick that goes out and comes back is the blank one. */
  readonly newRecord: {
    readonly remove: string;
    readonly back: string;
    readonly wrongKey: string;
    readonly checkIdentity: string;
    readonly holdsExport: string;
  };
}

const fr: ImportMessages = {
  action: 'Importer depuis le logiciel du médecin',
  title: 'Import depuis le logiciel du médecin',
  step: {
    remove_patient_key: 'Retirez la clé du patient.',
    insert_export: 'Insérez la clé d’export du logiciel du médecin.',
    scanning: 'Lecture de la clé d’export…',
    choose: 'Plusieurs résumés sur cette clé : choisissez celui à importer.',
    reading: 'Vérification du résumé…',
    return_patient_key:
      'Retirez la clé d’export et remettez la clé du patient, puis le patient tape son code.',
  },
  kept: 'Vos modifications en cours sont gardées en mémoire ; rien n’est écrit avant votre signature.',
  wrongKey: 'Cette clé n’est pas celle de ce patient : rien n’y sera écrit. Remettez la clé du patient.',
  outcome: {
    imported: 'Résumé importé : relisez chaque modification avant de signer.',
    cancelled: 'Import abandonné : vos modifications sont inchangées.',
    no_bundle:
      'Aucun résumé FHIR (fichier JSON, Bundle de type document) sur cette clé : rien importé, vos modifications sont inchangées.',
    unreadable:
      'Clé d’export illisible ou retirée trop tôt : rien importé, vos modifications sont inchangées.',
    too_large: 'Fichier trop volumineux : rien importé, vos modifications sont inchangées.',
    invalid: 'Ce fichier n’est pas un résumé IPS valide : rien importé, vos modifications sont inchangées.',
    other_patient:
      'Ce résumé est celui d’un autre patient (nom ou date de naissance différents) : refusé, rien importé.',
  },
  cancel: 'Abandonner l’import',
  choose: (file) => `Importer ${file}`,
  kilobytes: (kb) => `${kb} Ko`,
  newRecord: {
    remove: 'Retirez la clé vierge.',
    back: 'Retirez la clé d’export et remettez une clé vierge (FAT, sans dossier) : aucun code n’est demandé.',
    wrongKey: 'Cette clé contient déjà un dossier : rien n’y sera écrit. Remettez une clé vierge.',
    checkIdentity: 'Identité reprise du résumé importé : vérifiez-la avec le patient.',
    holdsExport:
      'Cette clé contient un export (résumé en clair) : le dossier n’y sera pas écrit. Remettez une clé vierge.',
  },
};

const en: ImportMessages = {
  action: "Import from the doctor's software",
  title: "Import from the doctor's software",
  step: {
    remove_patient_key: "Remove the patient's key.",
    insert_export: "Insert the export stick from the doctor's software.",
    scanning: 'Reading the export stick…',
    choose: 'Several summaries on this stick: choose the one to import.',
    reading: 'Checking the summary…',
    return_patient_key:
      "Remove the export stick and put the patient's key back, then the patient types their code.",
  },
  kept: 'Your changes in progress are kept in memory; nothing is written before you sign.',
  wrongKey: "This key is not this patient's: nothing will be written to it. Put the patient's key back.",
  outcome: {
    imported: 'Summary imported: review every change before signing.',
    cancelled: 'Import cancelled: your changes are unchanged.',
    no_bundle:
      'No FHIR summary (JSON file, Bundle of type document) on this stick: nothing imported, your changes are unchanged.',
    unreadable: 'Export stick unreadable or removed too early: nothing imported, your changes are unchanged.',
    too_large: 'File too large: nothing imported, your changes are unchanged.',
    invalid: 'This file is not a valid IPS summary: nothing imported, your changes are unchanged.',
    other_patient:
      "This summary is another patient's (name or birth date differ): refused, nothing imported.",
  },
  cancel: 'Cancel the import',
  choose: (file) => `Import ${file}`,
  kilobytes: (kb) => `${kb} KB`,
  newRecord: {
    remove: 'Remove the blank stick.',
    back: 'Remove the export stick and put a blank stick back (FAT, no record): no code is asked.',
    wrongKey: 'This stick already holds a record: nothing will be written to it. Put a blank stick back.',
    checkIdentity: 'Identity taken from the imported summary: check it with the patient.',
    holdsExport:
      'This stick holds an export (a summary in plain text): the record will not be written to it. Put a blank stick back.',
  },
};

const de: ImportMessages = {
  action: 'Aus der Praxissoftware importieren',
  title: 'Import aus der Praxissoftware',
  step: {
    remove_patient_key: 'Ziehen Sie den Schlüssel des Patienten ab.',
    insert_export: 'Stecken Sie den Exportstick der Praxissoftware ein.',
    scanning: 'Exportstick wird gelesen…',
    choose: 'Mehrere Zusammenfassungen auf diesem Stick: wählen Sie die zu importierende.',
    reading: 'Zusammenfassung wird geprüft…',
    return_patient_key:
      'Ziehen Sie den Exportstick ab und stecken Sie den Schlüssel des Patienten wieder ein; dann gibt der Patient seinen Code ein.',
  },
  kept: 'Ihre laufenden Änderungen bleiben im Speicher; vor Ihrer Signatur wird nichts geschrieben.',
  wrongKey:
    'Dieser Schlüssel gehört nicht diesem Patienten: Es wird nichts darauf geschrieben. Stecken Sie den Schlüssel des Patienten ein.',
  outcome: {
    imported: 'Zusammenfassung importiert: Prüfen Sie jede Änderung vor der Signatur.',
    cancelled: 'Import abgebrochen: Ihre Änderungen sind unverändert.',
    no_bundle:
      'Keine FHIR-Zusammenfassung (JSON-Datei, Bundle vom Typ document) auf diesem Stick: nichts importiert, Ihre Änderungen sind unverändert.',
    unreadable:
      'Exportstick unlesbar oder zu früh abgezogen: nichts importiert, Ihre Änderungen sind unverändert.',
    too_large: 'Datei zu groß: nichts importiert, Ihre Änderungen sind unverändert.',
    invalid:
      'Diese Datei ist keine gültige IPS-Zusammenfassung: nichts importiert, Ihre Änderungen sind unverändert.',
    other_patient:
      'Diese Zusammenfassung gehört einem anderen Patienten (Name oder Geburtsdatum verschieden): abgelehnt, nichts importiert.',
  },
  cancel: 'Import abbrechen',
  choose: (file) => `${file} importieren`,
  kilobytes: (kb) => `${kb} KB`,
  newRecord: {
    remove: 'Ziehen Sie den leeren Stick ab.',
    back: 'Ziehen Sie den Exportstick ab und stecken Sie einen leeren Stick ein (FAT, ohne Akte): Es wird kein Code verlangt.',
    wrongKey:
      'Dieser Stick enthält bereits eine Akte: Es wird nichts darauf geschrieben. Stecken Sie einen leeren Stick ein.',
    checkIdentity: 'Identität aus der importierten Zusammenfassung: Prüfen Sie sie mit dem Patienten.',
    holdsExport:
      'Dieser Stick enthält einen Export (Zusammenfassung im Klartext): Die Akte wird nicht darauf geschrieben. Stecken Sie einen leeren Stick ein.',
  },
};

const es: ImportMessages = {
  action: 'Importar desde el programa del médico',
  title: 'Importación desde el programa del médico',
  step: {
    remove_patient_key: 'Retire la llave del paciente.',
    insert_export: 'Inserte la memoria de exportación del programa del médico.',
    scanning: 'Leyendo la memoria de exportación…',
    choose: 'Varios resúmenes en esta memoria: elija el que desea importar.',
    reading: 'Comprobando el resumen…',
    return_patient_key:
      'Retire la memoria de exportación y vuelva a insertar la llave del paciente; luego el paciente teclea su código.',
  },
  kept: 'Sus cambios en curso se conservan en memoria; no se escribe nada antes de su firma.',
  wrongKey:
    'Esta llave no es la de este paciente: no se escribirá nada en ella. Inserte la llave del paciente.',
  outcome: {
    imported: 'Resumen importado: revise cada cambio antes de firmar.',
    cancelled: 'Importación cancelada: sus cambios no se han modificado.',
    no_bundle:
      'Ningún resumen FHIR (archivo JSON, Bundle de tipo document) en esta memoria: no se ha importado nada, sus cambios no se han modificado.',
    unreadable:
      'Memoria ilegible o retirada demasiado pronto: no se ha importado nada, sus cambios no se han modificado.',
    too_large: 'Archivo demasiado grande: no se ha importado nada, sus cambios no se han modificado.',
    invalid:
      'Este archivo no es un resumen IPS válido: no se ha importado nada, sus cambios no se han modificado.',
    other_patient:
      'Este resumen es de otro paciente (nombre o fecha de nacimiento distintos): rechazado, no se ha importado nada.',
  },
  cancel: 'Cancelar la importación',
  choose: (file) => `Importar ${file}`,
  kilobytes: (kb) => `${kb} KB`,
  newRecord: {
    remove: 'Retire la memoria vacía.',
    back: 'Retire la memoria de exportación e inserte una memoria vacía (FAT, sin expediente): no se pide ningún código.',
    wrongKey:
      'Esta memoria ya contiene un expediente: no se escribirá nada en ella. Inserte una memoria vacía.',
    checkIdentity: 'Identidad tomada del resumen importado: compruébela con el paciente.',
    holdsExport:
      'Esta memoria contiene una exportación (resumen sin cifrar): el expediente no se escribirá en ella. Inserte una memoria vacía.',
  },
};

const it: ImportMessages = {
  action: 'Importa dal software del medico',
  title: 'Importazione dal software del medico',
  step: {
    remove_patient_key: 'Rimuova la chiave del paziente.',
    insert_export: 'Inserisca la chiavetta di esportazione del software del medico.',
    scanning: 'Lettura della chiavetta di esportazione…',
    choose: 'Più riepiloghi su questa chiavetta: scelga quello da importare.',
    reading: 'Verifica del riepilogo…',
    return_patient_key:
      'Rimuova la chiavetta di esportazione e reinserisca la chiave del paziente; poi il paziente digita il suo codice.',
  },
  kept: 'Le modifiche in corso restano in memoria; nulla viene scritto prima della sua firma.',
  wrongKey:
    'Questa chiave non è di questo paziente: non vi sarà scritto nulla. Reinserisca la chiave del paziente.',
  outcome: {
    imported: 'Riepilogo importato: rilegga ogni modifica prima di firmare.',
    cancelled: 'Importazione annullata: le sue modifiche sono invariate.',
    no_bundle:
      'Nessun riepilogo FHIR (file JSON, Bundle di tipo document) su questa chiavetta: nulla importato, le sue modifiche sono invariate.',
    unreadable:
      'Chiavetta illeggibile o rimossa troppo presto: nulla importato, le sue modifiche sono invariate.',
    too_large: 'File troppo grande: nulla importato, le sue modifiche sono invariate.',
    invalid: 'Questo file non è un riepilogo IPS valido: nulla importato, le sue modifiche sono invariate.',
    other_patient:
      'Questo riepilogo è di un altro paziente (nome o data di nascita diversi): rifiutato, nulla importato.',
  },
  cancel: 'Annulla l’importazione',
  choose: (file) => `Importa ${file}`,
  kilobytes: (kb) => `${kb} KB`,
  newRecord: {
    remove: 'Rimuova la chiavetta vuota.',
    back: 'Rimuova la chiavetta di esportazione e inserisca una chiavetta vuota (FAT, senza fascicolo): non viene chiesto alcun codice.',
    wrongKey:
      'Questa chiavetta contiene già un fascicolo: non vi sarà scritto nulla. Inserisca una chiavetta vuota.',
    checkIdentity: 'Identità ripresa dal riepilogo importato: la verifichi con il paziente.',
    holdsExport:
      'Questa chiavetta contiene un’esportazione (riepilogo in chiaro): il fascicolo non vi sarà scritto. Inserisca una chiavetta vuota.',
  },
};

const MESSAGES: Record<Language, ImportMessages> = { fr, en, de, es, it };

export function importMessages(language: Language): ImportMessages {
  return MESSAGES[language];
}
