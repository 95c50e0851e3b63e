/**
 * The website's routes, one function for both servers: CloudFront runs its source as the viewer-request
 * function (S3 knows no directory index and no app routes), the local server calls it directly.
 * It must stay plain JavaScript once its types are stripped: no imports, nothing from outside it.
 */
export function rewriteUri(uri: string): string {
  // The API reference routes by path (Redoc): every page under /api/ (and /zh/api/) is that one page.
  if (/^(\/zh)?\/api\/[^.]+$/.test(uri)) return uri.replace(/^((\/zh)?\/api\/).*$/, '$1index.html');
  if (uri.endsWith('/')) return `${uri}index.html`;
  return uri;
}

/** The CloudFront Functions (cloudfront-js-2.0) source: rewriteUri and a handler around it. */
export function viewerRequestCode(): string {
  return `${rewriteUri.toString()}\nfunction handler(event) {\n  event.request.uri = rewriteUri(event.request.uri);\n  return event.request;\n}\n`;
}

/** The member API's viewer-request function: the host the viewer asked for, passed on as x-site-host (links in mails point back at the site). */
export function memberRequestCode(): string {
  return `function handler(event) {\n  event.request.headers['x-site-host'] = { value: event.request.headers.host.value };\n  return event.request;\n}\n`;
}
