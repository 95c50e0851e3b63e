/** Turns zod issues into one InvalidRequest that names the field, in words a merchant can act on. */
import type * as z from 'zod/mini';
import { InvalidRequest } from '../domain/errors.ts';

type Issue = z.core.$ZodIssue;

/** zod/mini loads no locale: an issue without a message of ours says only this. */
const ZOD_DEFAULT_MESSAGE = 'Invalid input';

const withArticle = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
const TYPE_NAMES: Record<string, string> = { int: 'integer', record: 'object' };

/** What a value of each string format looks like, for the formats the API's schemas use. */
const FORMATS: Record<string, string> = {
  datetime: 'an ISO 8601 date-time with a UTC offset, e.g. 2026-12-03T08:00:00Z',
  url: 'an http or https URL',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

interface Described {
  code: string;
  message: string;
  param: string;
}

function describe(issue: Issue, path: string, root: string, present: boolean): Described {
  const param = path || root;
  const own = issue.message && issue.message !== ZOD_DEFAULT_MESSAGE ? issue.message : undefined;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const field = path ? `${path}.${key}` : key;
      return { code: 'parameter_unknown', message: `Unknown field ${field}`, param: field };
    }
    case 'invalid_type':
      return !present
        ? { code: 'parameter_missing', message: `${param} is required`, param }
        : { code: 'parameter_invalid', message: `${param} must be ${withArticle(TYPE_NAMES[issue.expected] ?? issue.expected)}`, param };
    case 'too_big':
      return {
        code: 'parameter_invalid',
        message: issue.origin === 'string' ? `${param} must be at most ${issue.maximum} characters` : `${param} must be at most ${issue.maximum}`,
        param,
      };
    case 'too_small':
      return {
        code: 'parameter_invalid',
        message:
          issue.origin === 'string'
            ? `${param} must not be empty`
            : `${param} must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`,
        param,
      };
    case 'invalid_value':
      return { code: 'parameter_invalid', message: `${param} must be one of ${issue.values.join(', ')}`, param };
    case 'invalid_format':
      return {
        code: 'parameter_invalid',
        message: `${param} ${own ?? `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`}`,
        param,
      };
    case 'invalid_union': {
      // Alternatives of one kind (an IPv4 or an IPv6 address): say what each would have taken.
      const firsts = issue.errors.map((branch) => branch[0]).filter((i): i is Issue => i !== undefined);
      if (!own && firsts.length > 0 && firsts.every((i) => i.code === 'invalid_format')) {
        const kinds = firsts.map((i) => (i.code === 'invalid_format' ? (FORMATS[i.format] ?? i.format) : ''));
        return { code: 'parameter_invalid', message: `${param} must be ${kinds.join(' or ')}`, param };
      }
      return { code: 'parameter_invalid', message: `${param} ${own ?? 'is not any of the accepted forms'}`, param };
    }
    default: {
      // A refinement may say the field is missing for this request (payer.openid for wechat.jsapi).
      const code = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : 'parameter_invalid';
      return { code, message: `${param} ${own ?? 'is invalid'}`, param };
    }
  }
}

/**
 * Parses `input` or throws the first issue as an InvalidRequest. `root` names the input as a
 * whole (the body, the query), for an issue about it rather than one of its fields.
 */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown, root = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { code, message, param } = describe(issue, issue.path.map(String).join('.'), root, isPresent(input, issue.path));
  throw new InvalidRequest(code, message, param);
}

/** Whether the input has a value at the issue's path (zod does not report inputs by default). */
function isPresent(input: unknown, path: PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}
