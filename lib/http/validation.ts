/** Turns zod issues into one InvalidRequest that names the field, in words a merchant can act on. */
import type * as z from 'zod/mini';
import { InvalidRequest } from '../domain/errors.ts';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue, param: string, present: boolean): { code: string; message: string; param: string } {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const field = param ? `${param}.${key}` : key;
      return { code: 'parameter_unknown', message: `Unknown field ${field}`, param: field };
    }
    case 'invalid_type':
      return !present
        ? { code: 'parameter_missing', message: `${param} is required`, param }
        : { code: 'parameter_invalid', message: `${param} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`, param };
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
      return { code: 'parameter_invalid', message: `${param} must be a valid ${issue.format}`, param };
    default:
      return { code: 'parameter_invalid', message: `${param} ${issue.message ?? 'is invalid'}`, param };
  }
}

export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { code, message, param } = describe(issue, issue.path.map(String).join('.'), isPresent(input, issue.path));
  throw new InvalidRequest(code, message, param || undefined);
}

/** Whether the input has a value at the issue's path (zod does not report inputs by default). */
function isPresent(input: unknown, path: PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}
