/**
 * Folds a statement's rows (one per trade paid and one per refund made that day) into one line per
 * payment, as the channel interface gives them (StatementLine).
 */
import type { StatementLine } from '../channels/channel.ts';

export class StatementLines {
  readonly #lines = new Map<string, StatementLine>();

  constructor(private readonly currency: string) {}

  #line(payNo: string, providerTradeNo: string, at: Date): StatementLine {
    let line = this.#lines.get(payNo);
    if (!line) {
      line = { payNo, providerTradeNo, currency: this.currency, status: 'SUCCEEDED', refundedAmount: 0, at: at.toISOString() };
      this.#lines.set(payNo, line);
    }
    if (line.providerTradeNo !== providerTradeNo) throw new Error(`statement: ${payNo} has two provider trades`);
    return line;
  }

  /** The trade row: the buyer paid `amount` (minor units) at `at`. */
  paid(payNo: string, providerTradeNo: string, amount: number, at: Date): void {
    const line = this.#line(payNo, providerTradeNo, at);
    if (line.amount !== undefined) throw new Error(`statement: ${payNo} has two trade rows`);
    line.amount = amount;
    line.at = at.toISOString();
  }

  /** A refund row of `amount` minor units. */
  refunded(payNo: string, providerTradeNo: string, amount: number, at: Date): void {
    this.#line(payNo, providerTradeNo, at).refundedAmount += amount;
  }

  lines(): StatementLine[] {
    return [...this.#lines.values()].map((line) => ({
      ...line,
      // Only a trade row gives the amount: a refund of a trade paid on another day cannot say it was all of it.
      status: line.amount !== undefined && line.refundedAmount >= line.amount ? 'REFUNDED' : 'SUCCEEDED',
    }));
  }
}
