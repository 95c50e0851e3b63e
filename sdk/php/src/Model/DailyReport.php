<?php

declare(strict_types=1);

namespace Payee\Model;

/** Payment figures per China day from `from` to `to` (at most 31 days), one row per day, group and currency. */
final class DailyReport extends Model
{
    public function __construct(
        public readonly string $from,
        public readonly string $to,
        public readonly ReportGroupBy $groupBy,
        /** @var list<DailyReportRow> */
        #[ListOf(DailyReportRow::class)]
        public readonly array $data,
    ) {
    }
}
