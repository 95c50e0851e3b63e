// Evaluates the IAM policy a Lambda authorizer returns against the request's method ARN:
// an explicit Deny wins, then any Allow, and nothing matching is an implicit deny.

export type Decision = 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY';

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

export function evaluatePolicy(policyDocument: { Statement?: Statement | Statement[] }, methodArn: string): Decision {
  const statements = [policyDocument.Statement ?? []].flat();
  const applies = (s: Statement) =>
    list(s.Action).some((a) => wildcard(a.toLowerCase(), 'execute-api:invoke')) && list(s.Resource).some((r) => wildcard(r, methodArn));
  if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return 'EXPLICIT_DENY';
  if (statements.some((s) => s.Effect === 'Allow' && applies(s))) return 'ALLOW';
  return 'IMPLICIT_DENY';
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());

/** IAM matching: `*` any run of characters (slashes included), `?` exactly one. */
export function wildcard(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${regex}$`, 's').test(value);
}
