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
  it('a body that is not an object is named as the body', () => {
    for (const body of [[], 'x', 5, null]) {
      expect(rejection(body)).toMatchObject({ param: 'body', message: 'body must be an object' });
    }
  });
  it('says what a pattern allows, not that it is a regex', () => {
    expect(rejection({ ...valid, outTradeNo: 'A 1' }).message).toBe('outTradeNo may hold letters, digits and _ - . : only');
    expect(rejection({ ...valid, scene: 'Web!' }).message).toMatch(/^scene must be web, app/);
  });
  it('says what a format looks like', () => {
    expect(rejection({ ...valid, notifyUrl: 'not a url' }).message).toBe('notifyUrl must be an http or https URL');
    const ip = rejection({ ...valid, method: 'wechat.h5', payer: { clientIp: '300.1.1.1' } });
    expect(ip).toMatchObject({ param: 'payer.clientIp', message: 'payer.clientIp must be an IPv4 address or an IPv6 address' });
  });
  it('asks for the payer facts a method needs, as missing fields', () => {
    expect(rejection({ ...valid, method: 'wechat.jsapi' })).toMatchObject({
      code: 'parameter_missing',
      param: 'payer.openid',
      message: 'payer.openid is required for wechat.jsapi',
    });
    expect(rejection({ ...valid, method: 'wechat.h5', payer: { openid: 'o' } })).toMatchObject({ code: 'parameter_missing', param: 'payer.clientIp' });
    expect(parseWith(createPaymentBody, { ...valid, method: 'wechat.jsapi', payer: { openid: 'o' } }).payer).toEqual({ openid: 'o' });
  });
  it('every message names its field first, whatever the issue', () => {
    const bad: unknown[] = [
      { ...valid, amount: 'x' },
      { ...valid, expiresIn: 1 },
      { ...valid, currency: 'ABC' },
      { ...valid, method: 'x.y' },
      { ...valid, metadata: [] },
      { ...valid, payer: { clientIp: 1 } },
    ];
    for (const body of bad) {
      const { param, message } = rejection(body);
      expect(message.startsWith(`${param} `), message).toBe(true);
      expect(message).not.toMatch(/regex|Invalid input|a object/);
    }
  });
});
