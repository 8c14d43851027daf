/**
 * Authoring at the kiosk (issue 16, item 4): the commands' payloads and the session view's
 * `authoring` part, shared by the server and the kiosk page. Validated with zod at the boundary.
 */
import { z } from 'zod';
import type { AuthoringIdentity, RecordEdit } from '../record/authoring/types.ts';

export type {
  AuthoringIdentity,
  AuthoringItem,
  AuthoringItems,
  BloodGroup,
  ChangeLine,
  ChangeSection,
  ChangeValue,
  RecordEdit,
} from '../record/authoring/types.ts';
import type { AuthoringItems, ChangeLine } from '../record/authoring/types.ts';
import type { KeyErrorReason } from './session-view.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** An entry of the current summary, as the view names it (the resource's fullUrl or id). */
export const ItemIdSchema = z.string().min(1).max(200);

export const CRITICALITIES = ['high', 'low', 'unable-to-assess'] as const;
export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

export const RecordEditSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('allergy.add'),
    substance: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('bdpm'), code: z.string().regex(/^[0-9]{1,12}$/), label: text(200) }),
      z.object({ kind: z.literal('text'), text: text(200) }),
    ]),
    criticality: z.enum(CRITICALITIES),
    reaction: text(200).optional(),
  }),
  z.object({ op: z.literal('allergy.remove'), itemId: ItemIdSchema }),
  z.object({
    op: z.literal('medication.add'),
    product: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('bdpm'), cis: z.string().regex(/^[0-9]{8}$/), label: text(300) }),
      z.object({ kind: z.literal('text'), text: text(200) }),
    ]),
    dose: text(200),
  }),
  z.object({ op: z.literal('medication.dose'), itemId: ItemIdSchema, dose: text(200) }),
  z.object({ op: z.literal('medication.remove'), itemId: ItemIdSchema }),
  z.object({ op: z.literal('problem.add'), text: text(200) }),
  z.object({ op: z.literal('problem.remove'), itemId: ItemIdSchema }),
  z.object({ op: z.literal('bloodGroup.set'), group: z.enum(BLOOD_GROUPS) }),
  z.object({ op: z.literal('device.add'), text: text(200) }),
  z.object({ op: z.literal('device.remove'), itemId: ItemIdSchema }),
  /** Empty text removes the directive. */
  z.object({ op: z.literal('directive.set'), text: z.string().trim().max(1000) }),
  z.object({
    op: z.literal('contact.add'),
    name: text(100),
    relationship: text(60).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .()-]{4,25}$/),
  }),
  z.object({ op: z.literal('contact.remove'), itemId: ItemIdSchema }),
]);
/** The record's own types (record/authoring/types.ts); the schemas above must parse exactly them. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEdit: Same<z.infer<typeof RecordEditSchema>, RecordEdit> = true;
void sameEdit;

export const IdentitySchema = z.object({
  family: text(100),
  given: text(100),
  birthDate: z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/),
  sex: z.enum(SEXES).optional(),
});
const sameIdentity: Same<z.infer<typeof IdentitySchema>, AuthoringIdentity> = true;
void sameIdentity;

/** The commands of authoring, spread into `CommandSchema` (contract/commands.ts). */
export const AUTHORING_COMMANDS = [
  z.object({ type: z.literal('authoring.start') }),
  z.object({ type: z.literal('authoring.new') }),
  IdentitySchema.extend({ type: z.literal('authoring.identity') }),
  z.object({ type: z.literal('authoring.edit'), edit: RecordEditSchema }),
  z.object({ type: z.literal('authoring.undo'), index: z.number().int().min(0).max(200) }),
  z.object({ type: z.literal('authoring.search'), query: z.string().trim().min(2).max(80) }),
  z.object({ type: z.literal('authoring.review') }),
  z.object({ type: z.literal('authoring.back') }),
  z.object({ type: z.literal('authoring.sign'), pin: z.string().regex(/^[0-9]{4,8}$/) }),
  z.object({ type: z.literal('authoring.cancel') }),
  z.object({ type: z.literal('authoring.done') }),
  z.object({ type: z.literal('authoring.print_code_card') }),
  z.object({ type: z.literal('authoring.print_receipt') }),
  /** Import from the doctor's software (issue 16, item 5): the patient key out, the export stick in. */
  z.object({ type: z.literal('authoring.import') }),
  /** Several document Bundles on the export stick: the one at `index` of the view's `files`. */
  z.object({ type: z.literal('authoring.import_choose'), index: z.number().int().min(0).max(15) }),
  /** Gives up the import: the edits stay as they were. */
  z.object({ type: z.literal('authoring.import_cancel') }),
] as const;

