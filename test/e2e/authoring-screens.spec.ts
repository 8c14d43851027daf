/**
 * The authoring screens (issue 16, item 4) and their fields typed on the on-screen keyboard,
 * pushed by a fake server: what a touch sends (the commands), accessibility (axe) and
 * screenshots. The real flow through the server and the dock is authoring.spec.ts; the keyboard
 * elsewhere (break-glass, cross-check, touchscreen taps) is on-screen-keyboard.spec.ts.
 */
import { expect, test } from '@playwright/test';
import type { AuthoringView } from '../../appliance/contract/authoring.ts';
import { authoringMessages } from '../../appliance/ui/src/i18n/authoring.ts';
import { messagesFor } from '../../appliance/ui/src/i18n/catalogues.testing.ts';
import { expectAccessible, snap } from './support/axe.ts';
import { startFakeKiosk, type FakeKiosk } from './support/fake-kiosk.ts';
import { doctor, editing, open, withAuthoring } from './support/fake-authoring.ts';
import { base } from './support/fake-views.ts';
import { pressOnScreen, typeOnScreen } from './support/on-screen-keyboard.ts';

let kiosk: FakeKiosk;
test.beforeEach(async () => {
  kiosk = await startFakeKiosk();
});
test.afterEach(async () => {
  await kiosk.close();
});

test('the summary offers the update to an authoring card; a blank stick offers a new record', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  kiosk.push({ ...open, authoringOffer: 'update' });
  await page.getByRole('button', { name: 'Mettre à jour le dossier' }).click();
  await expect.poll(() => kiosk.sent('authoring.start').length).toBe(1);
  kiosk.push(open);
  await expect(page.getByRole('button', { name: 'Mettre à jour le dossier' })).toHaveCount(0);
  kiosk.push({
    ...base,
    card: doctor,
    key: { status: 'error', reason: 'not_a_baladeur_key' },
    authoringOffer: 'new',
  });
  await page.getByRole('button', { name: 'Nouveau dossier' }).click();
  await expect.poll(() => kiosk.sent('authoring.new').length).toBe(1);
});

test('new record: identity typed on screen, birth date on the numeric keyboard', async ({ page }) => {
  await page.goto(kiosk.url);
  kiosk.push({
    ...base,
    card: doctor,
    key: { status: 'error', reason: 'not_a_baladeur_key' },
    authoring: { status: 'identity' },
  });
  await page.getByRole('textbox', { name: 'Nom de famille' }).click();
  await typeOnScreen(page, 'Fakepatient');
  await page.getByRole('textbox', { name: 'Prénom(s)' }).click();
  await typeOnScreen(page, 'Zoé');
  const birth = page.getByRole('textbox', { name: /Date de naissance/ });
  await birth.click();
  // The numeric variant: digits and the slash, no letters.
  await expect(
    page.getByRole('group', { name: 'Clavier' }).getByRole('button', { name: 'a', exact: true }),
  ).toHaveCount(0);
  await typeOnScreen(page, '31/02/1950');
  await expect(page.getByRole('alert')).toContainText('Date invalide');
  await expect(page.getByRole('button', { name: 'Continuer' })).toBeDisabled();
  await birth.fill('');
  await birth.click();
  await typeOnScreen(page, '05/03/1950');
  await page.getByRole('button', { name: 'Femme' }).click();
  await expectAccessible(page, 'authoring-identity');
  await snap(page, 'authoring-1-identity');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect
    .poll(() => kiosk.sent('authoring.identity'))
    .toEqual([
      {
        type: 'authoring.identity',
        family: 'Fakepatient',
        given: 'Zoé',
        birthDate: '1950-03-05',
        sex: 'female',
      },
    ]);
});

