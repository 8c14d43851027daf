import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../common/app-root.ts';
import { CHANGE_WORDS } from '../../common/change-words.ts';
import { LANGUAGES } from '../../common/languages.ts';
import { describeRecordChanges } from './change-text.ts';

type Bundle = { entry: { resource: Record<string, unknown> }[] };
const minimal = (): Bundle =>
  JSON.parse(
    fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
  ) as Bundle;

/** One coded allergy (criticality high) added, the medication's dose changed, an immunization added. */
function edited(): Bundle {
  const bundle = minimal();
  const medication = bundle.entry.find((e) => e.resource.resourceType === 'MedicationStatement');
  if (medication) medication.resource.dosage = [{ text: '2 tablets a day' }];
  bundle.entry.push(
    {
      resource: {
        resourceType: 'AllergyIntolerance',
        id: 'added-allergy',
        criticality: 'high',
        code: { coding: [{ system: 'http://snomed.info/sct', code: '372687004', display: 'Amoxicillin' }] },
        patient: { reference: 'Patient/1' },
      },
    },
    {
      resource: {
        resourceType: 'Immunization',
        id: 'added-vaccine',
        vaccineCode: { text: 'Tetanus vaccine' },
        patient: { reference: 'Patient/1' },
      },
    },
  );
  return bundle;
}

describe('key update’s change list in the CLI’s language (the kiosk review’s words)', () => {
  it.each(LANGUAGES)(
    'HZ-10 %s: sections, kinds and criticality in that language, none in English',
    (language) => {
      const text = describeRecordChanges(minimal(), edited(), language);
      const w = CHANGE_WORDS[language];
      expect(text).toContain(
        `+ ${w.kind.added} — ${w.sections.allergies}${w.colon}Amoxicillin (${w.criticality.high})`,
      );
      expect(text).toMatch(
        new RegExp(
          `^\\* ${w.kind.changed} — ${w.sections.medications}.*${w.before}.* → ${w.after}${w.colon}.*\\(2 tablets a day\\)$`,
          'mu',
        ),
      );
      // Outside the review's sections: its FHIR type and authored text, under the heading.
      expect(text).toContain(`${w.otherEntries}${w.colon.trimEnd()}\n+ Immunization: Tetanus vaccine`);
      if (language !== 'en') {
        expect(text).not.toContain('criticality high');
        expect(text).not.toContain(CHANGE_WORDS.en.sections.allergies);
        expect(text).not.toContain(CHANGE_WORDS.en.criticality.high);
      }
    },
  );

  it('the structured dose before the change is in the reader’s words (count 1: "une fois")', () => {
    expect(describeRecordChanges(minimal(), edited(), 'fr')).toMatch(/Avant : .*une fois/u);
  });

  it('HZ-19 a contact’s coded relationship (v3 MTH, no display) in the reader’s words, not the bare code', () => {
    const after = minimal();
    const patient = after.entry.find((e) => e.resource.resourceType === 'Patient')?.resource;
    const contacts = patient?.contact as { telecom?: { system: string; value: string }[] }[];
    for (const c of contacts) c.telecom = [{ system: 'phone', value: '+33 6 00 00 00 00' }];
    const fr = describeRecordChanges(minimal(), after, 'fr');
    expect(fr).toMatch(
      /^\* Modifié — Personnes à contacter : Avant : Martha Mum \(mère — .*\) → Après : Martha Mum \(mère — \+33 6 00 00 00 00\)$/mu,
    );
    expect(describeRecordChanges(minimal(), after, 'de')).toContain('(Mutter — +33 6 00 00 00 00)');
    expect(fr).not.toContain('MTH');
  });

  it('no change: one line saying so, in the language', () => {
    expect(describeRecordChanges(minimal(), minimal(), 'de')).toBe(`${CHANGE_WORDS.de.noEntryChanged}\n`);
  });
});
