/**
 * What the cross-check needs to know about drugs, behind one small interface so that a
 * certified drug database can replace the BDPM-backed implementation (bdpm/knowledge.ts).
 * Pure data, no I/O.
 */

/** A medicinal product (BDPM "spécialité", identified by its 8-digit CIS code). */
export interface DrugProduct {
  readonly cis: string;
  readonly name: string;
  /** Pharmaceutical form, e.g. "comprimé pelliculé sécable". */
  readonly form: string;
  /** Routes of administration, e.g. ["orale"]. */
  readonly routes: readonly string[];
  /** Marketing authorisation status, e.g. "Autorisation active". */
  readonly authorisation: string;
  /** Marketing state, e.g. "Commercialisée". */
  readonly marketed: string;
  readonly holder: string;
}

/** A presentation (box), identified by its CIP13 (and legacy CIP7). */
export interface DrugBox {
  readonly cip13: string;
  readonly cip7: string;
  readonly cis: string;
  /** e.g. "plaquette(s) PVC aluminium de 30 comprimé(s)" */
  readonly label: string;
  /** e.g. "Présentation active" */
  readonly status: string;
  /** e.g. "Déclaration de commercialisation" */
  readonly marketing: string;
}

/**
 * An active substance of a product. When the BDPM gives both the substance as weighed (SA,
 * e.g. "AMOXICILLINE TRIHYDRATÉE") and its therapeutic fraction (FT, e.g. "AMOXICILLINE"),
 * linked by the same link number, the FT is kept: it names the active moiety.
 */
export interface DrugSubstance {
  readonly code: string;
  readonly name: string;
  /** e.g. "500 mg", with the reference it applies to ("une gélule") when given. */
  readonly dosage: string;
  readonly reference: string;
  readonly nature: 'SA' | 'FT';
  /** Pharmaceutical element, e.g. "comprimé", "gélule". */
  readonly element: string;
  /** For an FT row, the substance as weighed (SA), e.g. "IOHEXOL" for the FT "IODE". */
  readonly weighedAs?: string;
}

/** Role of a product in a generic group (BDPM type column). */
export type GenericRole = 'princeps' | 'generic' | 'complementary' | 'substitutable' | 'unknown';

export interface GenericGroup {
  readonly id: string;
  readonly label: string;
  readonly members: readonly { readonly cis: string; readonly role: GenericRole }[];
}

export interface DrugKnowledgeInfo {
  /** e.g. "BDPM (base de données publique des médicaments)" */
  readonly source: string;
  /** Hash of the source files the index was built from. */
  readonly sourceHash: string;
  readonly counts: {
    readonly products: number;
    readonly boxes: number;
    readonly substances: number;
    readonly genericGroups: number;
  };
}

export interface DrugKnowledge {
  readonly info: DrugKnowledgeInfo;
  findByCip13(cip13: string): DrugBox | undefined;
  findByCip7(cip7: string): DrugBox | undefined;
  findByCis(cis: string): DrugProduct | undefined;
  boxesOf(cis: string): readonly DrugBox[];
  substancesOf(cis: string): readonly DrugSubstance[];
  genericGroupOf(cis: string): GenericGroup | undefined;
  /** Products whose name contains every word of the query (accents and case ignored), best first. */
  searchByName(query: string, limit: number): readonly DrugProduct[];
  /** CIS codes of the products whose name starts with this normalised word (a brand name). */
  productsByFirstWord(word: string): readonly string[];
  /** True when this normalised word is part of some substance's name (not a brand). */
  isSubstanceWord(word: string): boolean;
}
