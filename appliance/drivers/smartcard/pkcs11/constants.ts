/** The Cryptoki values we use, from PKCS #11 v2.40 (pkcs11t.h); `CK_PARAMS_RSA_PSS` is pkcs11js's own tag. */
export const CKF_SERIAL_SESSION = 0x4;
export const CKU_USER = 1;
export const CKU_CONTEXT_SPECIFIC = 2;
export const CKO_CERTIFICATE = 1;
export const CKO_PRIVATE_KEY = 3;
export const CKC_X_509 = 0;
export const CKK_RSA = 0;
export const CKK_EC = 3;
export const CKA_CLASS = 0x0;
export const CKA_LABEL = 0x3;
export const CKA_VALUE = 0x11;
export const CKA_CERTIFICATE_TYPE = 0x80;
export const CKA_KEY_TYPE = 0x100;
export const CKA_ID = 0x102;
export const CKA_SIGN = 0x108;
export const CKA_ALWAYS_AUTHENTICATE = 0x202;
export const CKF_DONT_BLOCK = 1;

/** CK_TOKEN_INFO flags (v2.40 §3.2, Table 8). */
export const CKF_LOGIN_REQUIRED = 0x4;
export const CKF_USER_PIN_INITIALIZED = 0x8;
export const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
export const CKF_USER_PIN_COUNT_LOW = 0x10000;
export const CKF_USER_PIN_FINAL_TRY = 0x20000;
export const CKF_USER_PIN_LOCKED = 0x40000;

export const CKM_RSA_PKCS = 0x1;
export const CKM_RSA_PKCS_PSS = 0xd;
export const CKM_SHA256_RSA_PKCS = 0x40;
export const CKM_SHA256_RSA_PKCS_PSS = 0x43;
export const CKM_ECDSA = 0x1041;
export const CKM_SHA256 = 0x250;
export const CKG_MGF1_SHA256 = 0x2;
export const CK_PARAMS_RSA_PSS = 5;

export const CKR = {
  OK: 0x0,
  SLOT_ID_INVALID: 0x3,
  GENERAL_ERROR: 0x5,
  NO_EVENT: 0x8,
  DEVICE_ERROR: 0x30,
  DEVICE_MEMORY: 0x31,
  DEVICE_REMOVED: 0x32,
  FUNCTION_NOT_SUPPORTED: 0x54,
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_PIN_NOT_INITIALIZED: 0x102,
  CRYPTOKI_NOT_INITIALIZED: 0x190,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;
