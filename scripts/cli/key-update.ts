import { fileSource } from '../../appliance/drivers/usb-key/block-source.ts';
import { profileIdentity } from '../../appliance/common/certificate-profile.ts';
import { revocationAtSigning, type RevocationConfig } from '../../appliance/common/revocation.ts';
import { RECORD_PATH } from '../../appliance/record/container/layout.ts';
import {
  parseCertificate,
  parsePemBundle,
  type RecordCertificate,
} from '../../appliance/record/crypto/certificate.ts';
import type { RecordSigner } from '../../appliance/common/record-signer.ts';
import type { PcscSignerFailure } from '../../appliance/drivers/smartcard/pcsc-signer.ts';
import type { SignerMaterial } from '../../appliance/record/crypto/sign.ts';
import { RecordInputError } from '../../appliance/record/crypto/errors.ts';
import { DEFAULT_SIGNER_PROFESSIONS } from '../../appliance/record/crypto/verify.ts';
import { DEFAULT_P2C } from '../../appliance/record/crypto/encrypt.ts';
import { updateRecordOnKey } from '../../appliance/record/update-record.ts';
import { EXIT, fail, optionalString, requireString, type CommandModule } from './command.ts';
import {
  DEV_OPTION,
  devHelp,
  devPki,
  p2cOption,
  readInputFile,
  readJsonFile,
  requireDev,
} from './defaults.ts';
import { exitFor } from './outcome.ts';
import { CRL_OPTIONS, crlHelp, revocationFrom } from './open-key.ts';
import { describeRecordChanges } from '../../appliance/record/authoring/change-text.ts';
import { LANGUAGES, type Language } from '../../appliance/common/languages.ts';
import { describePkcs11Failure, parsePkcs11Card } from './pkcs11-card.ts';
import { promptPin } from './pin-prompt.ts';

const HELP = `Usage: baladeur key update --in <key.img> --code <code> --ips <bundle.json> [options]

Replaces the record on a key with a new FHIR IPS bundle, as its author: the patient code opens the
current record, the list of changes (added +, removed -, changed *, in the kiosk review's words)
goes to stdout, the new bundle is signed as the next version naming the replaced record, and
written; the old record is wiped from the key and the access log is kept, with one entry for this
update.

Options:
  --in <file>               key image or block device (written)
  --code <code>             the patient code (XXXX-XXXX-XXXX-XXXX)
  --ips <file>              the new FHIR R4 IPS Bundle (JSON, type "document")
  --signer-key <pem>        the author's private key (P-256 for ES256, RSA for PS256)
  --signer-cert <pem>       the author's certificate, then its intermediates (one PEM file)
  --card pcsc[:READER]      sign with the professional card (PIV key 9C) in a PC/SC reader whose
                            name contains READER (default: the first reader with a card)
  --card pkcs11:MODULE[:TOKEN]
                            sign with the card's signature key through its PKCS#11 module (a CPS:
                            the ANS Cryptolib); TOKEN a slot ID or token label (default: the first)
  --pin-file <file>         the card's PIN (first line), with --card; without it, typed at the
                            terminal (not echoed)
  --emergency-keys <jwks>   emergency-access public keys (JWKS, P-256, each with a kid)
  --trust <pem>             authorities trusted for record signers (default: the dev test CA)
${crlHelp(28)}
  --site <name>             where the update is made, for the access log (default "baladeur CLI")
  --lang fr|en|de|es|it     language of the change list, in the kiosk review's words (default fr)
  --p2c <n>                 PBES2 iteration count (default ${DEFAULT_P2C}; lower only for tests)
${devHelp(28)}
  -h, --help                this help

Only a doctor or a midwife (the default policy) may author a record: another signer (with --card,
the card's signature certificate) is refused before anything is written; so is, with --crl, a
signer those CRLs list (or whose CRL is out of date under --stale-crl refuse). The current record's
signature is judged against the same CRLs.
Exit codes: 0 written; 2 unusable input, signer not allowed, or a card that cannot sign (none in the
reader, no signature key 9C); 3 wrong code or code with a typo, wrong PIN (the tries left are said)
or blocked card. Nothing is written unless the exit code is 0.
`;

function describeCardFailure(e: PcscSignerFailure): string {
  switch (e.kind) {
    case 'wrong_pin':
      return `wrong PIN, ${e.retriesLeft} ${e.retriesLeft === 1 ? 'try' : 'tries'} left before the card blocks; nothing written`;
    case 'blocked':
      return 'the card is blocked (too many wrong PINs); nothing written';
    case 'no_card':
      return `no card in ${e.readers.length === 0 ? 'any reader' : e.readers.join(', ')}`;
    case 'no_signing_certificate':
      return 'this card has no signature key (PIV 9C): it cannot sign records';
    case 'no_service':
      return 'no PC/SC service (is pcscd running?)';
    default:
      return e.kind;
  }
}

