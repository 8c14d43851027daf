import { RECORD_PATH } from '../../appliance/record/container/layout.ts';
import { EXIT, fail, optionalString, requireString, type CommandModule } from './command.ts';
import { DEV_OPTION, devHelp } from './defaults.ts';
import { CRL_OPTIONS, crlHelp, openKeyFromCli } from './open-key.ts';
import { describeVerification } from './outcome.ts';

const HELP = `Usage: baladeur key read --in <key.img> --code <code> [--tier full|emergency]
       baladeur key read --in <key.img> --emergency

Decrypts the record on a key and prints the IPS bundle as JSON on stdout; the signature check
goes to stderr. --emergency is break-glass: the emergency tier, opened with an emergency-access key.

Options:
  --in <file>              key image, block device, or a bare ${RECORD_PATH} file
  --code <code>            the patient code (XXXX-XXXX-XXXX-XXXX)
  --tier full|emergency    which tier to open with the code (default full)
  --emergency              open the emergency tier with the emergency-access keyring
  --keyring <jwks>         emergency-access private keys (JWKS or one JWK), for --emergency
  --trust <pem>            trusted certificate authorities (PEM)
${crlHelp(27)}
${devHelp(27)}
  --accept-unverified      print the content even when the signature is not valid/trusted
  -h, --help               this help

Exit codes: 0 ok; 2 unusable input (not a key, damaged, unsupported version, invalid content);
3 wrong code, code with a typo, or no usable key; 4 signature not valid, untrusted, expired at
its signing time, by a signer the policy does not allow (default: doctor, midwife), by a card
revoked before the signing time (--crl), or revocation unknown under --stale-crl refuse.
`;

export const keyRead: CommandModule = {
  help: HELP,
  options: {
    in: { type: 'string' },
    code: { type: 'string' },
    tier: { type: 'string' },
    emergency: { type: 'boolean' },
    keyring: { type: 'string' },
    trust: { type: 'string' },
    ...CRL_OPTIONS,
    'accept-unverified': { type: 'boolean' },
    ...DEV_OPTION,
  },
  async run(values, io) {
    const input = requireString(values, 'in');
    const code = optionalString(values, 'code');
    const emergency = values.emergency === true;
    const tier = optionalString(values, 'tier') ?? 'full';
    if (emergency === (code !== undefined)) fail(EXIT.unusable, 'give either --code <code> or --emergency');
    if (tier !== 'full' && tier !== 'emergency') fail(EXIT.unusable, '--tier: must be "full" or "emergency"');
    if (emergency && values.tier !== undefined)
      fail(EXIT.unusable, '--tier goes with --code (--emergency opens the emergency tier)');
    const opened = await openKeyFromCli(
      values,
      input,
      emergency ? { emergency: true } : { code: code ?? '', tier: tier as 'full' | 'emergency' },
      io,
    );
    const { verification, bundle } = opened;
    io.stderr(`${describeVerification(verification)}\n`);
    const verified = verification.status === 'valid';
    if (verified || values['accept-unverified'] === true) io.stdout(`${JSON.stringify(bundle, null, 2)}\n`);
    if (!verified && values['accept-unverified'] !== true) {
      io.stderr(
        'content withheld: the signature is not valid or not trusted (use --accept-unverified to print it)\n',
      );
    }
    return verified ? EXIT.ok : EXIT.unverified;
  },
};
