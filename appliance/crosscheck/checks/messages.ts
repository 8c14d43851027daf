/** Reason and notice templates, French and English. Record texts are quoted as authored. */
import type { Criticality } from '../../record/summary/types.ts';
import type { ClassId } from './classes.ts';
import { CLASS_NAMES } from './class-names.ts';
import { THESAURUS } from './interaction-source.ts';
export {
  ambiguousAllergyReason,
  checkedStatement,
  listedTimes,
  unrecognisedAllergyReason,
} from './messages-scope.ts';
import type { InteractionLevel } from './interactions.ts';
import type { CrossCheckLanguage } from './types.ts';

const CRITICALITY: Readonly<Record<Criticality, { fr: string; en: string }>> = {
  high: { fr: 'élevée', en: 'high' },
  low: { fr: 'faible', en: 'low' },
  'unable-to-assess': { fr: 'non évaluable', en: 'unable to assess' },
  unknown: { fr: 'inconnue', en: 'unknown' },
};

const LEVELS: Readonly<Record<InteractionLevel, { fr: string; en: string }>> = {
  'contre-indication': { fr: 'contre-indication', en: 'contraindication (contre-indication)' },
  'association-deconseillee': {
    fr: 'association déconseillée',
    en: 'combination not recommended (association déconseillée)',
  },
  'precaution-emploi': { fr: "précaution d'emploi", en: "precaution for use (précaution d'emploi)" },
  'a-prendre-en-compte': { fr: 'à prendre en compte', en: 'to be taken into account (à prendre en compte)' },
};

export type AllergyMatch =
  | { readonly how: 'substance' }
  | { readonly how: 'class'; readonly cls: ClassId }
  | { readonly how: 'same-class'; readonly cls: ClassId }
  | { readonly how: 'cross-reactivity'; readonly from: ClassId; readonly to: ClassId };

export function className(cls: ClassId, lang: CrossCheckLanguage): string {
  return CLASS_NAMES[cls][lang];
}

export function allergyReason(
  lang: CrossCheckLanguage,
  p: {
    substance: string;
    allergy: string;
    match: AllergyMatch;
    reactions: readonly string[];
    criticality: Criticality;
    type?: 'allergy' | 'intolerance';
    resolved: boolean;
  },
): string {
  const fr = lang === 'fr';
  const what =
    p.type === 'intolerance'
      ? fr
        ? 'intolérance enregistrée'
        : 'intolerance recorded'
      : fr
        ? 'allergie enregistrée'
        : 'allergy recorded';
  let how = '';
  switch (p.match.how) {
    case 'substance':
      break;
    case 'class':
      how = fr ? ` (classe : ${className(p.match.cls, lang)})` : ` (class: ${className(p.match.cls, lang)})`;
      break;
    case 'same-class':
      how = fr
        ? ` (même classe : ${className(p.match.cls, lang)})`
        : ` (same class: ${className(p.match.cls, lang)})`;
      break;
    case 'cross-reactivity':
      how = fr
        ? ` (réactivité croisée possible ${className(p.match.from, lang)} → ${className(p.match.to, lang)})`
        : ` (possible cross-reactivity ${className(p.match.from, lang)} → ${className(p.match.to, lang)})`;
      break;
  }
  const sep = fr ? ' : ' : ': ';
  const parts = [`${p.substance} — ${what}${sep}${p.allergy}${how}`];
  if (p.reactions.length > 0) parts.push(`${fr ? 'réaction' : 'reaction'}${sep}${p.reactions.join(', ')}`);
  parts.push(`${fr ? 'criticité' : 'criticality'} ${CRITICALITY[p.criticality][lang]}`);
  if (p.resolved) parts.push(fr ? 'notée comme résolue' : 'recorded as resolved');
  return parts.join(', ');
}

