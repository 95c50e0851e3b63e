/** Online testing's routes: the account's sandbox companies, test payments and test notifications. */
import { body, type RouteTable } from './http.ts';
import { testNotificationBody, type SandboxService } from './sandbox.ts';

export function sandboxRoutes(sandbox: SandboxService): RouteTable {
  return {
    // With the merchant API's address, for the snippets the dashboard shows.
    'GET /companies': async (call) => ({ status: 200, body: { data: await sandbox.list(await call.user()), apiUrl: sandbox.apiUrl } }),
    'POST /companies': async (call) => ({ status: 201, body: { company: await sandbox.create(await call.user()) } }),
    'GET /companies/:/payments': async (call) => ({ status: 200, body: { data: await sandbox.payments(await call.user(), call.params[0]!) } }),
    'POST /companies/:/test-payments': async (call) => ({ status: 201, body: await sandbox.testPayment(await call.user(), call.params[0]!) }),
    'GET /companies/:/notifications': async (call) => ({ status: 200, body: { data: await sandbox.attempts(await call.user(), call.params[0]!) } }),
    'POST /companies/:/test-notifications': async (call) => ({ status: 201, body: { attempt: await sandbox.testNotification(await call.user(), call.params[0]!, body(testNotificationBody, call).url) } }),
  };
}
