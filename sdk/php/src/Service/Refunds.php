<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Model\CreateRefundRequest;
use Payee\Model\Model;
use Payee\Model\Refund;
use Payee\Model\RefundList;
use Payee\RequestOptions;

final class Refunds extends Service
{
    /**
     * Refunds part or all of a paid payment: SUCCEEDED, PROCESSING (outcome later), FAILED or PENDING.
     *
     * @param CreateRefundRequest|array<string, mixed> $params
     */
    public function create(string $payNo, CreateRefundRequest|array $params, RequestOptions|array|null $options = null): Refund
    {
        $body = CreateRefundRequest::of($params);
        return Model::fromAnswer(Refund::class, $this->transport->request('POST', self::paymentPath($payNo, '/refunds'), [], $body, RequestOptions::of($options)));
    }

    public function list(string $payNo, RequestOptions|array|null $options = null): RefundList
    {
        return Model::fromAnswer(RefundList::class, $this->transport->request('GET', self::paymentPath($payNo, '/refunds'), [], null, RequestOptions::of($options)));
    }
}
