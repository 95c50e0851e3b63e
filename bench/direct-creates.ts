/**
 * Creates through the CreatePayment bundle called directly, in a Node process of its own, with
 * the function's environment and API Gateway's event (bench/direct-creates.mjs): payee's whole
 * create (its code, the AWS SDK, the signed provider call, DynamoDB) without the local API Gateway
 * and Lambda emulation. Beside the same creates through the HTTP API, the difference is what the
 * emulation costs; beside raw PutItems, it is the most the API ratio could reach on this stack.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { cpuByProcess, cpuSince } from './cpu.ts';

export async function directCreates({ target, emulator }: LocalStack, companyId: string, count: number, concurrency: number) {
  const [, asset] = Object.entries(emulator.functionAssets).find(([id]) => id.startsWith('CreatePaymentFunction'))!;
  const file = join(asset.dir!, 'index.mjs');
  const child = fork(new URL('./direct-creates.mjs', import.meta.url), [file, String(count), String(concurrency), String(count), companyId, new URL(target.apiUrl).host], {
    env: asset.runtimeEnvironment,
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const failed = exited.then(([code]) => {
    throw new Error(`direct creates exited with ${code}`);
  });
  await Promise.race([once(child, 'message'), failed]);
  const cpu = cpuByProcess();
  const started = performance.now();
  child.send('go');
  // Read while the child is alive: an exited process's CPU leaves /proc.
  const [{ cpuMs }] = (await Promise.race([once(child, 'message'), failed])) as [{ cpuMs: number }];
  const rate = count / ((performance.now() - started) / 1000);
  const used = cpuSince(cpu);
  child.send('exit');
  await exited;
  /** `bundleCpuMs`: the CPU of the bundle's own process (payee's code, the AWS SDK, its side of the provider call). */
  return { rate, cpu: used, bundleCpuMs: cpuMs };
}
