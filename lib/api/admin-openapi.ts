/** The admin API's part of the OpenAPI document: tag `admin`, IAM (SigV4) security instead of the API key. */
import { ledgerSwitchBody, ledgerSwitchResource } from './account-schema.ts';
import {
  apiKeyList,
  companyList,
  companyResource,
  createApiKeyBody,
  createCompanyBody,
  createPayConfigBody,
  newApiKeyResource,
  newCompanyResource,
  notifySecretResource,
  payConfigList,
  payConfigResource,
  putSceneBody,
  replacePayConfigBody,
  rotateApiKeyBody,
  rotationResource,
  sceneList,
  sceneResource,
  templateList,
  templateResource,
  apiKeyResource,
} from './admin-schemas.ts';
import { SCENE_CODE_PATTERN } from '../domain/tenancy.ts';
import { commonErrors, error, gatewayError, invalid, jsonContent, toJsonSchema as schema } from './openapi-parts.ts';

export const adminSchemas = () => ({
  AdminCreateCompanyRequest: schema(createCompanyBody, 'input'),
  AdminCompany: schema(companyResource, 'output'),
  AdminNewCompany: schema(newCompanyResource, 'output'),
  AdminCompanyList: schema(companyList, 'output'),
  AdminNotifySecret: schema(notifySecretResource, 'output'),
  AdminPutSceneRequest: schema(putSceneBody, 'input'),
  AdminScene: schema(sceneResource, 'output'),
  AdminSceneList: schema(sceneList, 'output'),
  AdminCreatePayConfigRequest: schema(createPayConfigBody, 'input'),
  AdminReplacePayConfigRequest: schema(replacePayConfigBody, 'input'),
  AdminPayConfig: schema(payConfigResource, 'output'),
  AdminPayConfigList: schema(payConfigList, 'output'),
  AdminTemplate: schema(templateResource, 'output'),
  AdminTemplateList: schema(templateList, 'output'),
  AdminCreateApiKeyRequest: schema(createApiKeyBody, 'input'),
  AdminRotateApiKeyRequest: schema(rotateApiKeyBody, 'input'),
  AdminApiKey: schema(apiKeyResource, 'output'),
  AdminApiKeyList: schema(apiKeyList, 'output'),
  AdminNewApiKey: schema(newApiKeyResource, 'output'),
  AdminApiKeyRotation: schema(rotationResource, 'output'),
  AdminLedgerSwitchRequest: schema(ledgerSwitchBody, 'input'),
  AdminLedgerSwitch: schema(ledgerSwitchResource, 'output'),
});

/** Path parameters the API checks by shape before looking anything up. */
const PATH_PATTERNS: Record<string, string> = { code: SCENE_CODE_PATTERN.source };
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', ...(PATH_PATTERNS[name] ? { pattern: PATH_PATTERNS[name] } : {}) } });
const errors = {
  ...commonErrors,
  '403': gatewayError('A SigV4 signature (execute-api) that does not verify, or an IAM identity not allowed execute-api:Invoke'),
  '404': error('No such resource; or route_not_found for a call without a SigV4 signature (a merchant API key alone), as for an unknown route'),
};

type Responses = Record<string, { description: string; content?: unknown }>;

