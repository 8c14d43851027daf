import * as z from 'zod';

/*
 * The envelope we rely on, validated at the boundary. Objects are loose (unknown fields kept and
 * ignored): FHIR resources carry far more than we read, and the bundle must round-trip unchanged.
 * Clinical fields inside resources are not validated here; `summarize` reads them defensively.
 */

const optString = z.string().optional();

const coding = z.looseObject({ system: optString, code: optString, display: optString });

const codeableConcept = z.looseObject({ text: optString, coding: z.array(coding).optional() });

const reference = z.looseObject({ reference: optString, display: optString });

const narrative = z.looseObject({ status: optString, div: optString });

export interface SectionShape {
  readonly title?: string;
  readonly section?: readonly SectionShape[];
}

const section: z.ZodType<SectionShape> = z.lazy(() =>
  z.looseObject({
    title: optString,
    code: codeableConcept.optional(),
    text: narrative.optional(),
    entry: z.array(reference).optional(),
    emptyReason: codeableConcept.optional(),
    section: z.array(section).optional(),
  }),
);

export const resourceSchema = z.looseObject({
  resourceType: z.string().regex(/^[A-Za-z]{1,64}$/),
  id: optString,
  text: narrative.optional(),
});

export const compositionSchema = z.looseObject({
  resourceType: z.literal('Composition'),
  id: optString,
  title: optString,
  date: optString,
  language: optString,
  subject: reference.optional(),
  author: z.array(reference).optional(),
  section: z.array(section).optional(),
});

export const entrySchema = z.looseObject({ fullUrl: optString, resource: resourceSchema });

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.literal('document'),
  entry: z.tuple([z.looseObject({ fullUrl: optString, resource: compositionSchema })], entrySchema),
});
