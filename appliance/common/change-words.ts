/**
 * The words of a record's before/after list, in the five kiosk languages (issue 16, issue 19): the
 * kiosk's review screen and summary titles (the UI catalogues take them from here) and the
 * `baladeur key update` change list print the same words. Our own wording.
 */
import type { Language } from './languages.ts';

/** The sections of a change list (record/authoring ChangeSection). */
export type ChangeSectionName =
  | 'allergies'
  | 'medications'
  | 'problems'
  | 'bloodGroup'
  | 'devices'
  | 'directives'
  | 'contacts'
  | 'identity';

export type CriticalityName = 'high' | 'low' | 'unable-to-assess' | 'unknown';

export interface ChangeWords {
  readonly sections: Readonly<Record<ChangeSectionName, string>>;
  readonly kind: { readonly added: string; readonly removed: string; readonly changed: string };
  readonly before: string;
  readonly after: string;
  /** An allergy or medication entered as free text, with no code behind it (HZ-24). */
  readonly typed: string;
  /** The review screen's empty list. */
  readonly noChanges: string;
  /** The CLI's list when no entry changed. */
  readonly noEntryChanged: string;
  /** The CLI's heading for changed entries outside the review's sections (FHIR type: text as authored). */
  readonly otherEntries: string;
  /** "Label : value" in French typography, "Label: value" elsewhere. */
  readonly colon: string;
  readonly criticality: Readonly<Record<CriticalityName, string>>;
}

export const CHANGE_WORDS: Readonly<Record<Language, ChangeWords>> = {
  fr: {
    sections: {
      allergies: 'Allergies et intolérances',
      medications: 'Traitements en cours',
      problems: 'Problèmes de santé actifs',
      bloodGroup: 'Groupe sanguin',
      devices: 'Dispositifs médicaux implantés',
      directives: 'Directives anticipées',
      contacts: 'Personnes à contacter',
      identity: 'Identité',
    },
    kind: { added: 'Ajouté', removed: 'Retiré', changed: 'Modifié' },
    before: 'Avant',
    after: 'Après',
    typed: 'saisi en texte libre — non codé',
    noChanges: 'Aucune modification pour l’instant.',
    noEntryChanged: 'Aucune entrée modifiée.',
    otherEntries: 'Autres entrées',
    colon: ' : ',
    criticality: {
      high: 'CRITICITÉ ÉLEVÉE',
      low: 'Criticité faible',
      'unable-to-assess': 'Criticité non évaluable',
      unknown: 'Criticité non précisée',
    },
  },
  en: {
    sections: {
      allergies: 'Allergies and intolerances',
      medications: 'Current medication',
      problems: 'Active problems',
      bloodGroup: 'Blood group',
      devices: 'Implanted medical devices',
      directives: 'Advance directives',
      contacts: 'Emergency contacts',
      identity: 'Identity',
    },
    kind: { added: 'Added', removed: 'Removed', changed: 'Changed' },
    before: 'Before',
    after: 'After',
    typed: 'typed as free text — not coded',
    noChanges: 'No changes yet.',
    noEntryChanged: 'No entry changed.',
    otherEntries: 'Other entries',
    colon: ': ',
    criticality: {
      high: 'HIGH CRITICALITY',
      low: 'Low criticality',
      'unable-to-assess': 'Criticality cannot be assessed',
      unknown: 'Criticality not stated',
    },
  },
  de: {
    sections: {
      allergies: 'Allergien und Unverträglichkeiten',
      medications: 'Aktuelle Medikation',
      problems: 'Aktive Gesundheitsprobleme',
      bloodGroup: 'Blutgruppe',
      devices: 'Implantierte Medizinprodukte',
      directives: 'Patientenverfügungen',
      contacts: 'Kontaktpersonen im Notfall',
      identity: 'Identität',
    },
    kind: { added: 'Hinzugefügt', removed: 'Entfernt', changed: 'Geändert' },
    before: 'Vorher',
    after: 'Nachher',
    typed: 'als Freitext eingegeben — nicht codiert',
    noChanges: 'Noch keine Änderungen.',
    noEntryChanged: 'Keine Einträge geändert.',
    otherEntries: 'Weitere Einträge',
    colon: ': ',
    criticality: {
      high: 'HOHE KRITIKALITÄT',
      low: 'Geringe Kritikalität',
      'unable-to-assess': 'Kritikalität nicht beurteilbar',
      unknown: 'Kritikalität nicht angegeben',
    },
  },
  es: {
    sections: {
      allergies: 'Alergias e intolerancias',
      medications: 'Tratamiento actual',
      problems: 'Problemas de salud activos',
      bloodGroup: 'Grupo sanguíneo',
      devices: 'Dispositivos médicos implantados',
      directives: 'Instrucciones previas',
      contacts: 'Contactos de emergencia',
      identity: 'Identidad',
    },
    kind: { added: 'Añadido', removed: 'Quitado', changed: 'Cambiado' },
    before: 'Antes',
    after: 'Después',
    typed: 'escrito como texto libre — sin codificar',
    noChanges: 'Ningún cambio por ahora.',
    noEntryChanged: 'Ninguna entrada modificada.',
    otherEntries: 'Otras entradas',
    colon: ': ',
    criticality: {
      high: 'CRITICIDAD ALTA',
      low: 'Criticidad baja',
      'unable-to-assess': 'Criticidad no evaluable',
      unknown: 'Criticidad no indicada',
    },
  },
  it: {
    sections: {
      allergies: 'Allergie e intolleranze',
      medications: 'Terapia in corso',
      problems: 'Problemi di salute attivi',
      bloodGroup: 'Gruppo sanguigno',
      devices: 'Dispositivi medici impiantati',
      directives: 'Disposizioni anticipate di trattamento',
      contacts: 'Persone da contattare',
      identity: 'Identità',
    },
    kind: { added: 'Aggiunto', removed: 'Rimosso', changed: 'Modificato' },
    before: 'Prima',
    after: 'Dopo',
    typed: 'inserito come testo libero — non codificato',
    noChanges: 'Ancora nessuna modifica.',
    noEntryChanged: 'Nessuna voce modificata.',
    otherEntries: 'Altre voci',
    colon: ': ',
    criticality: {
      high: 'CRITICITÀ ELEVATA',
      low: 'Criticità bassa',
      'unable-to-assess': 'Criticità non valutabile',
      unknown: 'Criticità non indicata',
    },
  },
};
