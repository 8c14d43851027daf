/**
 * @peculiar/x509 with its Reflect polyfill loaded first and Node's WebCrypto as provider. Import
 * x509 through this module only (ESM evaluates the polyfill import before the library).
 */
import './reflect-polyfill.ts';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
