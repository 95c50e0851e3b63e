<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Model\Model;
use Payee\Model\ReconciliationList;
use Payee\RequestOptions;

final class Reports extends Service
{
    /** The statement reconciliation reports of one day (yyyy-mm-dd). */
    public function reconciliation(string $day, ?string $payId = null, ?string $companyId = null, RequestOptions|array|null $options = null): ReconciliationList
    {
        $query = ['day' => $day, 'payId' => $payId, 'companyId' => $companyId];
        return Model::fromAnswer(ReconciliationList::class, $this->transport->request('GET', '/v1/reports/reconciliation', $query, null, RequestOptions::of($options)));
    }
}
