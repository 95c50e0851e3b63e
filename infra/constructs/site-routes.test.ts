import { describe, expect, it } from 'vitest';
import { rewriteUri, viewerRequestCode } from './site-routes.ts';

describe('site routes', () => {
  it('a directory is its index.html; a file stays', () => {
    expect(rewriteUri('/')).toBe('/index.html');
    expect(rewriteUri('/zh/docs/')).toBe('/zh/docs/index.html');
    expect(rewriteUri('/docs/quickstart.html')).toBe('/docs/quickstart.html');
    expect(rewriteUri('/assets/main-abc.css')).toBe('/assets/main-abc.css');
  });

  it("every address under the API reference is the reference's page, in its language", () => {
    expect(rewriteUri('/api/other/createpayment')).toBe('/api/index.html');
    expect(rewriteUri('/zh/api/payments')).toBe('/zh/api/index.html');
    expect(rewriteUri('/api/')).toBe('/api/index.html');
    expect(rewriteUri('/apix/other')).toBe('/apix/other');
  });

  it('the CloudFront function is the same rule, runnable on its own', () => {
    const handler = new Function(`${viewerRequestCode()}\nreturn handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    expect(handler({ request: { uri: '/zh/api/other/getpayment' } }).uri).toBe('/zh/api/index.html');
    expect(handler({ request: { uri: '/docs/' } }).uri).toBe('/docs/index.html');
  });
});
