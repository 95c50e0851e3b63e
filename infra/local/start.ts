/** `npm start`: the whole gateway on this machine until Ctrl-C. */
import { startLocalStack } from './local-stack.ts';
import { startSite } from './site.ts';
import { startCanary } from './canary.ts';
import { startMembers } from './members.ts';
import { statusReport } from '../../lib/status/report.ts';
import { step } from './emulator/progress.ts';

const basePort = Number(process.env.PAYEE_PORT ?? 4010);
if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65000) {
  console.error('payee: PAYEE_PORT must be a port number from 1024 to 65000');
  process.exit(2);
}
const stateDir = '.payee';
// DynamoDB Local's data: in memory unless PAYEE_DATA_DIR names a directory to keep it in.
const dataDir = process.env.PAYEE_DATA_DIR || undefined;

console.log('payee: synthesizing the CDK app and bundling each Lambda function with esbuild (a minute or two the first time)...');
const started = Date.now();
const progress = (step: string, ms: number) => console.log(`payee: ${step.padEnd(48, ' ')} ${(ms / 1000).toFixed(1).padStart(5)} s`);
let local;
let site;
try {
  local = await startLocalStack({ basePort, host: '127.0.0.1', stateDir, dataDir, progress, verbose: process.env.PAYEE_VERBOSE === '1' });
  // The status page's numbers: the canary's round trip per channel, now and every minute.
  const canary = await step('the canary (a test merchant, a round trip per channel each minute)', () =>
    startCanary(local!.target, { intervalMs: 60_000, onError: (err) => console.error(`payee: canary: ${err.message}`) }), progress);
  const members = await step('the member API (mails in the outbox at /dev/outbox)', () => startMembers(local!.target, { outboxDir: `${stateDir}/outbox` }), progress);
  // The gateway runs without its website: a site that does not build is reported, not fatal.
  site = await startSite({ host: '127.0.0.1', port: basePort + 30, progress, members, json: { '/status.json': () => statusReport(canary.store, { merchant: members.merchant }) } }).catch((err: Error) => {
    console.error(`payee: the website is not served: ${err.message}`);
    return undefined;
  });
} catch (err) {
  const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE' || /already in use/.test((err as Error).message);
  console.error(`payee: could not start: ${(err as Error).message}`);
  if (inUse) console.error(`payee: is another \`npm start\` running? PAYEE_PORT=${basePort + 1000} npm start moves every port.`);
  process.exit(1);
}
const { target } = local;
console.log(`
payee is running (${((Date.now() - started) / 1000).toFixed(1)} s)

  API         ${target.apiUrl}
  website     ${site ? `${site.url}/  (中文 ${site.url}/zh/)  status ${site.url}/status.html, ${site.url}/status.json
              members ${site.url}/members/signup.html  mail outbox ${site.url}/dev/outbox` : 'not served (see above)'}
  API key     ${target.demo.apiKey}
  sandboxes   alipay ${target.sandbox!.alipay.url}  wechat ${target.sandbox!.wechat!.url}
              unionpay ${target.sandbox!.unionpay!.url}  paypal ${target.sandbox!.paypal!.url}

  export PAYEE_URL=${target.apiUrl} PAYEE_KEY=${target.demo.apiKey}
  curl -s -X POST "$PAYEE_URL/v1/payments" -H "x-api-key: $PAYEE_KEY" -H 'content-type: application/json' \\
    -d '{"method":"alipay.qr","outTradeNo":"A1001","subject":"T-shirt","amount":1999,"currency":"CNY"}'

  Endpoints, keys and key files: ${stateDir}/local.json. Ctrl-C stops everything.
  ${dataDir ? `Payments and configs are kept in ${dataDir} (DynamoDB Local); queued messages, sandbox trades and API keys are not.` : 'Everything is in memory and gone at Ctrl-C; PAYEE_DATA_DIR=<dir> npm start keeps the table.'}
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\npayee: stopping...');
    await site?.close();
    await local.stop();
    process.exit(0);
  });
}