/**
 * How the last import went, said in the editor once the patient key is back: `imported` (the
 * edits now apply to the imported bundle), or why nothing was imported (the edits untouched).
 */
export type ImportOutcome =
  | 'imported'
  | 'cancelled'
  /** No FHIR document Bundle (JSON) on the stick, at its root or one folder down. */
  | 'no_bundle'
  /** The stick could not be read, or was removed before its bundle was read. */
  | 'unreadable'
  | 'too_large'
  /** Not a valid IPS document Bundle within today's bounds. */
  | 'invalid'
  /** The bundle names another patient (family name, birth date, or a different INS) than the key's record: refused (HZ-23). */
  | 'other_patient';

/** The import's steps, as the screen guides the doctor through them. */
export type ImportStepView =
  | { readonly step: 'remove_patient_key' }
  | { readonly step: 'insert_export' }
  | { readonly step: 'scanning' }
  | { readonly step: 'choose'; readonly files: readonly { readonly path: string; readonly size: number }[] }
  | { readonly step: 'reading' }
  /**
   * Remove the export stick and put the patient's key back; `wrongKey`: the key put back holds
   * another record (HZ-23), nothing is imported or written into it. The key, once back, is
   * opened with the patient's code on the usual code screen.
   */
  | {
      readonly step: 'return_patient_key';
      readonly outcome: ImportOutcome;
      readonly wrongKey?: true;
      /**
       * A new record only: the stick put back cannot take one (`not_fat`, `write_protected`…), said
       * as the key screen says it; nothing is written to it.
       */
      readonly keyProblem?: KeyErrorReason;
      /** A new record only: the stick put back holds an export (plain JSON summary); nothing is written to it. */
      readonly holdsExport?: true;
    };

export interface AuthoringSearchView {
  readonly query: string;
  readonly matches: readonly {
    readonly kind: 'substance' | 'product';
    readonly code: string;
    readonly label: string;
  }[];
}

export type AuthoringFailure =
  | 'card_removed'
  | 'key_removed'
  | 'write_failed'
  | 'not_same_patient'
  | 'sign_failed'
  | 'too_large'
  | 'blocked';

export type AuthoringView =
  | {
      readonly status: 'identity';
      /** The identity the imported Patient gives, for the doctor to check (a new record, issue 16 item 5). */
      readonly imported?: Partial<AuthoringIdentity>;
      readonly canImport?: true;
      readonly importOutcome?: ImportOutcome;
    }
  | {
      readonly status: 'editing';
      readonly items: AuthoringItems;
      readonly changes: readonly ChangeLine[];
      readonly search?: AuthoringSearchView;
      /** The last edit could not apply (its item is gone, or the record would exceed its bounds). */
      readonly lastEditError?: 'item_not_found' | 'too_large' | 'invalid';
      /**
       * The key's worker is applying the last change: `items` and `changes` are as of the one
       * before (absent items on the first preview: not yet read, not an empty record).
       */
      readonly updating?: true;
      /** `authoring.search` needs the drug reference; `unavailable`: free text only. */
      readonly reference: 'loading' | 'ready' | 'unavailable';
      /** `authoring.import` is offered (an update, or a new record). */
      readonly canImport?: true;
      /** The last import's outcome, until the next edit. */
      readonly importOutcome?: ImportOutcome;
    }
  /** `newRecord`: the stick taken out and put back is the blank one a new record goes to. */
  | ({ readonly status: 'importing'; readonly newRecord?: true } & ImportStepView)
  | { readonly status: 'reviewing'; readonly changes: readonly ChangeLine[] }
  | { readonly status: 'signing' }
  | { readonly status: 'pin_wrong'; readonly retriesLeft?: number }
  | { readonly status: 'writing' }
  | {
      readonly status: 'written';
      readonly version: number;
      readonly newKey: boolean;
      readonly codeCardPrinted: boolean;
      /** A new key only: the generated patient code, formatted; shown on screen only while `written`. */
      readonly patientCode?: string;
    }
  /** The old record is intact in every failure (the screen says so). */
  | { readonly status: 'failed'; readonly reason: AuthoringFailure };
