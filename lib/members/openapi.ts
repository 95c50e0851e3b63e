/**
 * The member API's OpenAPI 3.1 document, generated as the gateway's is (lib/api/openapi.ts): the
 * same zod schemas that check requests and shape answers, turned into JSON Schema by
 * lib/api/openapi-parts.ts. One operation per route of memberRoutes (a test holds them equal).
 */
import * as z from 'zod/mini';
import { paymentResource } from '../api/payment-schema.ts';
import { jsonContent, toJsonSchema } from '../api/openapi-parts.ts';
import { SIGNATURE_HEADER } from '../notify/signature.ts';
import { CSRF_COOKIE, CSRF_HEADER } from './csrf.ts';
import { API_PREFIX, SESSION_COOKIE } from './http.ts';
import { buyPlanBody } from './purchase.ts';
import { testNotificationBody } from './sandbox.ts';
import {
  inviteBody,
  logInBody,
  memberView,
  newOrder,
  notifyAttempt,
  orderView,
  resetConfirmBody,
  resetRequestBody,
  sandboxCompany,
  signUpBody,
  verifyBody,
} from './schemas.ts';

const user = z.strictObject({ user: memberView });
const ok = z.strictObject({ ok: z.literal(true) });
const errorBody = z.strictObject({
  error: z.strictObject({
    code: z.string().check(z.describe('What went wrong, for code: e.g. parameter_invalid, email_taken, csrf_failed, not_logged_in')),
    message: z.string().check(z.describe('What to do, for a person')),
    param: z.optional(z.string().check(z.describe('The field or header at fault'))),
  }),
});

/** Named schemas: requests as they are read (input), answers as they are written (output). */
const SCHEMAS = {
  SignUpRequest: [signUpBody, 'input'],
  LogInRequest: [logInBody, 'input'],
  VerifyRequest: [verifyBody, 'input'],
  ResetRequest: [resetRequestBody, 'input'],
  SetPasswordRequest: [resetConfirmBody, 'input'],
  InviteRequest: [inviteBody, 'input'],
  TestNotificationRequest: [testNotificationBody, 'input'],
  BuyPlanRequest: [buyPlanBody, 'input'],
  Session: [z.strictObject({ csrf: z.string().check(z.describe(`The CSRF token, also in the ${CSRF_COOKIE} cookie: repeat it in ${CSRF_HEADER}`)), user: z.nullable(memberView) }), 'output'],
  User: [user, 'output'],
  Ok: [ok, 'output'],
  CompanyList: [z.strictObject({ data: z.array(sandboxCompany), apiUrl: z.string().check(z.describe("The gateway's merchant API, for the snippets")) }), 'output'],
  NewCompany: [z.strictObject({ company: z.extend(sandboxCompany, { apiKey: z.string().check(z.describe('The API key, shown this once')) }) }), 'output'],
  PaymentList: [z.strictObject({ data: z.array(paymentResource) }), 'output'],
  TestPayment: [z.strictObject({ payment: paymentResource, qrImage: z.optional(z.string().check(z.describe("The payment's QR code as an SVG data URL"))) }), 'output'],
  AttemptList: [z.strictObject({ data: z.array(notifyAttempt) }), 'output'],
  Attempt: [z.strictObject({ attempt: notifyAttempt }), 'output'],
  NewOrder: [z.strictObject({ order: newOrder }), 'output'],
  Order: [z.strictObject({ order: orderView }), 'output'],
  Error: [errorBody, 'output'],
} as const satisfies Record<string, readonly [z.ZodMiniType, 'input' | 'output']>;
type SchemaName = keyof typeof SCHEMAS;

interface Operation {
  id: string;
  summary: string;
  tag: 'account' | 'testing' | 'plans' | 'login';
  /** Who may call: anyone, a logged-in member (session cookie), or payee itself (a signed notification, no CSRF token). */
  auth: 'none' | 'session' | 'signed';
  /** The path parameters' names, in the order of the route's `:`s. */
  params?: string[];
  request?: SchemaName;
  status: number;
  response?: SchemaName;
  /** The operation's own errors: status → what they mean. */
  errors?: Record<number, string>;
}

