/** The IPS content library: parse and validate, summarize, derive tiers. */
export { parseIpsBundle } from './parse.ts';
export { emergencyTier, EMERGENCY_CATEGORIES } from './tiers.ts';
export { IPS_LIMITS } from './limits.ts';
export { summarize } from '../summary/summarize.ts';
export type { IpsBundle, IpsError, IpsErrorCode, BundleEntry, FhirResource } from './types.ts';
