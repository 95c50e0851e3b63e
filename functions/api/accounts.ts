/**
 * Every /v1/accounts method (issue 13, the ledger): one function routing on the resource and
 * method API Gateway passes (few resources, one cold start), each route parsing its input and
 * calling lib/ledger.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { balanceQuery, createAccountBody, listAccountsQuery, listFlowsQuery } from '#lib/api/account-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, header, jsonBody, queryOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { idempotencyKeyOf } from '#lib/payments/idempotency.ts';
import { balanceAt, openAccount, pageOfAccounts, pageOfFlows, readAccount } from '#lib/ledger/accounts.ts';

type Route = (event: APIGatewayProxyEvent, companyId: string, accountId: string) => Promise<APIGatewayProxyResult>;

const routes: Record<string, Route> = {
  'POST /v1/accounts': async (event, co) => {
    const body = parseWith(createAccountBody, jsonBody(event));
    const { account, replayed } = await openAccount(co, body, new Date(), idempotencyKeyOf(header(event, 'idempotency-key')));
    return json(201, account, { Location: `/v1/accounts/${account.accountId}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  },
  'GET /v1/accounts': async (event, co) => json(200, await pageOfAccounts(co, parseWith(listAccountsQuery, queryOf(event), 'query'))),
  'GET /v1/accounts/{accountId}': async (_, co, id) => json(200, await readAccount(co, id)),
  'GET /v1/accounts/{accountId}/flows': async (event, co, id) => json(200, await pageOfFlows(co, id, parseWith(listFlowsQuery, queryOf(event), 'query'))),
  'GET /v1/accounts/{accountId}/balance': async (event, co, id) => {
    const { at } = parseWith(balanceQuery, queryOf(event), 'query');
    return json(200, await balanceAt(co, id, at ? new Date(at) : new Date()));
  },
};

export const handler = apiHandler(async (event) => {
  const route = routes[`${event.httpMethod} ${event.resource}`];
  // API Gateway sends only the methods the stack defines, each of which is routed here.
  if (!route) throw new Error(`no accounts route for ${event.httpMethod} ${event.resource}`);
  return route(event, companyOf(event), event.pathParameters?.accountId ?? '');
});
