/**
 * A typed view of a FHIR R4 IPS document Bundle. Only the envelope is typed: every resource keeps
 * all of its fields (the key format round-trips bundles deep-equal), and readers of clinical
 * fields go through the defensive accessors in `read.ts`.
 */

/** Any FHIR resource: a JSON object with a `resourceType`. */
export interface FhirResource {
  readonly resourceType: string;
  readonly id?: string;
  readonly [field: string]: unknown;
}

export interface BundleEntry {
  readonly fullUrl?: string;
  readonly resource: FhirResource;
  readonly [field: string]: unknown;
}

/**
 * A Bundle of type `document` whose first entry is a Composition (FHIR R4 Bundle, "document"
 * rules; IPS Bundle-uv-ips). Returned by `parseIpsBundle` as the very object it was given.
 */
export interface IpsBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'document';
  readonly entry: readonly BundleEntry[];
  readonly [field: string]: unknown;
}

export type IpsErrorCode =
  | 'not_json_object'
  | 'not_a_bundle'
  | 'not_a_document'
  | 'no_composition'
  | 'invalid_resource'
  | 'too_large'
  | 'too_deep';

/** Why a bundle was refused. `message` is one English line that never quotes patient content. */
export interface IpsError {
  readonly code: IpsErrorCode;
  /** JSON path of the offending value, e.g. `entry[3].resource`; empty for the root. */
  readonly where: string;
  readonly message: string;
}