/** With --crl: a signer the CRLs list, or whose revocation is unknown under --stale-crl refuse, signs nothing. */
async function refuseRevokedSigner(
  leaf: RecordCertificate,
  trustAnchorsPem: readonly string[],
  revocation: RevocationConfig | undefined,
  what: string,
): Promise<void> {
  if (revocation === undefined) return;
  const issuer = trustAnchorsPem.flatMap((pem) => parsePemBundle(pem)).find((c) => c.subject === leaf.issuer);
  if (issuer === undefined) return;
  const now = new Date();
  const checked = await revocationAtSigning(leaf, issuer, revocation, now, now);
  if (checked.ok) return;
  fail(
    EXIT.unusable,
    checked.error.reason === 'revoked'
      ? `${what}: this certificate was revoked on ${checked.error.revokedAt.toISOString()}; nothing written`
      : `${what}: no current CRL for its authority and --stale-crl refuse; nothing written`,
  );
}

export const keyUpdate: CommandModule = {
  help: HELP,
  options: {
    in: { type: 'string' },
    code: { type: 'string' },
    ips: { type: 'string' },
    'signer-key': { type: 'string' },
    'signer-cert': { type: 'string' },
    card: { type: 'string' },
    'pin-file': { type: 'string' },
    'emergency-keys': { type: 'string' },
    trust: { type: 'string' },
    ...CRL_OPTIONS,
    site: { type: 'string' },
    lang: { type: 'string' },
    p2c: { type: 'string' },
    ...DEV_OPTION,
  },
  async run(values, io) {
    const input = requireString(values, 'in');
    const code = requireString(values, 'code');
    const bundle = readJsonFile(requireString(values, 'ips'), '--ips');
    const lang = optionalString(values, 'lang') ?? 'fr';
    if (!(LANGUAGES as readonly string[]).includes(lang))
      fail(EXIT.unusable, `--lang: one of ${LANGUAGES.join(', ')}`);
    const language = lang as Language;
    const signerKey = optionalString(values, 'signer-key');
    const signerCert = optionalString(values, 'signer-cert');
    const emergencyPath = optionalString(values, 'emergency-keys');
    const trustPath = optionalString(values, 'trust');
    const card = optionalString(values, 'card');
    if ((signerKey === undefined) !== (signerCert === undefined)) {
      fail(EXIT.unusable, '--signer-key and --signer-cert go together');
    }
    if (card !== undefined && signerKey !== undefined)
      fail(EXIT.unusable, 'give either --card or --signer-key/--signer-cert');
    const pkcs11Card = card === undefined ? undefined : parsePkcs11Card(card);
    if (card !== undefined && pkcs11Card === undefined && !/^pcsc(:.+)?$/u.test(card))
      fail(EXIT.unusable, '--card: must be pcsc[:READER] or pkcs11:MODULE[:TOKEN]');
    if (signerKey === undefined && card === undefined)
      requireDev(
        values,
        'no signer: give --signer-key and --signer-cert',
        'to sign as the development doctor',
      );
    if (emergencyPath === undefined)
      requireDev(
        values,
        'no emergency-access keys: give --emergency-keys <jwks>',
        'for the development emergency keyring',
      );
    if (trustPath === undefined)
      requireDev(values, 'no trust anchors: give --trust <pem>', 'to trust the development test CA');
    const p2c = p2cOption(optionalString(values, 'p2c'), io.env.BALADEUR_P2C);
    const pki =
      (signerKey === undefined && card === undefined) ||
      emergencyPath === undefined ||
      trustPath === undefined
        ? await devPki(io)
        : undefined;
    let cardSigner: { signer: RecordSigner; close: () => Promise<void> } | undefined;
    let signer: SignerMaterial | RecordSigner;
    if (card !== undefined) {
      const pinFile = optionalString(values, 'pin-file');
      if (pinFile === undefined && process.stdin.isTTY !== true)
        fail(EXIT.unusable, '--card needs --pin-file <file> (the PIN on its first line) or a terminal');
      const pin =
        pinFile === undefined
          ? ((await promptPin(process.stdin, process.stderr, `PIN of the card (${card}): `)) ?? '')
          : (readInputFile(pinFile, '--pin-file', 1024).toString('utf8').split(/\r?\n/u)[0]?.trim() ?? '');
      if (pkcs11Card !== undefined) {
        if (pin === '') fail(EXIT.unusable, '--pin-file: empty');
        const { openPkcs11RecordSigner } =
          await import('../../appliance/drivers/smartcard/pkcs11/open-signer.ts');
        const opened = await openPkcs11RecordSigner({ ...pkcs11Card, pin });
        if (!opened.ok) {
          const e = opened.error;
          const refused = e.kind === 'wrong_pin' || e.kind === 'blocked';
          fail(refused ? EXIT.noAccess : EXIT.unusable, `--card ${card}: ${describePkcs11Failure(e)}`);
        }
        cardSigner = opened.value;
        signer = opened.value.signer;
      } else {
        if (!/^\d{6,8}$/u.test(pin)) fail(EXIT.unusable, '--pin-file: a PIV PIN is 6 to 8 digits');
        const { openPcscRecordSigner } = await import('../../appliance/drivers/smartcard/pcsc-signer.ts');
        const reader = card.startsWith('pcsc:') ? card.slice(5) : undefined;
        const opened = await openPcscRecordSigner({ pin, ...(reader === undefined ? {} : { reader }) });
        if (!opened.ok) {
          const e = opened.error;
          const refused = e.kind === 'wrong_pin' || e.kind === 'blocked';
          fail(refused ? EXIT.noAccess : EXIT.unusable, `--card ${card}: ${describeCardFailure(e)}`);
        }
        cardSigner = opened.value;
        signer = opened.value.signer;
      }
    } else {
      signer = {
        privateKeyPem:
          signerKey === undefined
            ? (pki?.people.doctor.keyPem ?? '')
            : readInputFile(signerKey, '--signer-key', 64 * 1024).toString('utf8'),
        certificateChainPem: [
          signerCert === undefined
            ? (pki?.people.doctor.certPem ?? '')
            : readInputFile(signerCert, '--signer-cert', 256 * 1024).toString('utf8'),
        ],
      };
    }
    try {
      const leaf =
        'sign' in signer
          ? parseCertificate(signer.certificateChain[0] ?? new Uint8Array())
          : parsePemBundle(signer.certificateChainPem[0] ?? '')[0];
      if (leaf === undefined)
        fail(
          EXIT.unusable,
          card === undefined
            ? '--signer-cert: not a PEM certificate'
            : `--card ${card}: unreadable certificate`,
        );
      const author = profileIdentity({
        commonName: leaf.subjectField('2.5.4.3'),
        serialNumber: leaf.subjectField('2.5.4.5'),
        title: leaf.subjectField('2.5.4.12'),
      });
      if (author === undefined || !DEFAULT_SIGNER_PROFESSIONS.includes(author.profession)) {
        fail(
          EXIT.unusable,
          `${card === undefined ? '--signer-cert' : `--card ${card}`}: ${author === undefined ? 'carries no professional identity' : `a ${author.profession}`} may not author a record (doctor or midwife)`,
        );
      }
      const emergencyPublicKeys =
        emergencyPath === undefined
          ? pki?.emergency.keyring
          : readJsonFile(emergencyPath, '--emergency-keys', 256 * 1024);
      const trustAnchorsPem = [
        trustPath === undefined
          ? (pki?.testCa.certPem ?? '')
          : readInputFile(trustPath, '--trust', 1024 * 1024).toString('utf8'),
      ];
      const revocation = await revocationFrom(values);
      await refuseRevokedSigner(
        leaf,
        trustAnchorsPem,
        revocation,
        card === undefined ? '--signer-cert' : `--card ${card}`,
      );
      const source = fileSource(input, { readOnly: false });
      try {
        const updated = await updateRecordOnKey(source, {
          bundle,
          code,
          signer,
          emergencyPublicKeys,
          p2c,
          trustAnchorsPem,
          ...(revocation === undefined ? {} : { revocation }),
          author: {
            name: author.name,
            profession: author.profession,
            site: optionalString(values, 'site') ?? 'baladeur CLI',
          },
        }).catch((error: unknown) => {
          if (!(error instanceof RecordInputError)) throw error;
          const option = {
            signer_key: '--signer-key',
            signer_certificate: '--signer-cert',
            emergency_keys: '--emergency-keys',
            bundle: '--ips',
            code: '--code',
            parameters: '--p2c',
          }[error.what];
          return fail(EXIT.unusable, `${option}: ${error.message}`);
        });
        if (!updated.ok) {
          const { error } = updated.error;
          const exit =
            updated.error.stage === 'read' &&
            'code' in error &&
            ['wrong_code', 'code_typo', 'no_usable_key'].includes(error.code)
              ? EXIT.noAccess
              : EXIT.unusable;
          if (updated.error.stage === 'read' && exit === EXIT.noAccess)
            fail(exitFor(error as Parameters<typeof exitFor>[0]), `--code: ${error.message}`);
          if (updated.error.stage === 'patient')
            fail(EXIT.unusable, `--ips: ${error.message}; nothing written`);
          fail(
            exit,
            `--in ${input}: ${updated.error.stage === 'read' ? 'cannot read the current record' : 'the new record could not be written'}: ${error.message}`,
          );
        }
        const { before, version, logged } = updated.value;
        io.stdout(describeRecordChanges(before.bundle, bundle, language));
        io.stderr(
          `updated ${input}: ${RECORD_PATH} version ${version} (replaces ${before.containerId}), signed by ${author.name} (${author.profession})\n`,
        );
        if (!logged.ok)
          io.stderr(`the update could not be added to the access log: ${logged.error.message}\n`);
        return EXIT.ok;
      } finally {
        source.close();
      }
    } finally {
      await cardSigner?.close();
    }
  },
};
