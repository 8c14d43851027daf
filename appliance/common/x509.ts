/**
 * @peculiar/x509, loaded after the Reflect metadata polyfill it needs (it uses tsyringe and crashes
 * at import without it), with Node's WebCrypto as provider. Import x509 through this module only.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { cryptoProvider } from '@peculiar/x509';

cryptoProvider.set(webcrypto as unknown as Crypto);

export * from '@peculiar/x509';
