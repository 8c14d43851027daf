/** The record's signature on paper: who signed and when, or a warning nobody can miss (HZ-04). */
import { assertNever } from '../common/result.ts';
import type { VerificationView } from '../contract/session-view.ts';
import { formatDate, type ReceiptLabels } from './labels.ts';
import type { Block } from '../drivers/printer/layout/layout.ts';
import type { SummaryReceiptInput } from './summary-receipt.ts';

const alarm = (text: string): Block => ({
  kind: 'text',
  text,
  style: { bold: true, invert: true, tall: true },
});

/** Past the site's age limit: said in bold under the header, not as an alarm (the record is verified, HZ-05). */
function outdatedBlocks(verification: VerificationView, l: ReceiptLabels): Block[] {
  if (
    verification.status !== 'valid' ||
    verification.outdated !== true ||
    verification.ageMonths === undefined
  ) {
    return [];
  }
  return [{ kind: 'text', text: l.outdated(verification.ageMonths), style: { bold: true } }];
}

/**
 * Printed under the header and again in the signature section when the record is not verified;
 * under the header only, when a verified record is older than the site's limit.
 */
export function warningBlocks(verification: VerificationView, l: ReceiptLabels): Block[] {
  switch (verification.status) {
    case 'valid':
      return outdatedBlocks(verification, l);
    case 'unsigned':
    case 'invalid_signature':
    case 'untrusted':
    case 'expired':
    case 'not_authorised':
    case 'revoked':
    case 'revocation_unknown':
      return [
        alarm('!'.repeat(32)),
        alarm(l.warning[verification.status]),
        { kind: 'text', text: l.warningAdvice, style: { bold: true } },
        alarm('!'.repeat(32)),
      ];
    default:
      return assertNever(verification, 'verification');
  }
}

export function signatureBlocks(input: SummaryReceiptInput, l: ReceiptLabels): Block[] {
  const v = input.verification;
  const lang = input.language;
  const record: Block[] = [
    ...(input.summary.documentDate
      ? [
          {
            kind: 'text',
            text: `${l.documentDate} : ${formatDate(input.summary.documentDate, lang)}`,
          } as const,
        ]
      : []),
    ...(input.summary.authors.length
      ? [{ kind: 'text', text: `${l.authors} : ${input.summary.authors.join(', ')}` } as const]
      : []),
  ];
  const head: Block = { kind: 'text', text: l.signature, style: { bold: true } };
  switch (v.status) {
    case 'valid': {
      const who = [v.signer, v.profession ? `(${v.profession})` : undefined].filter(Boolean).join(' ');
      const when = v.signedAt ? ` ${l.signedOn} ${formatDate(v.signedAt, lang)}` : '';
      const ago = v.ageMonths === undefined ? '' : ` (${l.signedAgo(v.ageMonths)})`;
      const version: Block[] =
        v.version === undefined ? [] : [{ kind: 'text', text: `${l.version} ${v.version}` }];
      const revocation: Block[] = [
        ...(v.signerRevokedAt === undefined
          ? []
          : [
              {
                kind: 'text',
                text: l.signerRevokedSince(formatDate(v.signerRevokedAt, lang)),
                style: { bold: true },
              } as const,
            ]),
        ...(v.crlNotCurrent === true
          ? [{ kind: 'text', text: l.crlNotCurrent, style: { bold: true } } as const]
          : []),
      ];
      return [
        head,
        { kind: 'text', text: `${l.signedBy} ${who}${when}${ago}` },
        ...version,
        ...revocation,
        ...record,
      ];
    }
    case 'revoked':
      return [
        head,
        ...warningBlocks(v, l),
        ...(v.signer ? [{ kind: 'text', text: `${l.signedBy} ${v.signer}` } as const] : []),
        ...(v.signedAt
          ? [{ kind: 'text', text: `${l.signedOn} ${formatDate(v.signedAt, lang)}` } as const]
          : []),
        ...(v.revokedAt ? [{ kind: 'text', text: l.revokedOn(formatDate(v.revokedAt, lang)) } as const] : []),
        ...record,
      ];
    case 'untrusted':
    case 'expired':
    case 'not_authorised':
    case 'revocation_unknown':
      return [
        head,
        ...warningBlocks(v, l),
        ...(v.signer ? [{ kind: 'text', text: `${l.signedBy} ${v.signer}` } as const] : []),
        ...record,
      ];
    case 'unsigned':
    case 'invalid_signature':
      return [head, ...warningBlocks(v, l), ...record];
    default:
      return assertNever(v, 'verification');
  }
}
