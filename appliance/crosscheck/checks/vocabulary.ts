/**
 * Substance names → comparable keys. A key is the sorted set of meaningful normalised words of
 * a substance name: salts, hydrates and linking words removed (only when a real name remains:
 * "chlorure de sodium" keeps both words), English "X-ic acid" folded onto French "acide X-ique",
 * and known INN variants (French/English/German) mapped to one canonical name.
 * See docs/crosscheck.md, "Matching rules".
 */
import { memoise } from '../memo.ts';
import { normaliseWord, normaliseWords } from '../normalise.ts';

const SALT_WORDS = new Set(
  [
    'de',
    'd',
    'du',
    'l',
    'base',
    'anhydre',
    'hydrate',
    'monohydrate',
    'dihydrate',
    'trihydrate',
    'tetrahydrate',
    'pentahydrate',
    'hexahydrate',
    'heptahydrate',
    'hemihydrate',
    'sesquihydrate',
    'hydrate',
    'hydratee',
    'chlorhydrate',
    'dichlorhydrate',
    'bromhydrate',
    'hydrochloride',
    'hydrobromide',
    'hyclate',
    'sodique',
    'disodique',
    'monosodique',
    'potassique',
    'dipotassique',
    'calcique',
    'magnesique',
    'sodium',
    'potassium',
    'calcium',
    'magnesium',
    'lysine',
    'arginine',
    'trometamol',
    'meglumine',
    'maleate',
    'hydrogenomaleate',
    'mesilate',
    'mesylate',
    'besilate',
    'besylate',
    'tosilate',
    'tartrate',
    'hydrogenotartrate',
    'bitartrate',
    'fumarate',
    'hemifumarate',
    'succinate',
    'citrate',
    'carbonate',
    'sulfate',
    'phosphate',
    'acetate',
    'chlorure',
    'chloride',
    'bromure',
    'bromide',
    'nitrate',
    'oxalate',
    'lactate',
    'gluconate',
    'propionate',
    'dipropionate',
    'valerate',
    'acetonide',
    'pivalate',
    'palmitate',
    'decanoate',
    'enantate',
    'furoate',
    'xinafoate',
    'dl',
    'equivalant',
    'exprime',
    'en',
    'lysinate',
    'solution',
  ].map(normaliseWord),
);

/** Canonical name first, then variants (any language, any spelling). */
const SYNONYMS: readonly (readonly string[])[] = [
  ['paracétamol', 'acetaminophen', 'acétaminophène'],
  [
    'acide acétylsalicylique',
    'aspirine',
    'aspirin',
    'acetylsalicylic acid',
    'acetylsalicylsäure',
    'acétylsalicylate',
    'acide acetylsalicylique',
    'asa',
  ],
  ['amoxicilline', 'amoxycillin'],
  ['benzylpénicilline', 'penicillin g', 'pénicilline g', 'benzylpenicillin'],
  ['phénoxyméthylpénicilline', 'penicillin v', 'pénicilline v'],
  ['acide clavulanique', 'clavulanate'],
  ['ciclosporine', 'cyclosporine', 'ciclosporin', 'cyclosporin'],
  ['trinitrine', 'glyceryl trinitrate', 'trinitrate de glycéryle', 'nitroglycérine', 'nitroglycerin'],
  ['furosémide', 'frusemide'],
  ['salbutamol', 'albuterol'],
  ['lidocaïne', 'lignocaine'],
  ['colécalciférol', 'cholecalciferol'],
  ['lévothyroxine', 'thyroxine', 'l-thyroxine'],
  ['adrénaline', 'épinéphrine'],
  ['métamizole', 'dipyrone', 'noramidopyrine'],
  ['péthidine', 'meperidine'],
  ['acide valproïque', 'valproate'],
  ['indométacine', 'indomethacin'],
  ['chlorure de potassium', 'potassium chloride'],
  ['gluconate de potassium', 'potassium gluconate'],
  ['citrate de potassium', 'potassium citrate'],
  ['bicarbonate de potassium', 'potassium bicarbonate', 'hydrogénocarbonate de potassium'],
  ['dinitrate d isosorbide', 'isosorbide dinitrate'],
  ['mononitrate d isosorbide', 'isosorbide mononitrate'],
  ['sulfaméthoxazole', 'sulphamethoxazole'],
  ['triméthoprime', 'trimethoprim'],
  ['estradiol', 'oestradiol'],
  ['phytoménadione', 'vitamin k1', 'vitamine k1'],
];

/** Folds "X-ic acid" / "acid X-ic" onto the French "acide X-ique" word forms. */
function foldAcid(words: readonly string[]): string[] {
  if (!words.includes('acid')) return [...words];
  return words.map((w) => (w.endsWith('ic') && w.length > 4 ? `${w.slice(0, -2)}iqu` : w));
}

/** Meaningful words of a substance name, in their original order. */
export function substanceWords(name: string): string[] {
  const words = foldAcid(normaliseWords(name));
  const kept = words.filter((w) => !SALT_WORDS.has(w));
  const meaningful = kept.filter((w) => !/^\d/.test(w));
  if (meaningful.length > 0) return kept;
  return words.filter((w) => w !== 'de' && w !== 'd' && w !== 'du');
}

function rawKey(words: readonly string[]): string {
  return [...new Set(words)].sort().join(' ');
}

const CANONICAL = new Map<string, string>();
const VARIANTS = new Map<string, string[][]>();
for (const [canonical, ...variants] of SYNONYMS) {
  const key = rawKey(substanceWords(canonical as string));
  const forms = [canonical as string, ...variants].map(substanceWords);
  for (const form of forms) CANONICAL.set(rawKey(form), key);
  VARIANTS.set(key, forms);
}

/** The comparable key of a substance name ("AMOXICILLINE TRIHYDRATÉE" → "amoxicillin"). */
export const substanceKey: (name: string) => string = memoise((name: string): string => {
  const key = rawKey(substanceWords(name));
  return CANONICAL.get(key) ?? key;
});

/** Word sequences under which a substance may be written in free text (all known variants). */
export function substanceAliases(name: string): string[][] {
  const words = substanceWords(name);
  const key = substanceKey(name);
  const out = [words, ...(VARIANTS.get(key) ?? [])];
  if (words.length === 2) out.push([...words].reverse());
  const seen = new Set<string>();
  return out.filter((w) => {
    const k = w.join(' ');
    if (w.length === 0 || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Every key that can be read in a text (single words and runs of two or three words). */
export function candidateKeys(text: string): string[] {
  const words = foldAcid(normaliseWords(text)).filter((w) => !SALT_WORDS.has(w) && !/^\d/.test(w));
  const out = new Set<string>();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      const key = rawKey(words.slice(i, i + n));
      out.add(CANONICAL.get(key) ?? key);
    }
  }
  return [...out];
}

/** Normalised words of a free text for whole-word matching (acids folded, linking words dropped). */
export function textWords(text: string): string[] {
  return foldAcid(normaliseWords(text)).filter((w) => w !== 'de' && w !== 'd' && w !== 'du' && w !== 'l');
}

const KNOWN = new Set<string>(CANONICAL.values());

/** Adds keys the checks care about (class members, interaction substances) to the known set. */
export function registerKnownKeys(keys: Iterable<string>): void {
  for (const k of keys) KNOWN.add(k);
}

export function isKnownKey(key: string): boolean {
  return KNOWN.has(key);
}
