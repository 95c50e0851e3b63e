<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Model\DailyReport;
use Payee\Model\Model;
use Payee\Model\ReconciliationList;
use Payee\Model\ReportGroupBy;
use Payee\RequestOptions;

final class Reports extends Service
{
    /** The statement reconciliation reports of one day (yyyy-mm-dd). */
    public function reconciliation(string $day, ?string $payId = null, ?string $companyId = null, RequestOptions|array|null $options = null): ReconciliationList
    {
        $query = ['day' => $day, 'payId' => $payId, 'companyId' => $companyId];
        return Model::fromAnswer(ReconciliationList::class, $this->transport->request('GET', '/v1/reports/reconciliation', $query, null, RequestOptions::of($options)));
    }

    /**
     * Payment figures per China day (UTC+8) from `$from` to `$to` (yyyy-mm-dd, both included, at
     * most 31 days), one row per day, channel (or method, payId, currency) and currency: amounts are
     * never summed across currencies.
     */
    public function daily(string $from, string $to, ReportGroupBy|string|null $groupBy = null, ?string $companyId = null, RequestOptions|array|null $options = null): DailyReport
    {
        $query = ['from' => $from, 'to' => $to, 'groupBy' => $groupBy instanceof ReportGroupBy ? $groupBy->value : $groupBy, 'companyId' => $companyId];
        return Model::fromAnswer(DailyReport::class, $this->transport->request('GET', '/v1/reports/daily', $query, null, RequestOptions::of($options)));
    }
}
