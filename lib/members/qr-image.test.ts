import { describe, expect, it } from 'vitest';
import { qrImage } from './qr-image.ts';

describe('qrImage', () => {
  it('is an SVG data URL whose modules grow with the text', () => {
    const svgOf = (url: string) => Buffer.from(url.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    const short = qrImage('https://qr.alipay.com/bax0');
    expect(short).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(svgOf(short)).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    const size = (url: string) => Number(/viewBox="0 0 (\d+)/.exec(svgOf(url))![1]);
    // A longer code needs a larger symbol (more modules): the text is really encoded.
    expect(size(qrImage(`weixin://wxpay/bizpayurl?pr=${'x'.repeat(200)}`))).toBeGreaterThan(size(short));
  });
});
