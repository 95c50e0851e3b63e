/** Support plan purchase's routes: order a plan, watch the order, and payee's notification. */
import { body, signedByCaller, type RouteTable } from './http.ts';
import { NOTIFY_PATH, buyPlanBody, type PurchaseService } from './purchase.ts';

export function purchaseRoutes(purchase: PurchaseService): RouteTable {
  return {
    'POST /plans/orders': async (call) => ({ status: 201, body: { order: await purchase.buy(await call.user(), body(buyPlanBody, call), call.ctx) } }),
    'GET /plans/orders/:': async (call) => ({ status: 200, body: { order: await purchase.order(await call.user(), call.params[0]!) } }),
    [`POST ${NOTIFY_PATH}`]: signedByCaller(async (call) => {
      await purchase.notify(call.req.headers, call.req.body);
      return { status: 200, body: { ok: true } };
    }),
  };
}
