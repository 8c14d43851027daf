/** @peculiar/x509 as a namespace, set up once in appliance/record/crypto/x509.ts. */
import * as x509 from '../../record/crypto/x509.ts';

export { x509 };
