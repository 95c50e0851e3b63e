// Child process of the bench (bench/direct-creates.ts): imports the CreatePayment bundle, the very
// code Lambda runs, and calls its handler `count` times, `concurrency` at a time, with the event
// API Gateway would give it. What it costs beside the same creates through the local HTTP API is
// what the API Gateway and Lambda emulation cost. Tells its parent when it is warm, and when it is
// done the CPU time it used; exits non-zero on a failed create.
const [file, count, concurrency, warm, companyId, domainName] = process.argv.slice(2);
const { handler } = await import(file);

const event = (i) => {
  const body = JSON.stringify({ method: 'alipay.qr', outTradeNo: `D${process.pid}-${i}`, subject: 'bench', amount: 1999, currency: 'CNY' });
  const headers = { 'content-type': 'application/json', 'Idempotency-Key': `direct-${process.pid}-${i}`, Host: domainName, 'X-Forwarded-Proto': 'http' };
  return {
    resource: '/v1/payments',
    path: '/v1/payments',
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      resourcePath: '/v1/payments',
      httpMethod: 'POST',
      path: '/local/v1/payments',
      stage: 'local',
      domainName,
      requestId: `direct-${i}`,
      identity: { sourceIp: '127.0.0.1' },
      authorizer: { companyId },
    },
    body,
    isBase64Encoded: false,
  };
};
const context = (i) => ({
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: '$LATEST',
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
  awsRequestId: `direct-${i}`,
  getRemainingTimeInMillis: () => 30_000,
});

let next = 0;
const run = (total) =>
  Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      for (let i = next++; i < total; i = next++) {
        const reply = await handler(event(i), context(i));
        if (reply.statusCode !== 201) throw new Error(`create answered ${reply.statusCode}: ${reply.body}`);
      }
    }),
  );
const message = () => new Promise((resolve) => process.once('message', resolve));
// The first round warms the JIT, as the emulator's workers are warm when they are measured.
await run(Number(warm));
process.send('warm');
await message();
const cpu = process.cpuUsage();
await run(Number(warm) + Number(count));
const used = process.cpuUsage(cpu);
process.send({ cpuMs: (used.user + used.system) / 1000 });
await message();
process.disconnect();
