// Request path → API resource, with API Gateway's precedence: at each segment a literal part wins
// over `{param}`, which wins over a greedy `{proxy+}`.
import type { ResourceModel } from './model.ts';

export interface RouteMatch {
  resource: ResourceModel;
  /** Decoded values; null when the resource has no parameters (as the proxy event shows it). */
  pathParameters: Record<string, string> | null;
}

const PARAM = /^\{([^}+]+)\}$/;
const GREEDY = /^\{([^}]+)\+\}$/;

/** `segments` are the raw (still encoded) parts of the path after the stage. */
export function matchRoute(resources: ResourceModel[], segments: string[]): RouteMatch | undefined {
  let best: { resource: ResourceModel; rank: number[]; params: Record<string, string> } | undefined;
  for (const resource of resources) {
    const attempt = tryMatch(resource.segments, segments);
    if (attempt && (!best || compareRanks(attempt.rank, best.rank) > 0)) best = { resource, ...attempt };
  }
  if (!best) return undefined;
  return { resource: best.resource, pathParameters: Object.keys(best.params).length > 0 ? best.params : null };
}

function tryMatch(pattern: string[], segments: string[]): { rank: number[]; params: Record<string, string> } | undefined {
  const rank: number[] = [];
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    const greedy = GREEDY.exec(part);
    if (greedy) {
      const rest = segments.slice(i);
      if (rest.length === 0) return undefined;
      params[greedy[1]!] = decode(rest.join('/'));
      rank.push(0);
      return { rank, params };
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const param = PARAM.exec(part);
    if (param) {
      params[param[1]!] = decode(segment);
      rank.push(1);
    } else if (part === decode(segment)) {
      rank.push(2);
    } else {
      return undefined;
    }
  }
  return pattern.length === segments.length ? { rank, params } : undefined;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
