/** The PayPal pay config (cnf_pay) for one merchant's REST app (PROTOCOLS.md §4). */
import * as z from 'zod/mini';
import { httpUrl, nonEmpty } from '../config-fields.ts';

/**
 * Where PayPal serves its webhook signing certificates (§4.2 "Certificate checks"). An entry is a
 * host name (fetched over https only) or an origin `http(s)://host[:port]`: only an origin listed
 * explicitly with `http:` may serve certificates over plain http (the local sandbox).
 */
export const PAYPAL_CERT_HOSTS = ['api.paypal.com', 'api-m.paypal.com', 'api.sandbox.paypal.com', 'api-m.sandbox.paypal.com'];

const certHost = z.string().check(
  z.refine((entry) => {
    if (/^[a-z0-9.-]+$/i.test(entry)) return true;
    try {
      const url = new URL(entry);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry;
    } catch {
      return false;
    }
  }, 'a host name or an origin such as http://127.0.0.1:8080'),
);

export const paypalConfigSchema = z.object({
  clientId: nonEmpty(),
  clientSecret: nonEmpty(),
  /** The id of this app's webhook subscription: signed into every webhook, never sent in it (§4.2). */
  webhookId: nonEmpty(),
  baseUrl: httpUrl('https://api-m.paypal.com'),
  certHosts: z._default(z.array(certHost).check(z.minLength(1)), PAYPAL_CERT_HOSTS),
});

export type PayPalConfig = z.output<typeof paypalConfigSchema>;
