/** The UnionPay ACP pay config (cnf_pay) for one merchant (merId). PROTOCOLS.md §3.1–3.2. */
import * as z from 'zod/mini';
import { httpUrl, loadable } from '../config-fields.ts';
import { loadCert, signingKey } from './certs.ts';

const GATEWAY = 'https://gateway.95516.com/gateway/api';
const url = (path: string) => httpUrl(`${GATEWAY}/${path}`);
const certificate = loadable(loadCert, 'not an X.509 certificate (PEM)');

export const unionpayConfigSchema = z.object({
  /** 15 digits, e.g. 898440353313553. */
  merId: z.string().check(z.regex(/^\d{15}$/, 'merId is 15 digits')),
  /** The merchant's signing key (PEM; the private half of signCert, exported from its .pfx). Secret. */
  signPrivateKey: loadable(signingKey, 'not an RSA private key (PEM)'),
  /** The merchant's signing certificate (PEM): certId is its serial number in decimal (§3.1). */
  signCert: certificate,
  /** UnionPay's verification chain (acp_prod_root.cer, acp_prod_middle.cer; §3.2). */
  rootCert: certificate,
  middleCert: certificate,
  /** Gateway endpoints (§3.1); production by default. */
  frontTransUrl: url('frontTransReq.do'),
  appTransUrl: url('appTransReq.do'),
  backTransUrl: url('backTransReq.do'),
  queryTransUrl: url('queryTrans.do'),
  /**
   * Check the signPubKeyCert's CN names 中国银联股份有限公司 (§3.2, SDK `ifValidateCNName`). Only
   * UnionPay's test environment turns it off, and then also accepts its test CN `00040000:SIGN`.
   */
  validateCnName: z._default(z.boolean(), true),
}).check(
  z.refine(
    (config) => {
      try {
        return loadCert(config.signCert).checkPrivateKey(signingKey(config.signPrivateKey));
      } catch {
        return true; // an unreadable key or certificate is reported on its own field
      }
    },
    { message: 'signCert is not the certificate of signPrivateKey', path: ['signCert'] },
  ),
);

export type UnionpayConfig = z.output<typeof unionpayConfigSchema>;
