export { createContainer, type CreateContainerInput } from './create.ts';
export { sealContainer, type SealInput } from './seal.ts';
export { inspectContainer, containerLogPublicKey } from './read.ts';
export { openWithCode, openWithEmergencyKey, unlockLogKey, type OpenOptions } from './open.ts';
export * from './types.ts';
export * from './layout.ts';
