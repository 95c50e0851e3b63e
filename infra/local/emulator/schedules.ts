// AWS::Events::Rule with a ScheduleExpression → timers that invoke the Lambda targets with
// EventBridge's "Scheduled Event". Invocations are asynchronous: errors are logged, not retried
// (EventBridge → Lambda async invoke would retry twice).
import { randomUUID } from 'node:crypto';
import type { Resolver } from './intrinsics.ts';
import type { FunctionPool } from './lambda/pool.ts';
import { props, resourcesOfType } from './template.ts';

export interface Schedules {
  stop(): void;
}

export function startSchedules(resolver: Resolver, pools: Map<string, FunctionPool>): Schedules {
  const timers: NodeJS.Timeout[] = [];
  const { region, accountId } = resolver.account;
  for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::Events::Rule')) {
    const p = resolver.resolve(props(resource)) as Record<string, any>;
    if (!p.ScheduleExpression || (p.State ?? 'ENABLED') !== 'ENABLED') continue;
    const ruleArn = resolver.getAtt(logicalId, 'Arn');
    const targets: Array<{ pool: FunctionPool; input: string | undefined }> = (p.Targets ?? []).flatMap((t: { Arn: string; Input?: string }) => {
      const fn = resolver.logicalIdOf('AWS::Lambda::Function', (f) => t.Arn === f.attributes.Arn || t.Arn.startsWith(`${f.attributes.Arn}:`));
      const pool = fn && pools.get(fn);
      return pool ? [{ pool, input: t.Input }] : [];
    });
    const fire = () => {
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: accountId,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: [ruleArn],
        detail: {},
      };
      for (const { pool, input } of targets) {
        void pool.invoke(input === undefined ? event : JSON.parse(input)).then((r) => {
          if (!r.ok) console.error(`emulator: schedule ${logicalId} → ${pool.definition.logicalId} failed: ${r.error.errorMessage}`);
        });
      }
    };
    const schedule = parseSchedule(String(p.ScheduleExpression));
    if (schedule.kind === 'rate') {
      timers.push(setInterval(fire, schedule.everyMs));
    } else {
      const tick = () => {
        if (cronMatches(schedule.fields, new Date())) fire();
        timers.push(setTimeout(tick, 60_000 - (Date.now() % 60_000)));
      };
      timers.push(setTimeout(tick, 60_000 - (Date.now() % 60_000)));
    }
  }
  return {
    stop() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; fields: string[] };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression);
  if (rate) return { kind: 'rate', everyMs: Number(rate[1]) * UNIT_MS[rate[2]!]! };
  const cron = /^cron\((.+)\)$/.exec(expression);
  const fields = cron?.[1]!.trim().split(/\s+/);
  if (!fields || fields.length !== 6) throw new Error(`Unsupported schedule expression: ${expression}`);
  return { kind: 'cron', fields };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * EventBridge cron (UTC): minutes hours day-of-month month day-of-week year, with `*`, `?`, lists,
 * ranges, steps and names; day-of-week counts 1 = SUN. `L`, `W` and `#` are not supported.
 */
export function cronMatches(fields: string[], at: Date): boolean {
  const [minute, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  return (
    field(minute, at.getUTCMinutes(), 0, 59) &&
    field(hour, at.getUTCHours(), 0, 23) &&
    field(dom, at.getUTCDate(), 1, 31) &&
    field(month, at.getUTCMonth() + 1, 1, 12, MONTHS) &&
    field(dow, at.getUTCDay() + 1, 1, 7, DAYS) &&
    field(year, at.getUTCFullYear(), 1970, 2199)
  );
}

function field(spec: string, value: number, min: number, max: number, names?: string[]): boolean {
  if (spec === '*' || spec === '?') return true;
  const number = (s: string) => {
    const named = names?.indexOf(s.toUpperCase()) ?? -1;
    if (named >= 0) return named + 1;
    if (!/^\d+$/.test(s)) throw new Error(`Unsupported cron field: ${spec}`);
    return Number(s);
  };
  return spec.split(',').some((part) => {
    const [range, step] = part.split('/') as [string, string | undefined];
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(number) as [number, number] : [number(range), step ? max : number(range)];
    return value >= from && value <= to && (value - from) % Number(step ?? 1) === 0;
  });
}
