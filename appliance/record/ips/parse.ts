import { err, ok, type Result } from '../../common/result.ts';
import { checkLimits, formatPath } from './limits.ts';
import { bundleSchema } from './schema.ts';
import type { IpsBundle, IpsError } from './types.ts';
import { arr, obj } from './read.ts';

/**
 * Validates a parsed JSON value as an IPS document Bundle and returns the SAME object, untouched
 * (the key format round-trips bundles deep-equal). Bounds are checked first, without recursion,
 * so a hostile value cannot exhaust the stack or the clock.
 */
export function parseIpsBundle(json: unknown): Result<IpsBundle, IpsError> {
  const root = obj(json);
  if (root === undefined) {
    return err({ code: 'not_json_object', where: '', message: 'the content is not a JSON object' });
  }
  const bounded = checkLimits(root);
  if (!bounded.ok) return bounded;

  if (root['resourceType'] !== 'Bundle') {
    return err({
      code: 'not_a_bundle',
      where: 'resourceType',
      message: 'the JSON object is not a FHIR Bundle',
    });
  }
  if (root['type'] !== 'document') {
    return err({ code: 'not_a_document', where: 'type', message: 'the Bundle is not of type "document"' });
  }
  const first = obj(arr(root['entry'])[0]);
  if (first === undefined || obj(first['resource'])?.['resourceType'] !== 'Composition') {
    return err({
      code: 'no_composition',
      where: 'entry[0].resource',
      message: 'the first entry of the document Bundle is not a Composition',
    });
  }

  const parsed = bundleSchema.safeParse(root);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? [] : issue.path;
    return err({
      code: 'invalid_resource',
      where: formatPath(path),
      message: `invalid value in the Bundle (${issue?.code ?? 'invalid'})`,
    });
  }
  return ok(root as unknown as IpsBundle);
}
