/** The port for pay configs (cnf_pay) and API keys as the request path needs them. */
import type { PayConfig } from '../domain/payment.ts';
import type { PayTemplate } from '../config/templates.ts';

export interface ConfigStore {
  getPayConfig(payId: string): Promise<PayConfig | undefined>;
  /** A company's active configs for one channel. */
  payConfigsFor(companyId: string, channel: string): Promise<PayConfig[]>;
}

/** Every pay config of the tenant, for jobs that visit each (statement reconciliation); never on a request path. */
export interface PayConfigDirectory {
  /** All ACTIVE configs, every company and channel. */
  activePayConfigs(): Promise<PayConfig[]>;
}

/** Pay config templates (cnf_pay_template), one per channel and mode. */
export interface PayTemplateStore {
  /** Writes the template unless the stored one has the same version; true when written. */
  putTemplate(template: PayTemplate): Promise<boolean>;
  getTemplate(channel: string, mode: string): Promise<PayTemplate | undefined>;
  listTemplates(): Promise<PayTemplate[]>;
}

export interface ApiKeyRecord {
  keyHash: string;
  companyId: string;
  /** API Gateway's id of the key (what usage plans and access logs name). */
  apiKeyId: string;
  status: 'ACTIVE' | 'DISABLED';
  /** The company's ancestors and itself, root first: the tree is fixed once a company exists. */
  companyPath?: string[];
  /** The usage plan tier the key is in. */
  tier?: string;
  name?: string;
  createdAt?: string;
  /** Set when the key was rotated: the key is refused from then on. */
  expiresAt?: string;
}

export interface ApiKeyStore {
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
}
