package dev.payee.model;

/**
 * One China day (UTC+8), one value of the report's groupBy and one currency.
 *
 * @param currency      ISO 4217: every amount of the row is in it; a group paid in two currencies
 *                      has a row for each, amounts are never summed across currencies
 * @param successRate   succeeded / created; null on a day without creates
 * @param averageTicket succeeded amount / succeeded count, minor units; null without successes
 */
public record DailyReportRow(
    String day,
    String group,
    String currency,
    Tally created,
    Tally succeeded,
    Tally closed,
    Tally failed,
    Tally refunded,
    Double successRate,
    Long averageTicket,
    Timing timeToPay,
    Timing callbackLatency) {}
