<?php

declare(strict_types=1);

namespace Payee\Model;

/** One China day (UTC+8), one value of the report's dimension and one currency. */
final class DailyReportRow extends Model
{
    public function __construct(
        public readonly string $day,
        /** The channel, method, payId or currency of this row. */
        public readonly string $group,
        /** ISO 4217: every amount of the row is in it; a group paid in two currencies has a row for each. */
        public readonly string $currency,
        public readonly Tally $created,
        public readonly Tally $succeeded,
        public readonly Tally $closed,
        public readonly Tally $failed,
        public readonly Tally $refunded,
        public readonly Latency $timeToPay,
        public readonly Latency $callbackLatency,
        public readonly ?float $successRate = null,
        public readonly ?int $averageTicket = null,
    ) {
    }
}
