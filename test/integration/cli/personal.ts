/** Strings that identify the patient in a bundle: names, birth date, identifiers (issue 2, acceptance). */
type Json = Record<string, unknown>;

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

export function personalStrings(bundle: unknown): string[] {
  const out = new Set<string>();
  for (const entry of objects((bundle as Json).entry)) {
    const resource = entry.resource as Json | undefined;
    if (resource?.resourceType !== 'Patient') continue;
    for (const name of objects(resource.name)) {
      if (typeof name.family === 'string') out.add(name.family);
      for (const given of Array.isArray(name.given) ? name.given : [])
        if (typeof given === 'string') out.add(given);
      if (typeof name.text === 'string') out.add(name.text);
    }
    if (typeof resource.birthDate === 'string') out.add(resource.birthDate);
    for (const id of objects(resource.identifier)) if (typeof id.value === 'string') out.add(id.value);
  }
  return [...out].map((s) => s.trim()).filter((s) => s.length >= 2);
}

/** The non-zero 64 KiB chunks of an image, concatenated (a sparse 64 MiB image scans in a few ms). */
export function nonZeroChunks(image: Uint8Array): Buffer {
  const chunk = 64 * 1024;
  const zeros = Buffer.alloc(chunk);
  const parts: Buffer[] = [];
  for (let offset = 0; offset < image.byteLength; offset += chunk) {
    const part = Buffer.from(
      image.buffer,
      image.byteOffset + offset,
      Math.min(chunk, image.byteLength - offset),
    );
    if (!part.equals(zeros.subarray(0, part.byteLength))) parts.push(part);
  }
  return Buffer.concat(parts);
}
