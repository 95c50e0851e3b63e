/**
 * Statement reconciliation against history: one config's day with 1,000 paid payments, timed with
 * only those in the table and again with 49,000 more of the same config (paid on the days before,
 * which the reconciliation once read). The statement is the day's 1,000 lines, all agreeing, so the
 * time is the table side's. The payments are written straight into DynamoDB, as the store keeps
 * them, by BatchWriteItem: creating 50,000 through the API would take the bench's whole budget.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Channel, StatementLine } from '../lib/channels/channel.ts';
import type { PayConfig, Payment } from '../lib/domain/payment.ts';
import { chinaDayOf, chinaDayWindow } from '../lib/statements/china-day.ts';
import { flowsOfPayments } from '../lib/ledger/ledger-store.ts';
import { reconcileConfig } from '../lib/statements/reconcile-statement.ts';
import { paidDayIndex, paymentKey } from '../lib/store/dynamodb/keys.ts';
import { DynamoPaymentStore } from '../lib/store/dynamodb/payment-store.ts';
import type { Target } from '../infra/local/target.ts';
import { pool } from './pool.ts';

const DAY = '2026-11-24';
const PAID_ON_DAY = 1000;
const HISTORY = 49_000;

function paidPayment(payConfig: PayConfig, n: number, paidAt: Date): Payment {
  const at = paidAt.toISOString();
  return {
    payNo: `PBENCH${payConfig.payId}${String(n).padStart(8, '0')}`, companyId: payConfig.companyId, payId: payConfig.payId,
    channel: 'alipay', method: 'alipay.qr', outTradeNo: `S${n}`, subject: 'bench', amount: 1999, orderAmount: 1999, currency: 'CNY',
    status: 'SUCCEEDED', refundableAmount: 1999, version: 3, expiresAt: at, createdAt: at, updatedAt: at, paidAt: at,
  };
}

const itemOf = (p: Payment) => ({ ...paymentKey(p.payNo), entity: 'payment', ...paidDayIndex(p.payId, chinaDayOf(new Date(p.paidAt!)), p.paidAt!, p.payNo), ...p });

export async function benchStatements(target: Target, companyId: string): Promise<{ smallMs: number; largeMs: number }> {
  // The library's store, pointed at the local table from this process.
  process.env.TABLE_NAME = target.tableName;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = target.endpoints!.dynamodb;
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.AWS_REGION ??= target.region;
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: target.region, endpoint: target.endpoints!.dynamodb, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const write = async (payments: Payment[]) => {
    const chunks = Array.from({ length: Math.ceil(payments.length / 25) }, (_, i) => payments.slice(i * 25, i * 25 + 25));
    await pool(chunks.length, 8, async (i) => {
      let pending: Record<string, any>[] = chunks[i]!.map((p) => ({ PutRequest: { Item: itemOf(p) } }));
      while (pending.length) {
        const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { [target.tableName]: pending } }));
        pending = UnprocessedItems?.[target.tableName] ?? [];
      }
    });
  };

  const payConfig: PayConfig = { payId: `cfg_stmt${Date.now()}`, companyId, channel: 'alipay', status: 'ACTIVE', config: {} };
  const window = chinaDayWindow(DAY);
  const today = Array.from({ length: PAID_ON_DAY }, (_, n) => paidPayment(payConfig, n, new Date(window.from.getTime() + n * 60_000)));
  const lines: StatementLine[] = today.map((p) => ({ payNo: p.payNo, providerTradeNo: `T${p.payNo}`, amount: p.amount, currency: p.currency, status: 'SUCCEEDED', refundedAmount: 0, at: p.paidAt! }));
  const channel = { name: 'alipay', configSchema: { safeParse: (c: unknown) => ({ success: true, data: c }) }, statement: async () => lines } as unknown as Channel<unknown>;
  const deps = {
    configs: { getPayConfig: async () => payConfig, activePayConfigs: async () => [payConfig] },
    payments: new DynamoPaymentStore(),
    reports: { replaceReport: async () => undefined, reportsOf: async () => [] },
    ledgerFlows: flowsOfPayments,
    http: async () => ({ status: 500, headers: {}, body: '' }),
    providerTimeoutMs: 1000,
    now: () => new Date(),
  };
  const timed = async () => {
    const started = performance.now();
    const report = await reconcileConfig(deps, channel, payConfig, DAY);
    if (report.localPayments !== PAID_ON_DAY || report.differences !== 0) throw new Error(`reconciliation found ${report.localPayments} paid, ${report.differences} differences`);
    return performance.now() - started;
  };

  await write(today);
  await timed(); // warm: the first run pays the JIT on both sides
  const smallMs = await timed();
  // The 8 days before, as the reconciliation once read them: paid then, of the same config.
  await write(Array.from({ length: HISTORY }, (_, n) => paidPayment(payConfig, PAID_ON_DAY + n, new Date(window.from.getTime() - 1 - n * ((8 * 86_400_000) / HISTORY)))));
  const largeMs = await timed();
  return { smallMs, largeMs };
}
