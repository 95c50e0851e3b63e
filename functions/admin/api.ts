/**
 * Every `/v1/admin` method (IAM-authorized, the operator's): one function routing on the resource
 * and method API Gateway passes, each route parsing its input and calling lib/admin. What only some
 * routes need loads on their first call: the body schemas (zod), the pay config code (every
 * channel's schema) and API Gateway's client, so that reads start without them.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as z from 'zod/mini';
import { createCompany, getCompany, listChildren, rotateNotifySecret } from '#lib/admin/companies.ts';
import type { PayConfigAdminDeps } from '#lib/admin/pay-configs.ts';
import { deleteScene, listScenes, putScene } from '#lib/admin/scenes.ts';
import { NotFound } from '#lib/domain/errors.ts';
import { newPayId } from '#lib/domain/ids.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { jsonBody } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import type { ConfigStore } from '#lib/store/config-store.ts';
import { DynamoCompanyStore } from '#lib/store/dynamodb/company-store.ts';
import { DynamoPayConfigAdminStore } from '#lib/store/dynamodb/pay-config-admin-store.ts';
import { DynamoSceneStore } from '#lib/store/dynamodb/scene-store.ts';
import { DynamoTemplateStore } from '#lib/store/dynamodb/template-store.ts';

const now = () => new Date();
const companies = new DynamoCompanyStore();
const scenes = new DynamoSceneStore();
const templates = new DynamoTemplateStore();
const payConfigStore = new DynamoPayConfigAdminStore();
const payConfigs: PayConfigAdminDeps = {
  configs: payConfigStore,
  companyExists: async (companyId) => (await companies.getCompany(companyId)) !== undefined,
  newPayId,
};
// Uncached reads for the scene checks, so that a config just created or disabled counts at once.
const uncachedConfigs: ConfigStore = {
  getPayConfig: (payId) => payConfigStore.getStored(payId),
  payConfigsFor: async (companyId, channel) =>
    (await payConfigStore.listStored(companyId)).filter((c) => c.channel === channel && c.status === 'ACTIVE'),
};
const sceneDeps = { scenes, companies, configs: uncachedConfigs, now };
const payConfigApi = () => import('#lib/admin/pay-configs.ts');
// The running code's templates are stored before they are served, once per container (only changed
// ones are written), so a deployed stack needs no deploy step to serve them.
let templatesStored: Promise<unknown> | undefined;
const storedTemplates = () =>
  (templatesStored ??= import('#lib/config/templates.ts')
    .then((m) => m.seedPayTemplates(templates))
    .catch((error: unknown) => {
      templatesStored = undefined;
      throw error;
    }));
const apiKeyDeps = () => import('./api-key-deps.ts').then((m) => m.apiKeyDeps(companies, now));

type Route = (event: APIGatewayProxyEvent, path: Record<string, string>) => Promise<APIGatewayProxyResult>;

type Schemas = typeof import('#lib/api/admin-schemas.ts');
const body = async <K extends keyof Schemas>(schema: K, event: APIGatewayProxyEvent): Promise<z.output<Schemas[K]>> =>
  parseWith((await import('#lib/api/admin-schemas.ts'))[schema], jsonBody(event)) as z.output<Schemas[K]>;
const noContent = (): APIGatewayProxyResult => ({ ...json(204, null), body: '' });

const routes: Record<string, Route> = {
  'GET /v1/admin/templates': async () => {
    await storedTemplates();
    return json(200, { data: await templates.listTemplates() });
  },
  'GET /v1/admin/templates/{channel}/{mode}': async (_, p) => {
    await storedTemplates();
    const template = await templates.getTemplate(p.channel!, p.mode!);
    if (!template) throw new NotFound('template', 'mode');
    return json(200, template);
  },

  'POST /v1/admin/companies': async (event) => json(201, await createCompany({ companies, now }, await body('createCompanyBody', event))),
  'GET /v1/admin/companies/{companyId}': async (_, p) => json(200, await getCompany({ companies }, p.companyId!)),
  'GET /v1/admin/companies/{companyId}/children': async (_, p) => json(200, { data: await listChildren({ companies }, p.companyId!) }),
  'PUT /v1/admin/companies/{companyId}/ledger': async (event, p) => {
    const company = await getCompany({ companies }, p.companyId!);
    const { ledgerSwitchBody } = await import('#lib/api/account-schema.ts');
    const { enabled } = parseWith(ledgerSwitchBody, jsonBody(event));
    await (await import('#lib/ledger/ledger-store.ts')).setLedgerEnabled(company.companyId, enabled, now().toISOString());
    return json(200, { companyId: company.companyId, enabled });
  },
  'POST /v1/admin/companies/{companyId}/notify-secret/rotate': async (_, p) => json(200, await rotateNotifySecret({ companies }, p.companyId!)),

  'GET /v1/admin/companies/{companyId}/scenes': async (_, p) => json(200, { data: await listScenes(sceneDeps, p.companyId!) }),
  'PUT /v1/admin/companies/{companyId}/scenes/{code}': async (event, p) =>
    json(200, await putScene(sceneDeps, p.companyId!, { code: p.code!, ...(await body('putSceneBody', event)) })),
  'GET /v1/admin/companies/{companyId}/scenes/{code}': async (_, p) => {
    // From the consistent list, not getScene: that one is the request path's, cached for a minute.
    const scene = (await listScenes(sceneDeps, p.companyId!)).find((s) => s.code === p.code);
    if (!scene) throw new NotFound('scene', 'code');
    return json(200, scene);
  },
  'DELETE /v1/admin/companies/{companyId}/scenes/{code}': async (_, p) => {
    await deleteScene(sceneDeps, p.companyId!, p.code!);
    return noContent();
  },

  'POST /v1/admin/companies/{companyId}/pay-configs': async (event, p) => {
    const { createPayConfig } = await payConfigApi();
    return json(201, await createPayConfig(payConfigs, p.companyId!, await body('createPayConfigBody', event)));
  },
  'GET /v1/admin/companies/{companyId}/pay-configs': async (_, p) => {
    await getCompany({ companies }, p.companyId!);
    return json(200, await (await payConfigApi()).listPayConfigs(payConfigs, p.companyId!));
  },
  'GET /v1/admin/pay-configs/{payId}': async (_, p) => json(200, await (await payConfigApi()).getPayConfig(payConfigs, p.payId!)),
  'PUT /v1/admin/pay-configs/{payId}': async (event, p) =>
    json(200, await (await payConfigApi()).replacePayConfig(payConfigs, p.payId!, await body('replacePayConfigBody', event))),
  'POST /v1/admin/pay-configs/{payId}/disable': async (_, p) => json(200, await (await payConfigApi()).disablePayConfig(payConfigs, p.payId!)),

  'POST /v1/admin/companies/{companyId}/api-keys': async (event, p) => {
    const { createApiKey } = await import('#lib/admin/api-keys.ts');
    return json(201, await createApiKey(await apiKeyDeps(), { companyId: p.companyId!, ...(await body('createApiKeyBody', event)) }));
  },
  'GET /v1/admin/companies/{companyId}/api-keys': async (_, p) => {
    const { listApiKeys } = await import('#lib/admin/api-keys.ts');
    return json(200, { data: await listApiKeys(await apiKeyDeps(), p.companyId!) });
  },
  'POST /v1/admin/companies/{companyId}/api-keys/{apiKeyId}/rotate': async (event, p) => {
    const { rotateApiKey } = await import('#lib/admin/api-keys.ts');
    // An empty body means the default overlap.
    const input = event.body ? await body('rotateApiKeyBody', event) : {};
    return json(200, await rotateApiKey(await apiKeyDeps(), { companyId: p.companyId!, apiKeyId: p.apiKeyId!, ...input }));
  },
  'POST /v1/admin/companies/{companyId}/api-keys/{apiKeyId}/disable': async (_, p) => {
    const { disableApiKey } = await import('#lib/admin/api-keys.ts');
    return json(200, await disableApiKey(await apiKeyDeps(), { companyId: p.companyId!, apiKeyId: p.apiKeyId! }));
  },
};

export const handler = apiHandler(async (event) => {
  const route = routes[`${event.httpMethod} ${event.resource}`];
  // API Gateway sends only the methods the stack defines, each of which is routed here.
  if (!route) throw new Error(`no admin route for ${event.httpMethod} ${event.resource}`);
  return route(event, (event.pathParameters ?? {}) as Record<string, string>);
});
