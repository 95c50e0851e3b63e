package dev.payee.model;

/**
 * One China day (UTC+8) and one value of the report's groupBy.
 *
 * @param successRate   succeeded / created; null on a day without creates
 * @param averageTicket succeeded amount / succeeded count, minor units; null without successes
 */
public record DailyReportRow(
    String day,
    String group,
    Tally created,
    Tally succeeded,
    Tally closed,
    Tally failed,
    Tally refunded,
    Double successRate,
    Long averageTicket,
    Timing timeToPay,
    Timing callbackLatency) {}
