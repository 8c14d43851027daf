/** @peculiar/x509, loaded after the metadata polyfill it needs (see ./reflect-metadata.ts). */
import './reflect-metadata.ts';

export * from '@peculiar/x509';
