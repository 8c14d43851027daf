/**
 * The GS1 Application Identifiers we read (GS1 General Specifications §3.2). Fixed-length AIs
 * never need a separator; variable-length ones end at FNC1/GS, at the end of the data, or —
 * when a scanner drops the separators — at an ambiguous point resolved in parse.ts.
 */

export type AiSpec =
  | { readonly ai: string; readonly kind: 'fixed'; readonly length: number; readonly numeric: true }
  | { readonly ai: string; readonly kind: 'variable'; readonly max: number; readonly numeric: boolean };

const fixed = (ai: string, length: number): AiSpec => ({ ai, kind: 'fixed', length, numeric: true });
const variable = (ai: string, max: number, numeric = false): AiSpec => ({
  ai,
  kind: 'variable',
  max,
  numeric,
});

export const AIS: readonly AiSpec[] = [
  fixed('00', 18), // SSCC
  fixed('01', 14), // GTIN (French boxes: "0" + CIP13)
  fixed('02', 14),
  fixed('11', 6), // production date
  fixed('12', 6),
  fixed('13', 6),
  fixed('15', 6), // best before
  fixed('16', 6),
  fixed('17', 6), // expiry
  variable('10', 20), // batch/lot
  variable('21', 20), // serial
  variable('22', 20),
  variable('240', 30),
  variable('241', 30),
  variable('30', 8, true),
  variable('710', 20), // national healthcare reimbursement numbers (DE, FR, ES, IT, NL, PT)
  variable('711', 20),
  variable('712', 20),
  variable('713', 20),
  variable('714', 20),
  variable('715', 20),
];

const BY_AI = new Map(AIS.map((a) => [a.ai, a]));

/** The AI at the start of `data`, if it is one we know (AIs are prefix-free). */
export function aiAt(data: string, at: number): AiSpec | undefined {
  for (const length of [2, 3, 4]) {
    const spec = BY_AI.get(data.slice(at, at + length));
    if (spec !== undefined) return spec;
  }
  return undefined;
}

/** GS1 AI encodable character set 82 (§7.11, figure 7.11-1). */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
