/** HZ-13 hostile CLI keys, decrypted content: well encrypted, but hostile or unsigned inside. */
import { bundle, enc, nest, type HostileCase, type HostileKit } from './hostile-kit.ts';

export async function contentCases({ signed, content }: HostileKit): Promise<HostileCase[]> {
  return [
    await content('plain text instead of a signed bundle', 'hello world', 2, /not a signed record/u),
    await content('empty plaintext', new Uint8Array(0), 2, /not a signed record/u),
    await content(
      'XML FHIR document (wrong content type)',
      '<Bundle xmlns="http://hl7.org/fhir"/>',
      2,
      /not a signed record/u,
    ),
    await content(
      'signed JWS over invalid JSON',
      await signed('{"resourceType": "Bund'),
      2,
      /not a JSON document/u,
    ),
    await content(
      'signed JWS over invalid UTF-8',
      await signed(Uint8Array.from([0x7b, 0xff, 0x7d])),
      2,
      /not a JSON document/u,
    ),
    await content(
      'signed nesting bomb',
      await signed(`{"resourceType":"Bundle","x":${nest(10_000)}}`),
      2,
      /not a JSON document/u,
    ),
    await content('signed JSON array', await signed('[]'), 2, /not a valid IPS bundle/u),
    await content(
      'signed Patient instead of a Bundle',
      await signed('{"resourceType":"Patient"}'),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle of type collection',
      await signed(JSON.stringify({ ...bundle, type: 'collection' })),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle without a Composition',
      await signed(JSON.stringify({ ...bundle, entry: [] })),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle with a 1.2 MB string',
      await signed(JSON.stringify({ ...bundle, id: 'x'.repeat(1_200_000) })),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle with 20 000 entries',
      await signed(
        JSON.stringify({
          ...bundle,
          entry: [
            ...bundle.entry,
            ...Array.from({ length: 20_000 }, (_, i) => ({
              resource: { resourceType: 'Basic', id: String(i) },
            })),
          ],
        }),
      ),
      2,
      /not a valid IPS bundle/u,
    ),
    await content('unsigned bundle (HZ-04)', JSON.stringify(bundle), 4, /signature: NONE/u),
    await content(
      'emergency-tier signature in the full slot (HZ-04)',
      await signed(JSON.stringify(bundle), 'emergency'),
      4,
      /signature: INVALID/u,
    ),
    await content(
      'JWS with a forged signature (HZ-04)',
      enc.encode(`${new TextDecoder().decode(await signed(JSON.stringify(bundle))).slice(0, -10)}AAAAAAAAAA`),
      4,
      /signature: INVALID/u,
    ),
    await content(
      'JWS with alg none (HZ-04)',
      `${Buffer.from('{"alg":"none","typ":"baladeur-tier+jws","tier":"full"}').toString('base64url')}.${Buffer.from(JSON.stringify(bundle)).toString('base64url')}.`,
      4,
      /signature: INVALID/u,
    ),
  ];
}
