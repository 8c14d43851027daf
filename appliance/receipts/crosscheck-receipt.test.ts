import { describe, expect, it } from 'vitest';
import type { CrossCheckResult } from '../crosscheck/checks/types.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { buildCrossCheckReceipt, type CrossCheckReceiptInput } from './crosscheck-receipt.ts';

const result: CrossCheckResult = {
  checkedAt: '2026-11-28T12:00:00.000Z',
  language: 'fr',
  knowledgeSource: 'BDPM',
  notices: ['Aide à la dispensation : ne remplace pas le jugement du pharmacien.'],
  findings: [],
  scope: {
    allergies: 1,
    allergiesUnrecognised: 0,
    medications: 2,
    medicationsUnrecognised: 0,
    interactionRows: 62,
    interactionRowsReviewed: 30,
    edition: '2020-10',
  },
  boxes: [
    {
      id: 'b1',
      code: { cip13: '3400933857042' },
      lot: 'LOT\u001b@A1',
      expiry: '2020-01-31',
      expired: true,
      found: true,
      product: { cis: '69118175', name: 'AMOXICILLINE BIOGARAN 500 mg, gélule', form: 'gélule' },
      substances: [{ name: 'AMOXICILLINE', dosage: '500 mg' }],
      status: 'red',
      findings: [
        {
          boxId: 'b1',
          kind: 'allergy',
          severity: 'high',
          subject: { type: 'allergy', id: 'a1', text: 'Pénicilline' },
          reason: 'Amoxicilline — allergie enregistrée : Pénicilline\u001dV1, criticité élevée',
          count: 1,
        },
      ],
    },
    {
      id: 'b2',
      code: { cip13: '3400935955838' },
      expired: false,
      found: true,
      product: { cis: '60234100', name: 'DOLIPRANE 1000 mg, comprimé', form: 'comprimé' },
      substances: [{ name: 'PARACÉTAMOL', dosage: '1000 mg' }],
      status: 'green',
      findings: [],
      checked:
        'Aucune alerte parmi : allergies (1), doublons (2 traitement(s) en cours, 1 autre(s) boîte(s)), interactions (table de 62 paires, thésaurus ANSM, édition octobre 2020)',
    },
  ],
};

const input = (width: 80 | 58): CrossCheckReceiptInput => ({
  result,
  site: { name: 'Pharmacie test' },
  printedAt: new Date('2026-11-28T12:00:00Z'),
  printedBy: { name: 'Thomas PETIT', profession: 'pharmacist' },
  language: 'fr',
  width,
  codePage: 'pc858',
  timeZone: 'UTC',
});

describe('cross-check receipt', () => {
  for (const width of [80, 58] as const) {
    it(`HZ-03 ${width} mm: every box, status, reason, pharmacist, time and the aid statement are printed`, async () => {
      const { transcript } = decodeReceiptText(await buildCrossCheckReceipt(input(width)));
      const text = transcript.replace(/\[\/?(BOLD|TALL|INVERT|WIDE|UNDERLINE)\]/g, '').replace(/\s+/g, ' ');
      expect(text).toContain('CONTRÔLE DE DÉLIVRANCE');
      expect(text).toContain('[ALERTE] AMOXICILLINE BIOGARAN 500 mg, gélule');
      expect(text).toContain('[SANS ALERTE] DOLIPRANE 1000 mg, comprimé');
      // Issue 18: a box without finding says what it was checked against, never a bare green.
      expect(text).toContain('Aucune alerte parmi : allergies (1), doublons');
      expect(text).toContain('interactions (table de 62 paires');
      expect(text).toContain('PÉRIMÉE');
      expect(text).toMatch(/allergie enregistrée : Pénicilline.?V1, criticité élevée/);
      expect(text).toContain('par Thomas PETIT (pharmacien');
      expect(text).toContain('28/11/2026 12:00');
      expect(text).toMatch(/Aide au contrôle : ne remplace pas le jugement du pharmacien/);
    });
  }

  it('HZ-16 control characters in box or record texts never reach the printer as commands', async () => {
    const { transcript } = decodeReceiptText(await buildCrossCheckReceipt(input(80)));
    // ESC @ would re-initialise the printer mid-receipt: it must not appear as a command.
    expect(transcript).not.toContain('[CMD 1B 40]');
    expect(transcript.match(/\[CUT\]/g)).toHaveLength(1);
  });
});
