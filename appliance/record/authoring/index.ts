/** Authoring a record at the kiosk (issue 16, item 4): edits on the decrypted bundle, pure. */
export { applyEdits } from './edits.ts';
export { newRecordBundle } from './new-bundle.ts';
export { authoringItems, changeLines } from './items.ts';
export type * from './types.ts';
export { otherRecordChanges, recordChanges, type RecordChanges } from './record-changes.ts';
export { changeLineText, describeRecordChanges } from './change-text.ts';
