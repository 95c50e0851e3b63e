/** The account ledger's part of the OpenAPI document (issue 13): tag `ledger`, the merchant's API key. */
import { accountList, accountResource, balanceQuery, balanceResource, createAccountBody, flowList, listAccountsQuery, listFlowsQuery } from './account-schema.ts';
import type { MerchantParts } from './group-openapi.ts';
import { error, jsonContent, toJsonSchema as schema } from './openapi-parts.ts';

export const accountSchemas = () => ({
  CreateAccountRequest: schema(createAccountBody, 'input'),
  Account: schema(accountResource, 'output'),
  AccountList: schema(accountList, 'output'),
  FlowList: schema(flowList, 'output'),
  AccountBalance: schema(balanceResource, 'output'),
});

const accountIdParameter = { name: 'accountId', in: 'path', required: true, schema: { type: 'string' } };
const notFound = error('resource_missing: no such account, or one another company owns');
const ledgerOff = error("ledger_disabled: the company's ledger is not switched on (PUT /v1/admin/companies/{companyId}/ledger)");

export function accountPaths({ merchantErrors, queryParameters, idempotencyKey }: MerchantParts) {
  return {
    '/v1/accounts': {
      post: {
        operationId: 'createAccount',
        tags: ['ledger'],
        summary: 'Open a ledger account',
        parameters: [
          idempotencyKey('The same key and body again answers the account it opened, as it is now (kept 24 h; Idempotent-Replayed: true); 422 for another body'),
        ],
        requestBody: { required: true, content: jsonContent('CreateAccountRequest') },
        responses: {
          '201': { description: 'The account, balances zero (or, replayed, as it is now)', content: jsonContent('Account') },
          ...merchantErrors,
          '409': ledgerOff,
          '422': error('idempotency_key_reused: the Idempotency-Key was used with another body'),
        },
      },
      get: {
        operationId: 'listAccounts',
        tags: ['ledger'],
        summary: "The caller's accounts, newest first",
        parameters: queryParameters(listAccountsQuery),
        responses: { '200': { description: 'A page of accounts', content: jsonContent('AccountList') }, ...merchantErrors },
      },
    },
    '/v1/accounts/{accountId}': {
      get: {
        operationId: 'getAccount',
        tags: ['ledger'],
        summary: 'An account and its balances (its shards added up)',
        parameters: [accountIdParameter],
        responses: { '200': { description: 'The account', content: jsonContent('Account') }, ...merchantErrors, '404': notFound },
      },
    },
    '/v1/accounts/{accountId}/flows': {
      get: {
        operationId: 'listAccountFlows',
        tags: ['ledger'],
        summary: "The account's flows (its side of each), newest first",
        parameters: [accountIdParameter, ...queryParameters(listFlowsQuery)],
        responses: { '200': { description: 'A page of flows', content: jsonContent('FlowList') }, ...merchantErrors, '404': notFound },
      },
    },
    '/v1/accounts/{accountId}/balance': {
      get: {
        operationId: 'getAccountBalance',
        tags: ['ledger'],
        summary: 'The posted balance at a time: the balance now less the posted flows since',
        parameters: [accountIdParameter, ...queryParameters(balanceQuery)],
        responses: { '200': { description: 'The balance', content: jsonContent('AccountBalance') }, ...merchantErrors, '404': notFound },
      },
    },
  };
}
