/**
 * CPU time used by this process and its descendants (DynamoDB Local's JVM among them), read from
 * /proc: on a 2-core machine, throughput is CPU-bound, and this says who spent it. Linux only.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  name: string;
  cpuMs: number;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), name, cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms so far, by process name (`java`, `node`), for this process and everything under it. */
export function cpuByProcess(): Record<string, number> {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readProc(Number(d))).filter((p): p is Proc => !!p);
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const totals: Record<string, number> = {};
  const walk = (p: Proc) => {
    const name = p.name === 'java' ? 'DynamoDB Local (java)' : 'node (gateway, Lambda workers, sandbox, client)';
    totals[name] = (totals[name] ?? 0) + p.cpuMs;
    for (const c of children.get(p.pid) ?? []) walk(c);
  };
  const self = all.find((p) => p.pid === process.pid);
  if (self) walk(self);
  return totals;
}

export function cpuSince(before: Record<string, number>): Record<string, number> {
  const now = cpuByProcess();
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

/** What `cpuByThread` reads: the local emulator's functions. */
interface Functions {
  functions: Record<string, { cpuMs: number }>;
}

/**
 * CPU ms so far of each function's environments (their worker threads) and of this process's main
 * thread (the emulator's API Gateway, pollers and fauxqs, the provider sandboxes, the load client).
 */
export function cpuByThread({ functions }: Functions): Record<string, number> {
  const main = process.threadCpuUsage();
  return {
    'main thread (emulator, sandboxes, fauxqs, client)': (main.user + main.system) / 1000,
    // Logical ids end in CDK's 8-character hash.
    ...Object.fromEntries(Object.entries(functions).map(([id, m]) => [id.replace(/Function[0-9A-F]{8}$|[0-9A-F]{8}$/, ''), m.cpuMs])),
  };
}

/** Each thread's CPU since `before`, largest first, without those that used next to none. */
export function threadCpuSince(emulator: Functions, before: Record<string, number>, perOperation: number): [string, number][] {
  return Object.entries(cpuByThread(emulator))
    .map(([who, ms]): [string, number] => [who, (ms - (before[who] ?? 0)) / perOperation])
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}
