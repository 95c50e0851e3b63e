/** The payment groups' part of the OpenAPI document (issue 13): tag `groups`, the merchant's API key. */
import { createGroupBody, groupList, groupResource, groupSyncResponse, listGroupsQuery } from './group-schema.ts';
import { CREATE_CODES, error, invalid, jsonContent, toJsonSchema as schema } from './openapi-parts.ts';
import type * as z from 'zod/mini';

export const groupSchemas = () => ({
  CreateGroupRequest: schema(createGroupBody, 'input'),
  Group: schema(groupResource, 'output'),
  GroupList: schema(groupList, 'output'),
  GroupSyncResult: schema(groupSyncResponse, 'output'),
});

const groupNoParameter = { name: 'groupNo', in: 'path', required: true, schema: { type: 'string' } };
const notFound = error('resource_missing: no such group, or one another company owns');

/** What the merchant document shares with these operations: its error replies and parameter builders. */
export interface MerchantParts {
  merchantErrors: Record<string, unknown>;
  queryParameters(query: z.ZodMiniType): unknown[];
  idempotencyKey(description: string): unknown;
}

export function groupPaths({ merchantErrors, queryParameters, idempotencyKey }: MerchantParts) {
  return {
    '/v1/groups': {
      post: {
        operationId: 'createGroup',
        tags: ['groups'],
        summary: 'Create a group of 1-50 payments: a batch of independent payments, or one combined payment at the provider',
        description:
          "Every member is checked before anything is stored. batch: each member is created at its provider on its own; one member's refusal " +
          'does not undo the others, and a retry with the same Idempotency-Key completes the members still missing and creates nothing twice. ' +
          'combined: one provider order for every member (WeChat combine transactions); the action is what the buyer is shown.',
        parameters: [idempotencyKey('A retry with the same key and body completes the group and answers it as it is now; 422 for another body')],
        requestBody: { required: true, content: jsonContent('CreateGroupRequest') },
        responses: {
          '201': { description: 'The group with each member payment (PENDING, FAILED with the provider\'s reason, or an error per member)', content: jsonContent('Group') },
          ...merchantErrors,
          '400': invalid(
            `combined_not_supported: the method (UnionPay) or the group's size or currencies cannot be paid in one step; for a member (error.param members.<n>...): ${CREATE_CODES}, account_not_found or currency_mismatch`,
          ),
          '409': error('duplicate_out_trade_no in combined mode (error.param names the member; a batch reports it per member), or insufficient_funds'),
          '422': error('idempotency_key_reused: the Idempotency-Key was used with another body'),
          '503': error('combined: the provider did not answer; retry with the same Idempotency-Key'),
        },
      },
      get: {
        operationId: 'listGroups',
        tags: ['groups'],
        summary: "The caller's groups, newest first",
        parameters: queryParameters(listGroupsQuery),
        responses: { '200': { description: 'A page of groups', content: jsonContent('GroupList') }, ...merchantErrors },
      },
    },
    '/v1/groups/{groupNo}': {
      get: {
        operationId: 'getGroup',
        tags: ['groups'],
        summary: 'A group, its status derived from its members, and every member payment as it is now',
        parameters: [groupNoParameter],
        responses: { '200': { description: 'The group', content: jsonContent('Group') }, ...merchantErrors, '404': notFound },
      },
    },
    '/v1/groups/{groupNo}/close': {
      post: {
        operationId: 'closeGroup',
        tags: ['groups'],
        summary: "Close the group's unpaid members at their provider (a combined group: the whole provider order), then here",
        parameters: [groupNoParameter],
        responses: {
          '200': { description: 'The group: members CLOSED, or SUCCEEDED where the buyer paid meanwhile', content: jsonContent('Group') },
          ...merchantErrors,
          '404': notFound,
          '409': error('group_not_closable (no member is open), or provider_refused with the provider\'s code'),
          '503': error('The provider did not answer; retry'),
        },
      },
    },
    '/v1/groups/{groupNo}/sync': {
      post: {
        operationId: 'syncGroup',
        tags: ['groups'],
        summary: 'Ask the providers about every member now; their answers are applied like callbacks',
        parameters: [groupNoParameter],
        responses: {
          '202': { description: "The group as it is now and each member's provider answer (applied asynchronously)", content: jsonContent('GroupSyncResult') },
          ...merchantErrors,
          '404': notFound,
          '503': error('The provider did not answer (combined); nothing changed'),
        },
      },
    },
  };
}
