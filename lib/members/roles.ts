/**
 * What each member role may do. The owner is the account (the user without a parent); the users
 * it invites act for the same account as developers (sandbox companies, keys, test payments) or
 * viewers (read only).
 */
import { forbidden } from './errors.ts';

export const ROLES = ['owner', 'developer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'read' | 'manageCompanies' | 'createKeys' | 'testPayments' | 'inviteUsers' | 'buyPlans';

const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  owner: new Set(['read', 'manageCompanies', 'createKeys', 'testPayments', 'inviteUsers', 'buyPlans']),
  developer: new Set(['read', 'manageCompanies', 'createKeys', 'testPayments']),
  viewer: new Set(['read']),
};

export const may = (role: Role, action: Action): boolean => ALLOWED[role].has(action);

export function requireRole(role: Role, action: Action): void {
  if (!may(role, action)) throw forbidden('role_forbidden', `A ${role} may not do this (${action}); ask the account's owner`);
}
