import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InvalidRequest } from '../domain/errors.ts';
import { badPathParameter, jsonBody, queryOf } from './request.ts';

const event = (body: string | Buffer, extra: Partial<APIGatewayProxyEvent> = {}) =>
  ({
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : body.toString('base64'),
    isBase64Encoded: typeof body !== 'string',
    ...extra,
  }) as APIGatewayProxyEvent;

function refusal(run: () => unknown): { code: string; param?: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidRequest) return { code: err.code, param: err.param, message: err.message };
    throw err;
  }
  throw new Error('accepted');
}

describe('jsonBody', () => {
  it('returns clean JSON as parsed, newlines and tabs in text included', () => {
    expect(jsonBody(event('{"subject":"T-shirt\\n\\tblue ✓ 😀","metadata":{"k":"v"}}'))).toEqual({
      subject: 'T-shirt\n\tblue ✓ 😀',
      metadata: { k: 'v' },
    });
  });

  it.each([
    ['NUL', '{"subject":"a\\u0000b"}', 'subject'],
    ['a bell', '{"metadata":{"note":"a\\u0007"}}', 'metadata.note'],
    ['a lone high surrogate', '{"subject":"a\\ud800"}', 'subject'],
    ['a lone low surrogate', '{"subject":"\\udc00a"}', 'subject'],
    ['U+FFFD, what undecodable bytes became', '{"subject":"a\\ufffd"}', 'subject'],
    ['a bad key', '{"metadata":{"a\\u0000":"v"}}', 'metadata.a\u0000'],
    ['an item of an array', '{"list":["ok","\\u0001"]}', 'list.1'],
  ])('refuses %s, naming the field', (_name, body, param) => {
    expect(refusal(() => jsonBody(event(body)))).toMatchObject({ code: 'parameter_invalid', param });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere, naming it', (key) => {
    const { param, message } = refusal(() => jsonBody(event(`{"metadata":{"${key}":"x"}}`)));
    expect(param).toBe(`metadata.${key}`);
    expect(message).toContain('reserved');
  });

  it('refuses a base64 body that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('{"subject":"a'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(refusal(() => jsonBody(event(bytes)))).toMatchObject({ code: 'invalid_json', param: 'body' });
  });
});

describe('queryOf', () => {
  it('gives a map without a prototype and refuses control characters', () => {
    const query = queryOf(event('', { queryStringParameters: { constructor: '1', limit: '5' } }));
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect({ ...query }).toEqual({ constructor: '1', limit: '5' });
    expect(refusal(() => queryOf(event('', { queryStringParameters: { outTradeNo: 'A\u0000' } })))).toMatchObject({ param: 'outTradeNo' });
  });
});

describe('badPathParameter', () => {
  it('names the first parameter no id could be', () => {
    expect(badPathParameter({ pathParameters: { payNo: 'P01JAAAAAAAAAAAAAAAAAAAAAA' } })).toBeUndefined();
    expect(badPathParameter({ pathParameters: { payId: 'cfg_01J.x:y-z' } })).toBeUndefined();
    expect(badPathParameter({ pathParameters: null })).toBeUndefined();
    expect(badPathParameter({ pathParameters: { payId: 'c'.repeat(129) } })).toBe('payId');
    expect(badPathParameter({ pathParameters: { payNo: 'P1', code: 'a b' } })).toBe('code');
    expect(badPathParameter({ pathParameters: { payNo: '' } })).toBe('payNo');
  });
});
