import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPaymentBody } from '../api/create-payment-schema.ts';
import { InvalidRequest } from '../domain/errors.ts';
import { parseWith } from './validation.ts';

const valid = { method: 'alipay.qr', outTradeNo: 'A1', subject: 'T-shirt', amount: 1999, currency: 'CNY' };

function rejection(input: unknown): InvalidRequest {
  try {
    parseWith(createPaymentBody, input);
  } catch (err) {
    if (err instanceof InvalidRequest) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('parseWith', () => {
  it('accepts the sample API Gateway event of events/', () => {
    const sample = JSON.parse(readFileSync(new URL('../../events/apigateway/create-payment.json', import.meta.url), 'utf8'));
    expect(parseWith(createPaymentBody, JSON.parse(sample.body))).toEqual({ ...valid, outTradeNo: 'A1001' });
  });
  it('accepts a valid body as is', () => {
    expect(parseWith(createPaymentBody, valid)).toEqual(valid);
  });
  it('names the missing field', () => {
    const { code, param, message } = rejection({ ...valid, subject: undefined });
    expect({ code, param, message }).toEqual({ code: 'parameter_missing', param: 'subject', message: 'subject is required' });
  });
  it('names an unknown field', () => {
    expect(rejection({ ...valid, extra: 1 })).toMatchObject({ code: 'parameter_unknown', param: 'extra' });
  });
  it('names a nested field', () => {
    expect(rejection({ ...valid, metadata: { a: 2 } })).toMatchObject({ code: 'parameter_invalid', param: 'metadata.a' });
  });
  it('explains numbers that are not whole minor units', () => {
    expect(rejection({ ...valid, amount: 1.5 }).message).toBe('amount must be an integer');
    expect(rejection({ ...valid, amount: 0 }).message).toBe('amount must be greater than 0');
  });
  it('refuses an unknown currency and an orderAmount below amount', () => {
    expect(rejection({ ...valid, currency: 'ABC' }).param).toBe('currency');
    expect(rejection({ ...valid, orderAmount: 1 }).param).toBe('orderAmount');
  });
  it('a body that is not an object has no field to name', () => {
    expect(rejection([]).param).toBeUndefined();
  });
});
