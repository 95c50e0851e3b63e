/** Every route of the member API: the account's, then online testing's and plan purchase's where the site has a gateway. */
import { accountRoutes, type RouteTable } from './http.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { purchaseRoutes } from './purchase-routes.ts';
import type { PurchaseService } from './purchase.ts';
import { sandboxRoutes } from './sandbox-routes.ts';
import type { SandboxService } from './sandbox.ts';
import type { MemberService } from './service.ts';
import type { OAuthLogin } from './oauth-login.ts';

export function memberRoutes(service: MemberService, options: { sandbox?: SandboxService; purchase?: PurchaseService; logins?: OAuthLogin[] } = {}): RouteTable {
  return {
    ...accountRoutes(service),
    ...(options.sandbox ? sandboxRoutes(options.sandbox) : {}),
    ...(options.purchase ? purchaseRoutes(options.purchase) : {}),
    ...(options.logins?.length ? oauthRoutes(options.logins) : {}),
  };
}
