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

/** The 400 codes any request may get, before anything of its own is checked. */
const REQUEST_CODES = 'parameter_invalid, parameter_missing, parameter_unknown, invalid_json, unsupported_content_type or unknown_api_version';
/** A 400 listing the codes every request may get and then the operation's own. */
export const invalid = (codes?: string) => error(`Invalid request, the field or header at fault named in error.param: ${REQUEST_CODES}${codes ? `; ${codes}` : ''}`);

/** What a payment create (or a group member's) may be refused for besides the request's shape. */
export const CREATE_CODES =
  'method_not_supported or currency_not_supported by the channel; pay_config_not_found, pay_config_ambiguous (several configs fit: give payId), ' +
  "pay_config_mismatch (payId is another channel's), pay_config_invalid (the config lacks what the method needs), scene_not_found or scene_method_unavailable";

/** What any operation may answer, whoever calls it; the others are per operation. */
export const commonErrors = {
  '400': invalid(),
  '500': error('Internal error; safe to retry'),
  '503': error("service_unavailable (payee's storage) or provider_unavailable (the provider) did not answer in time; retry (with the same Idempotency-Key where there is one)"),
};
