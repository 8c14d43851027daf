/**
 * Two simulated readers behind one `SmartcardService`, so the dock can insert either kind of
 * card: the virtual PIV cards (pcscd) and the SoftHSM CPS-like cards (PKCS#11). One card at a
 * time: inserting one kind removes the other. The session sees whichever reader holds a card.
 */
import type { LoginResult, ReaderStatus, SmartcardService } from '../../drivers/smartcard/types.ts';
import type { CardSimulation } from './sim-cards.ts';

const holdsCard = (s: ReaderStatus): boolean => s.status === 'card_present' || s.status === 'card_error';

export function combineCardSimulations(primary: CardSimulation, second: CardSimulation): CardSimulation {
  const listeners = new Set<(s: ReaderStatus) => void>();
  const current = (): ReaderStatus => {
    const b = second.service.current();
    return holdsCard(b) ? b : primary.service.current();
  };
  let last = JSON.stringify(current());
  const emit = (): void => {
    const now = current();
    const json = JSON.stringify(now);
    if (json === last) return;
    last = json;
    for (const l of [...listeners]) l(now);
  };
  const offs = [primary.service.onStatus(emit), second.service.onStatus(emit)];
  const owner = (cardId: string): SmartcardService | undefined => {
    for (const s of [primary.service, second.service]) {
      const st = s.current();
      if (st.status === 'card_present' && st.cardId === cardId) return s;
    }
    return undefined;
  };
  const service: SmartcardService = {
    current,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pinRetries: async (cardId) => owner(cardId)?.pinRetries(cardId),
    login: async (cardId, pin): Promise<LoginResult> =>
      (await owner(cardId)?.login(cardId, pin)) ?? { status: 'card_removed' },
    recordSigner: async (cardId, pin) => {
      const card = owner(cardId);
      if (card === undefined) return { status: 'card_removed' };
      return card.recordSigner ? card.recordSigner(cardId, pin) : { status: 'no_signing_key' };
    },
    close: async () => {
      for (const off of offs) off();
    },
  };
  // The second reader's cards by name; anything else (aliases, unknown names) is the primary's to judge.
  const secondProfiles = new Set(second.cards.profiles.map((p) => p.profile));
  return {
    service,
    cards: {
      profiles: [...primary.cards.profiles, ...second.cards.profiles],
      insertedProfile: () => second.cards.insertedProfile() ?? primary.cards.insertedProfile(),
      readerStatus: () => current().status,
      async insert(profile) {
        const [target, other] = secondProfiles.has(profile) ? [second, primary] : [primary, second];
        await other.cards.remove();
        return target.cards.insert(profile);
      },
      async remove() {
        await second.cards.remove();
        await primary.cards.remove();
      },
    },
    async close() {
      await service.close();
      await Promise.all([primary.close(), second.close()]);
    },
  };
}