/** Every route of memberRoutes, by its key there. */
export const MEMBER_OPERATIONS: Record<string, Operation> = {
  'GET /session': { id: 'getSession', summary: 'Who is logged in (or null), and the CSRF token for the forms', tag: 'account', auth: 'none', status: 200, response: 'Session' },
  'POST /signup': {
    id: 'signUp', summary: 'Sign up with e-mail and password; a verification link is mailed', tag: 'account', auth: 'none', request: 'SignUpRequest', status: 201, response: 'User',
    errors: { 400: 'A weak password (param password) or a malformed e-mail', 409: 'email_taken', 429: 'too_many_attempts: sign-ups from this address (Retry-After)' },
  },
  'POST /verify': { id: 'verify', summary: "Confirm the e-mail with the link's token", tag: 'account', auth: 'none', request: 'VerifyRequest', status: 200, response: 'User', errors: { 400: 'token_invalid or token_expired' } },
  'POST /login': {
    id: 'logIn', summary: `Log in: the session in the ${SESSION_COOKIE} cookie`, tag: 'account', auth: 'none', request: 'LogInRequest', status: 200, response: 'User',
    errors: { 401: 'login_failed', 403: 'email_unverified', 429: 'too_many_attempts: failed logins of this e-mail or address (Retry-After)' },
  },
  'POST /logout': { id: 'logOut', summary: 'Log out: the session ends', tag: 'account', auth: 'none', status: 200, response: 'Ok' },
  'POST /password-reset': { id: 'requestPasswordReset', summary: 'Mail a reset link (the same answer whether the e-mail is known or not)', tag: 'account', auth: 'none', request: 'ResetRequest', status: 202, response: 'Ok', errors: { 429: 'too_many_attempts (Retry-After)' } },
  'POST /password-reset/confirm': { id: 'resetPassword', summary: "A new password with the reset link's token; every earlier session ends", tag: 'account', auth: 'none', request: 'SetPasswordRequest', status: 200, response: 'User', errors: { 400: 'token_invalid, token_expired or a weak password' } },
  'POST /invitations/accept': { id: 'acceptInvitation', summary: "A sub-user's password with the invitation's token", tag: 'account', auth: 'none', request: 'SetPasswordRequest', status: 200, response: 'User', errors: { 400: 'token_invalid, token_expired or a weak password' } },
  'GET /me': { id: 'getMe', summary: 'The member: plan, last login and logout, sub-users, linked logins', tag: 'account', auth: 'session', status: 200, response: 'User' },
  'POST /users': { id: 'inviteUser', summary: 'Invite a sub-user as developer or viewer (owner only)', tag: 'account', auth: 'session', request: 'InviteRequest', status: 201, response: 'User', errors: { 403: 'The role may not invite', 409: 'email_taken' } },
  'GET /companies': { id: 'listCompanies', summary: "The account's sandbox companies", tag: 'testing', auth: 'session', status: 200, response: 'CompanyList' },
  'POST /companies': {
    id: 'createCompany', summary: 'A sandbox company on the gateway with a WeChat Pay sandbox config; its API key shown once', tag: 'testing', auth: 'session', status: 201, response: 'NewCompany',
    errors: { 403: 'The role may not manage companies', 409: 'company_limit', 502: 'gateway_unavailable or sandbox_unavailable' },
  },
  'GET /companies/:/payments': { id: 'listTestPayments', summary: "A sandbox company's payments, newest first", tag: 'testing', auth: 'session', params: ['companyId'], status: 200, response: 'PaymentList', errors: { 404: "resource_missing: no such company, or another account's", 502: 'gateway_refused' } },
  'POST /companies/:/test-payments': {
    id: 'createTestPayment', summary: 'A CNY 0.01 WeChat Pay Native payment, its code as a QR image too', tag: 'testing', auth: 'session', params: ['companyId'], status: 201, response: 'TestPayment',
    errors: { 403: 'The role may not make test payments', 404: "resource_missing: no such company, or another account's", 502: 'gateway_refused' },
  },
  'GET /companies/:/notifications': { id: 'listTestNotifications', summary: 'The test notifications sent, each attempt', tag: 'testing', auth: 'session', params: ['companyId'], status: 200, response: 'AttemptList', errors: { 404: "resource_missing: no such company, or another account's" } },
  'POST /companies/:/test-notifications': {
    id: 'sendTestNotification', summary: `A test.ping notification signed (${SIGNATURE_HEADER}) with the company's notify secret, POSTed to url`, tag: 'testing', auth: 'session', params: ['companyId'], request: 'TestNotificationRequest', status: 201, response: 'Attempt',
    errors: { 400: 'url is not an address notifications may go to (param url)', 404: "resource_missing: no such company, or another account's" },
  },
  'POST /plans/orders': { id: 'buyPlan', summary: "Order a support plan: a payment on payee's merchant API, its QR code to scan", tag: 'plans', auth: 'session', request: 'BuyPlanRequest', status: 201, response: 'NewOrder', errors: { 403: 'The role may not buy plans', 502: 'payment_unavailable' } },
  'GET /plans/orders/:': { id: 'getOrder', summary: 'An order of the account: PENDING until payee notifies its payment', tag: 'plans', auth: 'session', params: ['outTradeNo'], status: 200, response: 'Order', errors: { 404: "resource_missing: no such order, or another account's" } },
  'POST /plans/notify': {
    id: 'notifyPlanPayment', summary: "payee's notification of an order's payment (docs/notifications.md): verified, the plan activated once", tag: 'plans', auth: 'signed', status: 200, response: 'Ok',
    errors: { 400: `signature_invalid: ${SIGNATURE_HEADER} does not verify` },
  },
  'GET /oauth/:/start': { id: 'startOAuthLogin', summary: "Off to the provider's consent page (302), the state bound to this browser by a cookie", tag: 'login', auth: 'none', params: ['provider'], status: 302, errors: { 404: 'resource_missing: no login with that provider (param provider)' } },
  'GET /oauth/:/callback': {
    id: 'finishOAuthLogin', summary: "Back from the provider (302): a logged-in member links the provider's user; otherwise the linked member is logged in", tag: 'login', auth: 'none', params: ['provider'], status: 302,
    errors: { 400: 'oauth_code_invalid, state_mismatch or parameter_missing (param code or state)', 409: 'already_linked' },
  },
};