test('editor: an allergy from the BDPM search and one typed, a dose changed, a removal, undo', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  kiosk.push(withAuthoring(editing));
  await expect(page.getByRole('heading', { name: 'Mise à jour du dossier' })).toBeVisible();
  // The record's coded blood group is the selected one; HZ-10: the criticality in French.
  await expect(page.getByRole('button', { name: 'O-', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'O+', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(page.getByRole('region', { name: 'Allergies et intolérances' })).toContainText(
    'CRITICITÉ ÉLEVÉE',
  );
  // Allergies first.
  await expect(page.locator('main h2').nth(1)).toHaveText('Allergies et intolérances');

  await page.getByRole('textbox', { name: 'Substance (base des médicaments)' }).click();
  await typeOnScreen(page, 'amox');
  await pressOnScreen(page, 'OK');
  await expect
    .poll(() => kiosk.sent('authoring.search'))
    .toEqual([{ type: 'authoring.search', query: 'amox' }]);
  kiosk.push(
    withAuthoring({
      ...editing,
      search: {
        query: 'amox',
        matches: [
          { kind: 'substance', code: '1234', label: 'AMOXICILLINE' },
          { kind: 'product', code: '60000001', label: 'AMOXICILLINE 500 mg (fake product)' },
        ],
      },
    }),
  );
  const allergies = page.getByRole('region', { name: 'Allergies et intolérances' });
  await expect(allergies.getByRole('button', { name: /AMOXICILLINE 500 mg/ })).toHaveCount(0);
  await allergies.getByRole('button', { name: 'Choisir AMOXICILLINE' }).click();
  await allergies.getByRole('button', { name: 'Élevée' }).click();
  await allergies.getByRole('textbox', { name: 'Réaction (facultatif)' }).click();
  await typeOnScreen(page, 'Urticaire géante');
  await allergies.getByRole('button', { name: 'Ajouter' }).click();

  await allergies.getByRole('textbox', { name: 'Ou en texte libre' }).click();
  await typeOnScreen(page, 'Pénicilline');
  await allergies.getByRole('button', { name: 'Non évaluable' }).click();
  await allergies.getByRole('button', { name: 'Ajouter' }).click();

  const medications = page.getByRole('region', { name: 'Traitements en cours' });
  await medications.getByRole('button', { name: 'Changer la posologie de Metformine 500 mg (fake)' }).click();
  const dose = medications.getByRole('textbox', { name: 'Changer la posologie de Metformine 500 mg (fake)' });
  await expect(dose).toHaveValue('1 comprimé matin et soir');
  await dose.fill('1 comprimé le soir');
  await medications.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('button', { name: 'Retirer Diabète de type 2 (fake)' }).click();

  await expect
    .poll(() => kiosk.sent('authoring.edit').map((c) => c.edit))
    .toEqual([
      {
        op: 'allergy.add',
        substance: { kind: 'bdpm', code: '1234', label: 'AMOXICILLINE' },
        criticality: 'high',
        reaction: 'Urticaire géante',
      },
      {
        op: 'allergy.add',
        substance: { kind: 'text', text: 'Pénicilline' },
        criticality: 'unable-to-assess',
      },
      { op: 'medication.dose', itemId: 'm1', dose: '1 comprimé le soir' },
      { op: 'problem.remove', itemId: 'p1' },
    ]);

  kiosk.push(
    withAuthoring({
      ...editing,
      changes: [
        { kind: 'added', section: 'allergies', after: { label: 'AMOXICILLINE', criticality: 'high' } },
        {
          kind: 'changed',
          section: 'medications',
          before: { label: '1 comprimé matin et soir' },
          after: { label: '1 comprimé le soir' },
        },
        { kind: 'removed', section: 'problems', before: { label: 'Diabète de type 2 (fake)' } },
      ],
    }),
  );
  await expect(page.getByRole('heading', { name: 'Modifications en attente (3)' })).toBeVisible();
  await expectAccessible(page, 'authoring-editor');
  await snap(page, 'authoring-2-editor');
  await page.getByRole('button', { name: 'Annuler la modification : Diabète de type 2 (fake)' }).click();
  await expect.poll(() => kiosk.sent('authoring.undo')).toEqual([{ type: 'authoring.undo', index: 2 }]);
  await page.getByRole('button', { name: 'Relire' }).click();
  await expect.poll(() => kiosk.sent('authoring.review').length).toBe(1);
});

test('a refused edit keeps what was typed; an applied one clears the form', async ({ page }) => {
  await page.goto(kiosk.url);
  // The key's worker is still applying an earlier change when this one is sent.
  kiosk.push(withAuthoring({ ...editing, updating: true }));
  const problems = page.getByRole('region', { name: 'Problèmes de santé actifs' });
  const field = problems.getByRole('textbox', { name: 'Problème de santé actif' });
  await field.click();
  await typeOnScreen(page, 'Asthme sévère');
  await problems.getByRole('button', { name: 'Ajouter' }).click();
  await expect.poll(() => kiosk.sent('authoring.edit').length).toBe(1);
  kiosk.push(withAuthoring({ ...editing, lastEditError: 'too_large' }));
  await expect(page.getByRole('alert')).toContainText('Le dossier dépasserait la taille autorisée');
  await expect(field).toHaveValue('Asthme sévère');
  // Sent again and applied this time: the form clears.
  kiosk.push(withAuthoring({ ...editing, updating: true }));
  await problems.getByRole('button', { name: 'Ajouter' }).click();
  await expect.poll(() => kiosk.sent('authoring.edit').length).toBe(2);
  await expect(field).toHaveValue('Asthme sévère');
  kiosk.push(
    withAuthoring({
      ...editing,
      changes: [{ kind: 'added', section: 'problems', after: { label: 'Asthme sévère' } }],
    }),
  );
  await expect(field).toHaveValue('');
});

test('HZ-23 HZ-24 review lists every change before and after, then the PIN signs; a wrong PIN says so', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  const changes = [
    {
      kind: 'added',
      section: 'allergies',
      after: { label: 'Pénicilline', criticality: 'high', detail: 'œdème de Quincke' },
      typed: true,
    },
    {
      kind: 'changed',
      section: 'medications',
      before: { label: '1 comprimé matin et soir' },
      after: { label: '1 comprimé le soir' },
    },
    { kind: 'removed', section: 'devices', before: { label: 'Stimulateur cardiaque (fake)' } },
  ] as const;
  kiosk.push(withAuthoring({ status: 'reviewing', changes }));
  const list = page.getByRole('region', { name: 'Relire avec le patient' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').nth(0)).toContainText('Ajouté');
  // HZ-10: the criticality in the session's words, the reaction as typed; HZ-24: typed, not coded.
  await expect(list.getByRole('listitem').nth(0)).toContainText(
    'Pénicilline (CRITICITÉ ÉLEVÉE — œdème de Quincke)',
  );
  await expect(list.getByRole('listitem').nth(0)).toContainText('saisi en texte libre — non codé');
  await expect(list.getByRole('listitem').nth(1)).not.toContainText('non codé');
  await expect(list.getByRole('listitem').nth(1)).toContainText('Avant : 1 comprimé matin et soir');
  await expect(list.getByRole('listitem').nth(1)).toContainText('Après : 1 comprimé le soir');
  await expect(list.getByRole('listitem').nth(2)).toContainText('Retiré');
  await expectAccessible(page, 'authoring-review');
  await snap(page, 'authoring-3-review');
  await page.getByRole('button', { name: 'Signer avec ma carte' }).click();
  await expect(page.getByRole('heading', { name: 'Code PIN pour signer' })).toBeVisible();
  for (const digit of '101010') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect.poll(() => kiosk.sent('authoring.sign')).toEqual([{ type: 'authoring.sign', pin: '101010' }]);
  kiosk.push(withAuthoring({ status: 'pin_wrong', retriesLeft: 2 }));
  await expect(page.getByText('Code PIN incorrect. Le dossier n’a pas été signé.')).toBeVisible();
  await expect(page.getByText('Essais restants avant blocage : 2.')).toBeVisible();
  await snap(page, 'authoring-4-pin-wrong');
  // Cancel on the retry: back to the review (not the editor), the PIN forgotten.
  await page.getByRole('button', { name: '3', exact: true }).click();
  await page.getByRole('button', { name: 'Annuler', exact: true }).click();
  await expect.poll(() => kiosk.sent('authoring.back')).toEqual([{ type: 'authoring.back' }]);
  kiosk.push(withAuthoring({ status: 'reviewing', changes }));
  await expect(page.getByRole('heading', { name: 'Relire avec le patient' })).toBeVisible();
  await page.getByRole('button', { name: 'Signer avec ma carte' }).click();
  await expect(page.getByLabel('0 chiffre(s) saisi(s)')).toBeVisible();
});

test('HZ-22 written: a new key’s code in large characters and its code card; failures say the old record is intact', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  kiosk.push({
    ...base,
    card: doctor,
    key: { status: 'error', reason: 'not_a_baladeur_key' },
    authoring: {
      status: 'written',
      version: 1,
      newKey: true,
      codeCardPrinted: false,
      patientCode: 'ABCD-EFGH-JKMN-PQRS',
    },
  });
  await expect(page.getByRole('heading', { name: 'Dossier écrit sur la clé' })).toBeVisible();
  await expect(page.getByText('ABCD', { exact: true })).toBeVisible();
  await expect(page.getByText('PQRS', { exact: true })).toBeVisible();
  await expectAccessible(page, 'authoring-written');
  await snap(page, 'authoring-5-written-new-key');
  await page.getByRole('button', { name: 'Imprimer la carte code' }).click();
  await page.getByRole('button', { name: 'Imprimer le reçu pour le patient' }).click();
  await page.getByRole('button', { name: 'Terminé' }).click();
  await expect
    .poll(() => kiosk.commands.map((c) => c.type).filter((t) => t.startsWith('authoring.')))
    .toEqual(['authoring.print_code_card', 'authoring.print_receipt', 'authoring.done']);

  for (const reason of [
    'card_removed',
    'key_removed',
    'write_failed',
    'not_same_patient',
    'sign_failed',
    'too_large',
    'blocked',
  ] as const) {
    kiosk.push(withAuthoring({ status: 'failed', reason }));
    await expect(page.getByRole('alert')).toContainText(
      reason === 'key_removed'
        ? 'La clé contient l’ancien dossier intact ou, si elle a été retirée à la fin de l’écriture, le nouveau en entier'
        : 'L’ancien dossier sur la clé est intact : rien n’a été écrit.',
    );
  }
  await expectAccessible(page, 'authoring-failed');
  await snap(page, 'authoring-6-failed');
  await page.getByRole('button', { name: 'Terminé' }).click();
  await expect.poll(() => kiosk.commands.at(-1)).toEqual({ type: 'authoring.done' });
});

for (const language of ['en', 'de', 'es', 'it'] as const) {
  test(`HZ-10 the authoring screens and the keyboard in ${language}: nothing left in French, axe`, async ({
    page,
  }) => {
    const a = authoringMessages(language);
    const fr = authoringMessages('fr');
    const french = [
      fr.title,
      fr.review,
      fr.cancel,
      fr.sign,
      fr.intact,
      fr.typed,
      messagesFor('fr').allergies,
      messagesFor('fr').criticality.high,
    ];
    await page.goto(`${kiosk.url}?lang=${language}`);
    const views: [string, AuthoringView][] = [
      ['editing', editing],
      [
        'reviewing',
        { status: 'reviewing', changes: [{ kind: 'added', section: 'allergies', after: { label: 'X' } }] },
      ],
      ['written', { status: 'written', version: 2, newKey: false, codeCardPrinted: false }],
      ['failed', { status: 'failed', reason: 'write_failed' }],
    ];
    for (const [name, authoring] of views) {
      await test.step(name, async () => {
        kiosk.push({ ...withAuthoring(authoring), language });
        await expect(page.locator('main h1')).toHaveText(
          name === 'editing'
            ? a.title
            : name === 'reviewing'
              ? a.reviewTitle
              : name === 'written'
                ? a.writtenTitle
                : a.failedTitle,
        );
        for (const text of french) await expect(page.locator('main')).not.toContainText(text);
        await expectAccessible(page, `authoring-${name}-${language}`);
      });
    }
    kiosk.push({ ...withAuthoring(editing), language });
    await page.getByRole('textbox', { name: a.problemText }).click();
    await expect(page.getByRole('group', { name: messagesFor(language).keyboard.label })).toBeVisible();
  });
}
