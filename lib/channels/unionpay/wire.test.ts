import { describe, expect, it } from 'vitest';
import { decodeForm } from '../../http/form.ts';
import { autoSubmitForm, parseReply } from './wire.ts';

describe('synchronous replies (raw k=v)', () => {
  it('keeps raw values: base64, PEM line breaks, Chinese, = inside values', () => {
    const pem = '-----BEGIN CERTIFICATE-----\r\nMII+/a==\r\n-----END CERTIFICATE-----';
    expect(parseReply(`respCode=00&respMsg=成功[0000000]&signPubKeyCert=${pem}&signature=ab+/c==`)).toEqual({
      respCode: '00',
      respMsg: '成功[0000000]',
      signPubKeyCert: pem,
      signature: 'ab+/c==',
    });
  });

  it('does not split inside {…} groups', () => {
    expect(parseReply('reserved={a=1&b=2}&respCode=00')).toEqual({ reserved: '{a=1&b=2}', respCode: '00' });
  });

  it('refuses pairs without a name and repeated names', () => {
    expect(parseReply('=x&respCode=00')).toBeUndefined();
    expect(parseReply('respCode=00&respCode=01')).toBeUndefined();
    expect(parseReply('<html>error</html>')).toBeUndefined();
  });
});

describe('notification forms', () => {
  it('decodes + and percent-escapes, strictly', () => {
    expect(decodeForm('a=1+2&b=%E6%88%90%E5%8A%9F&c=x%2By')).toEqual({ a: '1 2', b: '成功', c: 'x+y' });
    expect(decodeForm('a=%E6%88')).toMatch(/undecodable/);
    expect(decodeForm('a=1&a=2')).toMatch(/twice/);
  });
});

describe('the web form', () => {
  it('escapes values into hidden inputs that post to the front gateway', () => {
    const html = autoSubmitForm('https://gateway.95516.com/gateway/api/frontTransReq.do', { frontUrl: 'https://s.example/?a=1&b="2"' });
    expect(html).toContain('action="https://gateway.95516.com/gateway/api/frontTransReq.do" method="post"');
    expect(html).toContain('value="https://s.example/?a=1&#38;b=&#34;2&#34;"');
  });
});
