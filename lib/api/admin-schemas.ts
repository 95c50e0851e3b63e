/** The admin API (`/v1/admin`): request bodies it validates and the resources it returns. */
import * as z from 'zod/mini';
import { text, timestamp } from './common-schemas.ts';

const status = z.enum(['ACTIVE', 'DISABLED']);

export const createCompanyBody = z.strictObject({
  name: text(128, 'Display name'),
  parentId: z.optional(text(27, 'The parent company (C + ULID); absent: a root company')),
});

export const companyResource = z.strictObject({
  companyId: z.string().check(z.describe('C + ULID')),
  name: z.string(),
  parentId: z.optional(z.string()),
  path: z.array(z.string()).check(z.describe('Its ancestors and itself, root first')),
  createdAt: timestamp,
});
export const companyList = z.strictObject({ data: z.array(companyResource) });
const notifySecret = z.string().check(z.describe('The HMAC key of the Payee-Signature of its notifications (whsec_…); shown only in this reply, store it now'));
/** What a create answers: the company and its notify secret, the only time the secret is shown. */
export const newCompanyResource = z.extend(companyResource, { notifySecret });
export const notifySecretResource = z.strictObject({ notifySecret });

export const putSceneBody = z.strictObject({
  description: z.optional(text(256, 'What the scene is, for people')),
  methods: z.record(z.string(), z.string()).check(z.describe('Payment method (`alipay.page`, `wechat.native`, ...) → the payId it uses in this scene')),
});
export const sceneResource = z.strictObject({
  companyId: z.string(),
  code: z.string().check(z.describe('web, app, h5, jsapi, qr or a lowercase token of your own')),
  description: z.optional(z.string()),
  methods: z.record(z.string(), z.string()),
  updatedAt: timestamp,
});
export const sceneList = z.strictObject({ data: z.array(sceneResource) });

export const createPayConfigBody = z.strictObject({
  channel: text(32, 'alipay, wechat, unionpay or paypal'),
  mode: z.optional(text(32, "The template's mode (direct, isv, partner); default direct, or config.mode")),
  status: z.optional(status),
  config: z.unknown().check(z.describe("The fields of the channel's template (GET /v1/admin/templates/{channel}/{mode})")),
});
export const replacePayConfigBody = z.strictObject({
  status: z.optional(status),
  config: z.unknown().check(z.describe('The whole config; a secret field sent as {"hasValue": true} keeps its current value')),
});
export const payConfigResource = z.strictObject({
  payId: z.string(),
  companyId: z.string(),
  channel: z.string(),
  mode: z.string(),
  status,
  config: z.record(z.string(), z.unknown()).check(z.describe('Secret fields are shown as {"hasValue": true}, never their value')),
  createdAt: z.optional(timestamp),
  updatedAt: z.optional(timestamp),
});
export const payConfigList = z.strictObject({ data: z.array(payConfigResource) });

export const templateResource = z.strictObject({
  channel: z.string(),
  mode: z.string(),
  title: z.string(),
  schema: z.record(z.string(), z.unknown()).check(z.describe('JSON Schema of the config; secret fields are writeOnly and x-secret')),
  required: z.array(z.string()),
  secretFields: z.array(z.string()),
  version: z.string(),
});
export const templateList = z.strictObject({ data: z.array(templateResource) });

export const createApiKeyBody = z.strictObject({
  tier: text(31, "The usage plan tier (the stack's tiers: standard, trial, ...)"),
  name: z.optional(text(128, 'A label for people; default the company name')),
});
export const rotateApiKeyBody = z.strictObject({
  overlapSeconds: z.optional(z.int().check(z.minimum(0), z.maximum(7 * 24 * 3600), z.describe('How long the old key keeps working; default 86400, 0 stops it at once'))),
});
export const apiKeyResource = z.strictObject({
  apiKeyId: z.string().check(z.describe("API Gateway's id of the key")),
  companyId: z.string(),
  tier: z.string(),
  name: z.optional(z.string()),
  status: z.enum(['ACTIVE', 'DISABLED', 'EXPIRED']),
  createdAt: z.string(),
  expiresAt: z.optional(timestamp),
});
export const apiKeyList = z.strictObject({ data: z.array(apiKeyResource) });
export const newApiKeyResource = z.strictObject({
  apiKeyId: z.string(),
  value: z.string().check(z.describe('The key (x-api-key); shown only in this reply')),
  tier: z.string(),
  status: z.literal('ACTIVE'),
  createdAt: timestamp,
});
export const rotationResource = z.strictObject({
  key: newApiKeyResource,
  old: z.strictObject({ apiKeyId: z.string(), expiresAt: timestamp }),
});
