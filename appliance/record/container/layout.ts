/**
 * Where a Baladeur container lives on a key (docs/key-format.md, "File layout").
 * Names are fixed and say nothing about the patient.
 */
export const CONTAINER_DIR = 'BALADEUR';
export const RECORD_FILE = 'RECORD.JSON';
export const ACCESS_LOG_FILE = 'ACCESS.LOG';
export const RECORD_PATH = `${CONTAINER_DIR}/${RECORD_FILE}`;
export const ACCESS_LOG_PATH = `${CONTAINER_DIR}/${ACCESS_LOG_FILE}`;
