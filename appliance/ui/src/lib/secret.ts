/** The server replaces this placeholder in index.html with the per-boot secret. */
const PLACEHOLDER = '%BALADEUR_' + 'SECRET%';

export function secretFromDocument(doc: Document): string {
  return doc.querySelector('meta[name="baladeur-secret"]')?.getAttribute('content') ?? '';
}

/** Reads the secret out of a freshly served index.html (after a server restart the old one is refused). */
export function secretFromHtml(html: string): string | undefined {
  const match = /<meta\s+name="baladeur-secret"\s+content="([^"]*)"/.exec(html);
  const secret = match?.[1];
  return secret && secret !== PLACEHOLDER ? secret : undefined;
}
