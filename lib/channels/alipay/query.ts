/** alipay.trade.query (PROTOCOLS.md §1.4): the trade's state, normalised. */
import * as z from 'zod/mini';
import type { ChannelCall, ProviderPayment } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { fromDecimalString } from '../../domain/money.ts';
import { describeReply, execute, signedRequest } from './client.ts';
import type { AlipayConfig } from './config.ts';
import { fromAlipayTime } from './time.ts';

const STATUS: Record<string, ProviderPayment['status']> = {
  WAIT_BUYER_PAY: 'PENDING',
  TRADE_SUCCESS: 'SUCCEEDED',
  TRADE_FINISHED: 'SUCCEEDED',
  TRADE_CLOSED: 'CLOSED',
};

const tradeSchema = z.looseObject({
  trade_status: z.string(),
  trade_no: z.optional(z.string()),
  total_amount: z.optional(z.string()),
  send_pay_date: z.optional(z.string()),
});

export async function query(call: ChannelCall<AlipayConfig>, payment: { payNo: string }): Promise<ProviderPayment> {
  const reply = await execute(call, signedRequest(call, 'alipay.trade.query', { out_trade_no: payment.payNo }));
  if (reply.code !== '10000') {
    // A QR nobody has scanned yet is no trade at Alipay: query says ACQ.TRADE_NOT_EXIST (channel.ts, NOT_FOUND).
    if (reply.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'NOT_FOUND' };
    throw new ProviderUnavailable(`alipay.trade.query: ${describeReply(reply)}`);
  }
  const trade = tradeSchema.safeParse(reply);
  let status = trade.success ? STATUS[trade.data.trade_status] : undefined;
  if (!trade.success || !status) throw new ProviderUnavailable('alipay.trade.query: unexpected trade in reply');
  const { trade_no, total_amount, send_pay_date, trade_status } = trade.data;
  // TRADE_CLOSED is also a fully refunded trade (§1.4); one that has a payment date was paid.
  if (status === 'CLOSED' && send_pay_date !== undefined) status = 'REFUNDED';
  const amount = total_amount === undefined ? undefined : fromDecimalString(total_amount, 'CNY');
  const paidAt = send_pay_date === undefined ? undefined : fromAlipayTime(send_pay_date);
  if ((total_amount !== undefined && amount === undefined) || (send_pay_date !== undefined && !paidAt)) {
    throw new ProviderUnavailable('alipay.trade.query: malformed total_amount or send_pay_date');
  }
  return { status, providerTradeNo: trade_no, amount, currency: 'CNY', paidAt, providerStatus: trade_status };
}
