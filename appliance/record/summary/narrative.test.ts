import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adversarialShapes,
  expand,
  KNOWN_ADVERSARIAL,
  timeGrowth,
} from '../../common/linear-time.testing.ts';
import { narrativeLanguage, narrativeText } from './narrative.ts';

describe('narrativeText', () => {
  it('turns block ends into separate lines and cells into spaces', () => {
    const div =
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Penicillin</p><p>Latex<br/>rash</p>' +
      '<table><tr><td>Aspirin</td><th>100 mg</th></tr></table></div>';
    expect(narrativeText(div)).toBe('Penicillin — Latex — rash — Aspirin 100 mg');
  });

  it('decodes named and numeric entities after the tags are gone', () => {
    expect(narrativeText('<p>&lt;b&gt; &amp; &#x41;&#66; &eacute;</p>')).toBe('<b> & AB &eacute;');
  });

  it('keeps a `<` that no `>` closes as text', () => {
    expect(narrativeText('<p>dose < 5 mg')).toBe('dose < 5 mg');
    expect(narrativeText('a <<< b')).toBe('a <<< b');
  });

  it('takes a tag from `<` to the next `>`, whatever it holds', () => {
    expect(narrativeText('x<a <br>y')).toBe('xy');
    expect(narrativeText('x<brx>y</h7>z')).toBe('xyz');
    expect(narrativeText('x</td >y</TD>z')).toBe('xy z');
  });

  it('collapses whitespace and drops blank lines', () => {
    expect(narrativeText(' a \t b \n\n \r\n c ')).toBe('a b — c');
    expect(narrativeText('<p> </p><br/>\n')).toBeUndefined();
    expect(narrativeText(42)).toBeUndefined();
  });

  it('HZ-13 the narrative of 60 000 spaces then x (which froze the kiosk for 15 s) is read at once', () => {
    const start = performance.now();
    expect(narrativeText(`${' '.repeat(60_000)}x`)).toBe('x');
    // Quadratic, this took 15 s; linear, it takes milliseconds. A generous bound, not a target.
    expect(performance.now() - start).toBeLessThan(2_000);
  });

  it('HZ-13 time grows linearly on known adversarial shapes (runs, `<`, `<br`, spaces and newlines)', () => {
    for (const shape of KNOWN_ADVERSARIAL) {
      const verdict = timeGrowth(narrativeText, (n) => expand(shape, n));
      expect(verdict.linear, `${JSON.stringify(shape)}: ${verdict.detail}`).toBe(true);
    }
  });

  it('HZ-13 time grows linearly on generated runs, alternations and unclosed markup', () => {
    const alphabet = [' ', '\n', '\t', '<', '>', '/', 'b', 'r', 'p', 't', 'd', '&', '#', 'x', ';', '1', 'a'];
    fc.assert(
      fc.property(adversarialShapes(alphabet), (shape) => {
        const verdict = timeGrowth(narrativeText, (n) => expand(shape, n), { upTo: 1 << 18 });
        expect(verdict.linear, `${JSON.stringify(shape)}: ${verdict.detail}`).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('narrativeLanguage (HZ-18)', () => {
  it('HZ-18 reads the div’s own xml:lang, else lang; nothing when the div declares none', () => {
    expect(
      narrativeLanguage('<div xmlns="http://www.w3.org/1999/xhtml" xml:lang="de-AT" lang="de-AT">x</div>'),
    ).toBe('de-AT');
    expect(narrativeLanguage("<div lang='en'><p>x</p></div>")).toBe('en');
    expect(
      narrativeLanguage('<div xmlns="http://www.w3.org/1999/xhtml"><p lang="nl">x</p></div>'),
    ).toBeUndefined();
    expect(narrativeLanguage('<p lang="nl">x</p>')).toBeUndefined();
    expect(narrativeLanguage('no markup')).toBeUndefined();
    expect(narrativeLanguage(undefined)).toBeUndefined();
  });

  it('a hostile opening tag is read in linear time and bounded', () => {
    const spaces = `<div${' '.repeat(100_000)}lang${' '.repeat(100_000)}>`;
    expect(narrativeLanguage(spaces)).toBeUndefined();
    expect(narrativeLanguage(`<div ${'lang = '.repeat(400)}"en">x</div>`)).toBeUndefined();
  });
});
