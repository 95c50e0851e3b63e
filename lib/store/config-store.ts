/** The port for pay configs (cnf_pay) and API keys as the request path needs them. */
import type { PayConfig } from '../domain/payment.ts';

export interface ConfigStore {
  getPayConfig(payId: string): Promise<PayConfig | undefined>;
  /** A company's active configs for one channel. */
  payConfigsFor(companyId: string, channel: string): Promise<PayConfig[]>;
}

export interface ApiKeyRecord {
  keyHash: string;
  companyId: string;
  /** API Gateway's id of the key (what usage plans and access logs name). */
  apiKeyId: string;
  status: 'ACTIVE' | 'DISABLED';
}

export interface ApiKeyStore {
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
}
