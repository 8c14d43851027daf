/**
 * In-memory smart-card service for unit tests and the dev dock (simulated mode) until the
 * virtual PIV card over pcscd replaces it. Profiles are those of `.dev/pki/profiles.json`;
 * the card's PIN retry counter lives with the card (it survives removal), as on a real card.
 * Profile names ending in `-expired` / `-untrusted` are rejected after a correct PIN, like a
 * card whose certificate fails the chain check; `blocked` and `garbage` are extra test cards.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Profession, ProfessionalIdentity } from '../common/professions.ts';
import { X509Certificate } from 'node:crypto';
import type {
  LoginResult,
  ReaderStatus,
  RecordSignerResult,
  SmartcardService,
} from '../drivers/smartcard/types.ts';
import { fileRecordSigner } from '../record/crypto/record-signer.ts';

export interface CardProfile {
  readonly profile: string;
  readonly name: string;
  readonly nationalId: string;
  readonly profession: Profession;
  readonly pin: string;
  /** PEM of the card certificate when known: its SHA-256 is the identity fingerprint. */
  readonly certificatePem?: string;
  /** The card's record-signing key and certificate (doctor and midwife dev cards, like PIV 9C). */
  readonly signing?: { readonly certificatePem: string; readonly privateKeyPem: string };
}

export const PIN_TRIES = 3;
export const READER_NAME = 'Baladeur simulated reader';

type CardKind = 'ok' | 'expired' | 'untrusted' | 'blocked' | 'garbage';

function kindOf(profile: string): CardKind {
  if (profile === 'garbage') return 'garbage';
  if (profile.endsWith('-blocked') || profile === 'blocked') return 'blocked';
  if (profile.endsWith('-expired')) return 'expired';
  if (profile.endsWith('-untrusted')) return 'untrusted';
  return 'ok';
}

export class MemorySmartcard implements SmartcardService {
  private status: ReaderStatus = { status: 'no_card', reader: READER_NAME };
  private inserted: CardProfile | undefined;
  private readonly retries = new Map<string, number>();
  private readonly listeners = new Set<(status: ReaderStatus) => void>();

  constructor(
    private readonly profiles: readonly CardProfile[],
    private readonly options: { readonly delayMs?: number } = {},
  ) {}

  profileNames(): string[] {
    return this.profiles.map((p) => p.profile);
  }

  insertedProfile(): string | undefined {
    return this.inserted?.profile;
  }

  /** Inserts a card; returns false for an unknown profile. A new insertion gets a new cardId. */
  insert(profile: string): boolean {
    const card = this.profiles.find((p) => p.profile === profile);
    if (!card) return false;
    this.inserted = card;
    if (!this.retries.has(card.profile))
      this.retries.set(card.profile, kindOf(card.profile) === 'blocked' ? 0 : PIN_TRIES);
    if (kindOf(card.profile) === 'garbage')
      this.set({ status: 'card_error', reader: READER_NAME, reason: 'unknown_card' });
    else this.set({ status: 'card_present', reader: READER_NAME, cardId: randomUUID() });
    return true;
  }

  remove(): void {
    this.inserted = undefined;
    this.set({ status: 'no_card', reader: READER_NAME });
  }

  /** pcscd stopped / started. */
  setServiceAvailable(available: boolean): void {
    this.inserted = undefined;
    this.set(available ? { status: 'no_card', reader: READER_NAME } : { status: 'service_unavailable' });
  }

  current(): ReaderStatus {
    return this.status;
  }

  onStatus(listener: (status: ReaderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async pinRetries(cardId: string): Promise<number | undefined> {
    await this.delay();
    const card = this.cardFor(cardId);
    return card ? this.retries.get(card.profile) : undefined;
  }

  async login(cardId: string, pin: string): Promise<LoginResult> {
    await this.delay();
    const card = this.cardFor(cardId);
    if (!card) return { status: 'card_removed' };
    const left = this.retries.get(card.profile) ?? PIN_TRIES;
    if (left <= 0) return { status: 'blocked' };
    if (pin !== card.pin) {
      this.retries.set(card.profile, left - 1);
      return left - 1 <= 0 ? { status: 'blocked' } : { status: 'wrong_pin', retriesLeft: left - 1 };
    }
    this.retries.set(card.profile, PIN_TRIES);
    const kind = kindOf(card.profile);
    if (kind === 'expired') return { status: 'rejected', reason: 'expired' };
    if (kind === 'untrusted') return { status: 'rejected', reason: 'untrusted' };
    return { status: 'authenticated', identity: identityOf(card) };
  }

  /** Like a PIV card's 9C key: the PIN checked again, then a key-file signer for this card. */
  async recordSigner(cardId: string, pin: string): Promise<RecordSignerResult> {
    await this.delay();
    const card = this.cardFor(cardId);
    if (!card) return { status: 'card_removed' };
    const left = this.retries.get(card.profile) ?? PIN_TRIES;
    if (left <= 0) return { status: 'blocked' };
    if (pin !== card.pin) {
      this.retries.set(card.profile, left - 1);
      return left - 1 <= 0 ? { status: 'blocked' } : { status: 'wrong_pin', retriesLeft: left - 1 };
    }
    this.retries.set(card.profile, PIN_TRIES);
    if (card.signing === undefined) return { status: 'no_signing_key' };
    const der = new Uint8Array(new X509Certificate(card.signing.certificatePem).raw);
    const file = fileRecordSigner(card.signing.privateKeyPem, [der]);
    return {
      status: 'ready',
      signer: {
        ...file,
        sign: async (input) => {
          if (this.cardFor(cardId) === undefined) throw new Error('the card has left the reader');
          return file.sign(input);
        },
      },
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private cardFor(cardId: string): CardProfile | undefined {
    return this.status.status === 'card_present' && this.status.cardId === cardId ? this.inserted : undefined;
  }

  private set(status: ReaderStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }

  private delay(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.options.delayMs ?? 0));
  }
}

export function identityOf(card: CardProfile): ProfessionalIdentity {
  const fingerprint = createHash('sha256')
    .update(card.certificatePem ?? `${card.profile}:${card.nationalId}`)
    .digest('hex');
  return {
    name: card.name,
    nationalId: card.nationalId,
    profession: card.profession,
    certificateFingerprint: fingerprint,
  };
}
