<?php

declare(strict_types=1);

namespace Payee\Model;

/** The dimension a daily report has one row per day and value of. */
enum ReportGroupBy: string
{
    case Channel = 'channel';
    case Method = 'method';
    case PayId = 'payId';
    case Currency = 'currency';
}
