/** Pieces shared by the merchant and admin parts of the OpenAPI document. */
import * as z from 'zod/mini';

export const toJsonSchema = (s: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

/** API Gateway's own refusals (no key or signature, throttle) come before any function: `message`, or `Message` for an IAM deny. */
export const gatewayErrorBody = z.object({
  message: z.optional(z.string()),
  Message: z.optional(z.string()),
});

export const jsonContent = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
export const error = (description: string) => ({ description, content: jsonContent('Error') });
export const gatewayError = (description: string) => ({ description, content: jsonContent('GatewayError') });

/** What any operation may answer, whoever calls it; the others are per operation. */
export const commonErrors = {
  '400': error('Invalid request: the field or header at fault is named in error.param'),
  '500': error('Internal error; safe to retry'),
  '503': error("service_unavailable (payee's storage) or provider_unavailable (the provider) did not answer in time; retry (with the same Idempotency-Key where there is one)"),
};
