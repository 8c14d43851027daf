/** The two tiers of a record (docs/key-format.md, "Tiers"). Same strings as the session contract. */
export const TIERS = ['full', 'emergency'] as const;
export type Tier = (typeof TIERS)[number];
