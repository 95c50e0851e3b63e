/** Every route of the member API: the account's, then online testing's, plans', third-party login's. */
import { accountRoutes, type RouteTable } from './http.ts';
import type { MemberService } from './service.ts';

export function memberRoutes(service: MemberService): RouteTable {
  return { ...accountRoutes(service) };
}
