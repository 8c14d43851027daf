/**
 * Finds the tests that cite a hazard: a test (or describe block) whose title contains `HZ-NN`.
 * Only titles count, so a hazard id in a comment is not evidence.
 */
export interface Citation {
  readonly hazardId: string;
  readonly file: string;
  readonly line: number;
  readonly title: string;
}

const TEST_CALL =
  /\b(?:it|test|describe)(?:\.(?:each\([^)]*\)|skipIf\([^)]*\)|runIf\([^)]*\)|concurrent|serial|sequential))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
const SKIPPED_CALL = /\b(?:it|test|describe)\.(?:skip|todo|fixme)\(/;
const HAZARD_ID = /\bHZ-\d{2,3}\b/g;

export function findCitations(file: string, source: string): Citation[] {
  const citations: Citation[] = [];
  const lines = source.split(/\r?\n/);
  lines.forEach((text, index) => {
    if (SKIPPED_CALL.test(text)) return;
    for (const match of text.matchAll(TEST_CALL)) {
      const title = match[2] as string;
      for (const id of new Set(title.match(HAZARD_ID) ?? [])) {
        citations.push({ hazardId: id, file, line: index + 1, title });
      }
    }
  });
  return citations;
}
