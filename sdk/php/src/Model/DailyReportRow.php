<?php

declare(strict_types=1);

namespace Payee\Model;

/** One China day (UTC+8) and one value of the report's dimension. */
final class DailyReportRow extends Model
{
    public function __construct(
        public readonly string $day,
        /** The channel, method, payId or currency of this row. */
        public readonly string $group,
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