const QUERY: Record<string, { name: string; description: string }[]> = {
  startOAuthLogin: [{ name: 'lang', description: 'zh: come back to the Chinese pages' }],
  finishOAuthLogin: [
    { name: 'code', description: "WeChat's authorization code" },
    { name: 'auth_code', description: "Alipay's authorization code" },
    { name: 'state', description: 'The signed state of the start' },
  ],
};

const error = (description: string) => ({ description, content: jsonContent('Error') });
const STATE_CHANGING = new Set(['post', 'put', 'delete']);

function operation(key: string, op: Operation) {
  const method = key.slice(0, key.indexOf(' ')).toLowerCase();
  const csrf = STATE_CHANGING.has(method) && op.auth !== 'signed';
  const errors: Record<string, unknown> = {
    ...(op.request || csrf ? { '400': error(`Invalid request, the field at fault named in error.param${op.errors?.[400] ? `; ${op.errors[400]}` : ''}`) } : {}),
    ...(op.auth === 'session' ? { '401': error('not_logged_in') } : {}),
    ...(csrf ? { '403': error(`csrf_failed: ${CSRF_HEADER} does not repeat the ${CSRF_COOKIE} cookie, or the request came from another site${op.errors?.[403] ? `; or ${op.errors[403]}` : ''}`) } : {}),
    '500': error('internal_error; try again'),
  };
  for (const [status, text] of Object.entries(op.errors ?? {})) errors[status] ??= error(text);
  return {
    operationId: op.id,
    summary: op.summary,
    tags: [op.tag],
    security: op.auth === 'session' ? [{ session: [] }] : [],
    parameters: [
      ...(op.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(QUERY[op.id] ?? []).map(({ name, description }) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } })),
      ...(csrf ? [{ name: CSRF_HEADER, in: 'header', required: true, description: `The ${CSRF_COOKIE} cookie's value (GET /session gives it)`, schema: { type: 'string' } }] : []),
      ...(op.auth === 'signed' ? [{ name: SIGNATURE_HEADER, in: 'header', required: true, description: 't=<unix>,v1=<HMAC-SHA256 of "<t>.<raw body>"> with the site merchant\'s notify secret', schema: { type: 'string' } }] : []),
    ],
    ...(op.request ? { requestBody: { required: true, content: jsonContent(op.request) } } : {}),
    responses: {
      [op.status]:
        op.status === 302
          ? { description: op.summary, headers: { location: { schema: { type: 'string' } } } }
          : { description: op.summary, ...(op.response ? { content: jsonContent(op.response) } : {}) },
      ...errors,
    },
  };
}

export function memberOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(MEMBER_OPERATIONS)) {
    const [method, route] = key.split(' ') as [string, string];
    const names = [...(op.params ?? [])];
    const path = API_PREFIX + route.replace(/:/g, () => `{${names.shift()}}`);
    (paths[path] ??= {})[method.toLowerCase()] = operation(key, op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'payee website: member API',
      version: '1',
      description:
        "The website's own API (site/, lib/members/): members, their sandbox companies on a payee gateway, support plans paid through payee, login with WeChat and Alipay. " +
        `JSON in and out. A session is the HttpOnly ${SESSION_COOKIE} cookie; every state-changing request repeats the ${CSRF_COOKIE} cookie in ${CSRF_HEADER}. Errors are {"error":{"code","message","param"}}.`,
    },
    servers: [
      { url: 'http://127.0.0.1:4040', description: 'The site of `npm start` (PAYEE_PORT+30)' },
      { url: 'https://{host}', description: 'The deployed site (CloudFront)', variables: { host: { default: 'example.cloudfront.net' } } },
    ],
    tags: [
      { name: 'account', description: 'Sign-up, verification, login, password reset, sub-users' },
      { name: 'testing', description: 'Online testing: sandbox companies, test payments, test notifications' },
      { name: 'plans', description: 'Support plans paid through payee' },
      { name: 'login', description: 'Login with WeChat and Alipay (browser redirects)' },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, [schema, io]]) => [name, toJsonSchema(schema, io)])),
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