/** [method, path, operationId, summary, request schema, status, response schema, other responses] */
const OPERATIONS: ReadonlyArray<readonly [string, string, string, string, string | undefined, string, string | undefined, Responses?]> = [
  ['get', '/v1/admin/templates', 'adminListTemplates', 'Pay config templates of every channel and mode', undefined, '200', 'AdminTemplateList'],
  ['get', '/v1/admin/templates/{channel}/{mode}', 'adminGetTemplate', 'One template: its JSON Schema, required and secret fields', undefined, '200', 'AdminTemplate'],
  ['post', '/v1/admin/companies', 'adminCreateCompany', 'Create a company (a root, or the child of parentId); its notify secret is shown once', 'AdminCreateCompanyRequest', '201', 'AdminNewCompany', {
    '400': invalid('company_tree_too_deep: parentId is at the deepest level a tree may have'),
    '409': error('company_exists: companyId is taken'),
  }],
  ['get', '/v1/admin/companies/{companyId}', 'adminGetCompany', 'A company', undefined, '200', 'AdminCompany'],
  ['get', '/v1/admin/companies/{companyId}/children', 'adminListChildren', "A company's direct children", undefined, '200', 'AdminCompanyList'],
  ['put', '/v1/admin/companies/{companyId}/ledger', 'adminSetLedger', "Switch the company's ledger on or off: on, its detail lines post flows between its ledger accounts (/v1/accounts)", 'AdminLedgerSwitchRequest', '200', 'AdminLedgerSwitch'],
  ['post', '/v1/admin/companies/{companyId}/notify-secret/rotate', 'adminRotateNotifySecret', 'A new notification signing secret, shown once', undefined, '200', 'AdminNotifySecret'],
  ['get', '/v1/admin/companies/{companyId}/scenes', 'adminListScenes', "A company's scenes", undefined, '200', 'AdminSceneList'],
  ['put', '/v1/admin/companies/{companyId}/scenes/{code}', 'adminPutScene', 'Create or replace a scene', 'AdminPutSceneRequest', '200', 'AdminScene', {
    '400': invalid("pay_config_not_found (no active pay config of that payId) or pay_config_mismatch (it is another channel's)"),
  }],
  ['get', '/v1/admin/companies/{companyId}/scenes/{code}', 'adminGetScene', 'A scene', undefined, '200', 'AdminScene'],
  ['delete', '/v1/admin/companies/{companyId}/scenes/{code}', 'adminDeleteScene', 'Delete a scene', undefined, '204', undefined],
  ['post', '/v1/admin/companies/{companyId}/pay-configs', 'adminCreatePayConfig', "Create a pay config, validated against its template (400 names config.<field>)", 'AdminCreatePayConfigRequest', '201', 'AdminPayConfig', {
    '409': error('pay_config_exists: payId is taken'),
  }],
  ['get', '/v1/admin/companies/{companyId}/pay-configs', 'adminListPayConfigs', "A company's pay configs, disabled ones too, secrets redacted", undefined, '200', 'AdminPayConfigList'],
  ['get', '/v1/admin/pay-configs/{payId}', 'adminGetPayConfig', 'A pay config, secrets redacted', undefined, '200', 'AdminPayConfig'],
  ['put', '/v1/admin/pay-configs/{payId}', 'adminReplacePayConfig', 'Replace a pay config; secrets sent as {"hasValue": true} are kept', 'AdminReplacePayConfigRequest', '200', 'AdminPayConfig'],
  ['post', '/v1/admin/pay-configs/{payId}/disable', 'adminDisablePayConfig', 'Disable a pay config', undefined, '200', 'AdminPayConfig'],
  ['post', '/v1/admin/companies/{companyId}/api-keys', 'adminCreateApiKey', "Create an API key in a tier's usage plan; its value is shown once", 'AdminCreateApiKeyRequest', '201', 'AdminNewApiKey', {
    '409': error('api_key_exists: a key with this value exists'),
  }],
  ['get', '/v1/admin/companies/{companyId}/api-keys', 'adminListApiKeys', "A company's API keys, never their values", undefined, '200', 'AdminApiKeyList'],
  ['post', '/v1/admin/companies/{companyId}/api-keys/{apiKeyId}/rotate', 'adminRotateApiKey', 'A successor key; the old one works for overlapSeconds more', 'AdminRotateApiKeyRequest', '200', 'AdminApiKeyRotation', {
    '409': error('api_key_not_rotatable: the key is disabled or was already rotated (rotate its successor)'),
  }],
  ['post', '/v1/admin/companies/{companyId}/api-keys/{apiKeyId}/disable', 'adminDisableApiKey', 'Disable an API key now', undefined, '200', 'AdminApiKey'],
];

export function adminPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path, operationId, summary, request, status, response, others] of OPERATIONS) {
    paths[path] ??= {};
    paths[path][method] = {
      operationId,
      summary,
      tags: ['admin'],
      security: [{ sigv4: [] }],
      parameters: [...path.matchAll(/\{(\w+)\}/g)].map((m) => pathParam(m[1]!)),
      ...(request ? { requestBody: { required: true, content: jsonContent(request) } } : {}),
      responses: { [status]: { description: summary, ...(response ? { content: jsonContent(response) } : {}) }, ...errors, ...others },
    };
  }
  return paths;
}
