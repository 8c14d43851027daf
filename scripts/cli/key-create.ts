import {
  formatPatientCode,
  generatePatientCode,
  parsePatientCode,
  describePatientCodeError,
} from '../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../appliance/record/container/create.ts';
import { RECORD_PATH } from '../../appliance/record/container/layout.ts';
import { DEFAULT_P2C } from '../../appliance/record/crypto/encrypt.ts';
import { RecordInputError } from '../../appliance/record/crypto/errors.ts';
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
import { writeRecord } from './key-image.ts';

const HELP = `Usage: baladeur key create --ips <bundle.json> --out <key.img> [options]

Signs and encrypts a FHIR IPS document Bundle and writes it to ${RECORD_PATH} on a key.
--out names an image or device to update, or a new file: a partitioned FAT32 key image is created.
When --code is not given, a new patient code is generated and printed on stdout (one line).

Options:
  --ips <file>              FHIR R4 IPS Bundle (JSON, type "document")
  --out <file>              key image or block device
  --code <code>             patient code (XXXX-XXXX-XXXX-XXXX); generated when absent
  --signer-key <pem>        signer private key (P-256 for ES256, RSA for PS256)
  --signer-cert <pem>       signer certificate, then its intermediates (one PEM file)
  --emergency-keys <jwks>   emergency-access public keys (JWKS, P-256, each with a kid)
  --p2c <n>                 PBES2 iteration count (default ${DEFAULT_P2C}; lower only for tests)
${devHelp(28)}
  -h, --help                this help

With --dev, the development PKI (.dev/pki, or the folder named by BALADEUR_DEV_PKI) stands in for
--signer-key/--signer-cert (the dev doctor signs) and --emergency-keys when they are not given.
Exit codes: 0 written, 2 unusable input.
`;

export const keyCreate: CommandModule = {
  help: HELP,
  options: {
    ips: { type: 'string' },
    out: { type: 'string' },
    code: { type: 'string' },
    'signer-key': { type: 'string' },
    'signer-cert': { type: 'string' },
    'emergency-keys': { type: 'string' },
    p2c: { type: 'string' },
    ...DEV_OPTION,
  },
  async run(values, io) {
    const ipsPath = requireString(values, 'ips');
    const out = requireString(values, 'out');
    const givenCode = optionalString(values, 'code');
    const signerKey = optionalString(values, 'signer-key');
    const signerCert = optionalString(values, 'signer-cert');
    const emergencyPath = optionalString(values, 'emergency-keys');
    if ((signerKey === undefined) !== (signerCert === undefined)) {
      fail(EXIT.unusable, '--signer-key and --signer-cert go together');
    }
    if (signerKey === undefined) {
      requireDev(
        values,
        'no signer: give --signer-key <pem> and --signer-cert <pem>',
        'to sign as the development doctor',
      );
    }
    if (emergencyPath === undefined) {
      requireDev(
        values,
        'no emergency-access keys: give --emergency-keys <jwks>',
        'for the development emergency keyring',
      );
    }
    const p2c = p2cOption(optionalString(values, 'p2c'), io.env.BALADEUR_P2C);
    let code = generatePatientCode();
    if (givenCode !== undefined) {
      const parsed = parsePatientCode(givenCode);
      if (!parsed.ok) fail(EXIT.unusable, `--code: ${describePatientCodeError(parsed.error)}`);
      code = parsed.value;
    }
    const bundle = readJsonFile(ipsPath, '--ips');
    const signer =
      signerKey !== undefined && signerCert !== undefined
        ? {
            privateKeyPem: readInputFile(signerKey, '--signer-key', 64 * 1024).toString('utf8'),
            certificateChainPem: [readInputFile(signerCert, '--signer-cert', 256 * 1024).toString('utf8')],
          }
        : await devPki(io).then((pki) => ({
            privateKeyPem: pki.people.doctor.keyPem,
            certificateChainPem: [pki.people.doctor.certPem],
          }));
    const emergencyPublicKeys =
      emergencyPath !== undefined
        ? readJsonFile(emergencyPath, '--emergency-keys', 256 * 1024)
        : (await devPki(io)).emergency.keyring;
    let record: Uint8Array;
    try {
      record = await createContainer({ bundle, code, signer, emergencyPublicKeys, p2c });
    } catch (error) {
      if (!(error instanceof RecordInputError)) throw error;
      const option = {
        signer_key: '--signer-key',
        signer_certificate: '--signer-cert',
        emergency_keys: '--emergency-keys',
        bundle: `--ips ${ipsPath}`,
        code: '--code',
        parameters: '--p2c',
      }[error.what];
      fail(EXIT.unusable, `${option}: ${error.message}`);
    }
    const how = writeRecord(out, record);
    io.stderr(
      `${how === 'created' ? 'created key image' : 'updated'} ${out}: ${RECORD_PATH} (${record.byteLength} bytes)\n`,
    );
    if (givenCode === undefined) io.stdout(`${formatPatientCode(code)}\n`);
    return EXIT.ok;
  },
};
