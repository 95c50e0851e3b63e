/** Every route of the member API: the account's, then online testing's (where the site has a gateway to test on). */
import { accountRoutes, type RouteTable } from './http.ts';
import { sandboxRoutes } from './sandbox-routes.ts';
import type { SandboxService } from './sandbox.ts';
import type { MemberService } from './service.ts';

export function memberRoutes(service: MemberService, sandbox?: SandboxService): RouteTable {
  return { ...accountRoutes(service), ...(sandbox ? sandboxRoutes(sandbox) : {}) };
}
