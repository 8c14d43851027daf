import { LOCALES, type Language } from '../../../common/languages.ts';

/** Formats a FHIR date/dateTime for display; partial dates (YYYY, YYYY-MM) are shown as written. */
export function formatDate(value: string | undefined, language: Language): string | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeZone: value.length === 10 ? 'UTC' : undefined,
  }).format(date);
}
