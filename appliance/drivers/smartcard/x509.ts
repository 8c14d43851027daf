/** @peculiar/x509 as a namespace, set up once in appliance/common/x509.ts. */
import * as x509 from '../../common/x509.ts';

export { x509 };