export function duplicateReason(
  lang: CrossCheckLanguage,
  p: {
    substance: string;
    other: string;
    against: 'medication' | 'box';
    how: 'substance' | 'group' | 'class';
    group?: string;
    cls?: ClassId;
  },
): string {
  const fr = lang === 'fr';
  const where =
    p.against === 'medication'
      ? fr
        ? 'déjà dans le traitement en cours'
        : 'already in current medication'
      : fr
        ? 'déjà dans une autre boîte scannée'
        : 'already in another scanned box';
  let how: string;
  switch (p.how) {
    case 'substance':
      how = fr ? 'même substance' : 'same substance';
      break;
    case 'group':
      how = fr
        ? `même groupe générique${p.group ? ` : ${p.group}` : ''}`
        : `same generic group${p.group ? `: ${p.group}` : ''}`;
      break;
    case 'class':
      how =
        p.cls === undefined
          ? ''
          : fr
            ? `même classe : ${className(p.cls, lang)}`
            : `same class: ${className(p.cls, lang)}`;
      break;
  }
  return `${p.substance} — ${where}${fr ? ' : ' : ': '}${p.other} (${how})`;
}

export function interactionReason(
  lang: CrossCheckLanguage,
  p: {
    substance: string;
    other: string;
    otherIs: 'medication' | 'box';
    level: InteractionLevel;
    risk: string;
    condition?: string;
    /** The dose the level was read from, when known ("acide acétylsalicylique 75 mg : dose antiagrégante"). */
    dose?: string;
    entry: string;
    reviewed: boolean;
  },
): string {
  const fr = lang === 'fr';
  const where =
    p.otherIs === 'medication'
      ? fr
        ? 'traitement en cours'
        : 'current medication'
      : fr
        ? 'boîte scannée'
        : 'scanned box';
  const head = `${p.substance} + ${p.other} (${where}) — ${LEVELS[p.level][lang]}${fr ? ' : ' : ': '}${p.risk}`;
  const parts = [head];
  if (p.dose !== undefined) parts.push(p.dose);
  if (p.condition !== undefined) parts.push(p.condition);
  const cite = fr ? `thésaurus : ${p.entry}` : `thesaurus: ${p.entry}`;
  parts.push(
    p.reviewed
      ? cite
      : fr
        ? `${cite} — ligne non encore vérifiée sur l'édition citée`
        : `${cite} — row not yet checked against the cited edition`,
  );
  return `${parts[0]} (${parts.slice(1).join(' ; ')})`;
}

export function expiredReason(lang: CrossCheckLanguage, isoDate: string): string {
  return lang === 'fr' ? `Boîte périmée depuis le ${isoDate}` : `Box expired on ${isoDate}`;
}

export function unknownBoxReason(lang: CrossCheckLanguage, code: string): string {
  return lang === 'fr'
    ? `Code ${code} introuvable dans la base des médicaments : boîte non vérifiée`
    : `Code ${code} not found in the drug database: box not checked`;
}

export function notices(
  lang: CrossCheckLanguage,
  gaps: {
    allergies: 'absent' | 'empty' | 'entries';
    medications: 'absent' | 'empty' | 'entries';
    rows: number;
  },
): string[] {
  const fr = lang === 'fr';
  const out = [
    fr
      ? 'Aide à la dispensation : ne remplace pas le jugement du pharmacien.'
      : "Dispensing aid: this does not replace the pharmacist's judgement.",
    fr
      ? `Table d'interactions non exhaustive (${gaps.rows} paires parmi les contre-indications et associations déconseillées du ${THESAURUS.label.fr}) ; l'absence d'alerte ne signifie pas l'absence de risque.`
      : `Interaction table not exhaustive (${gaps.rows} pairs among the contraindications and combinations not recommended of the ${THESAURUS.label.en}); no alert does not mean no risk.`,
  ];
  if (gaps.allergies === 'absent') {
    out.push(
      fr
        ? 'Le dossier ne contient pas de section allergies : allergies non vérifiées.'
        : 'The record has no allergy section: allergies not checked.',
    );
  }
  if (gaps.medications === 'absent') {
    out.push(
      fr
        ? 'Le dossier ne contient pas de section traitements : doublons et interactions avec le traitement en cours non vérifiés.'
        : 'The record has no medication section: duplicates and interactions with current medication not checked.',
    );
  }
  return out;
}
