/**
 * What was checked, and texts the checks could not read with certainty, in French and English.
 * A box with no finding is never a bare green: it says what it was compared with.
 */
import { THESAURUS } from './interaction-source.ts';
import type { CheckScope, CrossCheckLanguage } from './types.ts';

export function listedTimes(lang: CrossCheckLanguage, n: number): string {
  return lang === 'fr' ? `(inscrit ${n} fois)` : `(listed ${n} times)`;
}

export function ambiguousAllergyReason(
  lang: CrossCheckLanguage,
  p: { allergy: string; words: readonly string[] },
): string {
  const words = p.words.map((w) => `« ${w} »`).join(', ');
  return lang === 'fr'
    ? `À vérifier — allergie enregistrée : ${p.allergy} ; ${words} désigne plusieurs médicaments de composition différente, dont certains contiennent une substance de cette boîte`
    : `To verify — allergy recorded: ${p.allergy}; ${words} names several products of different composition, some containing a substance of this box`;
}

export function unrecognisedAllergyReason(lang: CrossCheckLanguage, allergy: string): string {
  return lang === 'fr'
    ? `À vérifier — allergie enregistrée non reconnue : ${allergy} (aucun médicament ni classe identifiés dans ce texte)`
    : `To verify — recorded allergy not recognised: ${allergy} (no drug or class identified in this text)`;
}

function scopeList(lang: CrossCheckLanguage, scope: CheckScope, otherBoxes: number): string {
  const fr = lang === 'fr';
  const allergies =
    scope.allergiesUnrecognised > 0
      ? fr
        ? `allergies (${scope.allergies}, dont ${scope.allergiesUnrecognised} non reconnue(s))`
        : `allergies (${scope.allergies}, ${scope.allergiesUnrecognised} not recognised)`
      : `allergies (${scope.allergies})`;
  const meds =
    scope.medicationsUnrecognised > 0
      ? fr
        ? `${scope.medications} traitement(s) en cours dont ${scope.medicationsUnrecognised} non reconnu(s)`
        : `${scope.medications} current medication(s), ${scope.medicationsUnrecognised} not recognised`
      : fr
        ? `${scope.medications} traitement(s) en cours`
        : `${scope.medications} current medication(s)`;
  const boxes = fr ? `${otherBoxes} autre(s) boîte(s)` : `${otherBoxes} other box(es)`;
  const edition = THESAURUS.label[lang];
  const pending = scope.interactionRows - scope.interactionRowsReviewed;
  const table = fr
    ? `table de ${scope.interactionRows} paires, ${edition}${pending > 0 ? `, dont ${pending} non encore vérifiées sur cette édition` : ''}`
    : `table of ${scope.interactionRows} pairs, ${edition}${pending > 0 ? `, ${pending} not yet checked against that edition` : ''}`;
  return fr
    ? `${allergies}, doublons (${meds}, ${boxes}), interactions (${table})`
    : `${allergies}, duplicates (${meds}, ${boxes}), interactions (${table})`;
}

/** "No alert among: …" for a green box; "Checked: …" beside the findings of the others. */
export function checkedStatement(
  lang: CrossCheckLanguage,
  scope: CheckScope,
  p: { clear: boolean; otherBoxes: number },
): string {
  const list = scopeList(lang, scope, p.otherBoxes);
  if (lang === 'fr') return p.clear ? `Aucune alerte parmi : ${list}` : `Contrôlé : ${list}`;
  return p.clear ? `No alert among: ${list}` : `Checked: ${list}`;
}
