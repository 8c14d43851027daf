/**
 * Authoring a record (issue 16, item 4): the edits a professional makes at the kiosk, and what
 * the screen and the change receipt show of them. The contract (contract/authoring.ts) validates
 * the same shapes with zod at the page boundary.
 */
import type { Profession } from '../../common/professions.ts';
import type { DosageStructure } from '../../common/structured/dosage-types.ts';

export type BloodGroup = 'A+' | 'A-' | 'B+' | 'B-' | 'AB+' | 'AB-' | 'O+' | 'O-';
export type AllergyCriticality = 'high' | 'low' | 'unable-to-assess';

export type RecordEdit =
  | {
      readonly op: 'allergy.add';
      readonly substance:
        | { readonly kind: 'bdpm'; readonly code: string; readonly label: string }
        | { readonly kind: 'text'; readonly text: string };
      readonly criticality: AllergyCriticality;
      readonly reaction?: string | undefined;
    }
  | { readonly op: 'allergy.remove'; readonly itemId: string }
  | {
      readonly op: 'medication.add';
      readonly product:
        | { readonly kind: 'bdpm'; readonly cis: string; readonly label: string }
        | { readonly kind: 'text'; readonly text: string };
      readonly dose: string;
    }
  | { readonly op: 'medication.dose'; readonly itemId: string; readonly dose: string }
  | { readonly op: 'medication.remove'; readonly itemId: string }
  | { readonly op: 'problem.add'; readonly text: string }
  | { readonly op: 'problem.remove'; readonly itemId: string }
  | { readonly op: 'bloodGroup.set'; readonly group: BloodGroup }
  | { readonly op: 'device.add'; readonly text: string }
  | { readonly op: 'device.remove'; readonly itemId: string }
  /** Empty text removes the directive. */
  | { readonly op: 'directive.set'; readonly text: string }
  | {
      readonly op: 'contact.add';
      readonly name: string;
      readonly relationship?: string | undefined;
      readonly phone: string;
    }
  | { readonly op: 'contact.remove'; readonly itemId: string };

export interface AuthoringIdentity {
  readonly family: string;
  readonly given: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sex?: 'female' | 'male' | 'other' | 'unknown' | undefined;
}

/** Who writes: the authenticated card's identity (Composition.author, the access-log entry). */
export interface RecordAuthor {
  readonly name: string;
  readonly nationalId: string;
  readonly profession: Profession;
}

export type ChangeSection =
  | 'allergies'
  | 'medications'
  | 'problems'
  | 'bloodGroup'
  | 'devices'
  | 'directives'
  | 'contacts'
  | 'identity';

/**
 * An entry as a change line shows it: the record's text as authored, and the values the reader's
 * screen or receipt puts in words in its own language (HZ-10).
 */
export interface ChangeValue {
  /** The substance, product, problem, device, directive, contact or blood group, as authored. */
  readonly label: string;
  /** As authored: reaction (allergies), dose text (medications), relationship and phone (contacts). */
  readonly detail?: string;
  /** A medication's dosages as structure, put in the reader's words beside their authored text. */
  readonly dosages?: readonly DosageStructure[];
  /** An allergy's criticality, `unknown` when the record states none. */
  readonly criticality?: AllergyCriticality | 'unknown';
  /** The blood group the Observation's coded value names (SNOMED CT), when it names one. */
  readonly bloodGroup?: BloodGroup;
  /**
   * A contact's coded relationships (HL7 v2-0131, v3 RoleCode), named in the reader's language
   * before the detail (then the phone numbers only); absent when the relationship is text only.
   */
  readonly relationships?: readonly {
    readonly text: string;
    readonly codings: readonly {
      readonly system?: string;
      readonly code?: string;
      readonly display?: string;
    }[];
  }[];
}

/** One line of the before/after list (review screen, change receipt). */
export interface ChangeLine {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly section: ChangeSection;
  readonly before?: ChangeValue;
  readonly after?: ChangeValue;
  /** The allergy or medication it adds or changes carries typed text only, no code (HZ-24). */
  readonly typed?: true;
}

/** One editable entry of the summary as the author sees it. */
export interface AuthoringItem extends ChangeValue {
  /** The entry's resource id, else its fullUrl; for a Patient.contact, `Patient/<id>#contact-<n>`. */
  readonly itemId: string;
  /** An allergy or medication with typed text only: nothing coded stands behind it (HZ-24). */
  readonly typed?: true;
}

/** The draft record's editable entries, per section (the draft's changes applied). */
export interface AuthoringItems {
  readonly allergies: readonly AuthoringItem[];
  readonly medications: readonly AuthoringItem[];
  readonly problems: readonly AuthoringItem[];
  /** The record's blood group: its text, and the group its coded value names (the editor marks it). */
  readonly bloodGroup?: ChangeValue;
  readonly devices: readonly AuthoringItem[];
  readonly directives: readonly AuthoringItem[];
  readonly contacts: readonly AuthoringItem[];
}

/** Why an edit cannot apply; `index` is the edit's place in the draft. */
export interface EditError {
  readonly index: number;
  readonly code: 'item_not_found' | 'too_large' | 'invalid';
}
