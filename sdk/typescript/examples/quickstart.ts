/**
 * The quickstart: against `npm start` (PAYEE_URL and PAYEE_KEY as it prints them), create a
 * payment, wait while the buyer pays it (in another terminal: `npm run sandbox -- pay <payNo>`),
 * refund part of it, and list the payments.
 */
import { Payee, WaitTimeoutError } from '../src/index.ts';

const payee = new Payee({ baseUrl: process.env.PAYEE_URL ?? 'http://127.0.0.1:4010/live', apiKey: process.env.PAYEE_KEY ?? '' });

const payment = await payee.payments.create({ method: 'alipay.qr', outTradeNo: `A${Date.now()}`, subject: 'T-shirt', amount: 1999, currency: 'CNY' });
console.log(`${payment.payNo} ${payment.status}: show the buyer ${payment.action?.type} ${JSON.stringify(payment.action?.value)}`);
console.log(`pay it: npm run sandbox -- pay ${payment.payNo}`);

try {
  const paid = await payee.payments.waitFor(payment.payNo, ['SUCCEEDED', 'CLOSED', 'FAILED'], { maxWaitMs: 120_000 });
  console.log(`${paid.payNo} ${paid.status} at ${paid.paidAt}`);
  const refund = await payee.payments.refundAndWait(paid.payNo, { amount: 500, reason: 'size exchange' });
  console.log(`refund ${refund.refundNo} ${refund.status}`);
} catch (error) {
  if (!(error instanceof WaitTimeoutError)) throw error;
  console.log(`nobody paid within two minutes: ${error.message}`);
}

for await (const p of payee.payments.listAll({ limit: 20 })) console.log(p.payNo, p.status, p.amount, p.currency);
