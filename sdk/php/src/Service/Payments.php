<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Exception\WaitTimeoutException;
use Payee\Model\CreatePaymentRequest;
use Payee\Model\CreateRefundRequest;
use Payee\Model\Model;
use Payee\Model\Payment;
use Payee\Model\PaymentEventList;
use Payee\Model\PaymentList;
use Payee\Model\PaymentStatus;
use Payee\Model\Refund;
use Payee\Model\RefundStatus;
use Payee\Model\SyncResult;
use Payee\RequestOptions;

/** Payments: create, read, list, close, sync, and the waiters. */
final class Payments extends Service
{
    /** Statuses a payment does not leave by itself (a refund may still move a paid one on). */
    public const FINAL_STATUSES = [PaymentStatus::Succeeded, PaymentStatus::PartiallyRefunded, PaymentStatus::Refunded, PaymentStatus::Closed, PaymentStatus::Failed];

    /**
     * Creates a payment: PENDING with the `action` to show the buyer, or FAILED with the provider's reason.
     *
     * @param CreatePaymentRequest|array<string, mixed> $params
     * @param RequestOptions|array<string, mixed>|null $options `idempotencyKey` to make your own retries safe
     */
    public function create(CreatePaymentRequest|array $params, RequestOptions|array|null $options = null): Payment
    {
        $body = CreatePaymentRequest::of($params);
        return Model::fromAnswer(Payment::class, $this->transport->request('POST', '/v1/payments', [], $body, RequestOptions::of($options)));
    }

    public function get(string $payNo, RequestOptions|array|null $options = null): Payment
    {
        return Model::fromAnswer(Payment::class, $this->transport->request('GET', self::paymentPath($payNo), [], null, RequestOptions::of($options)));
    }

    /** The payment for your order number, or null when there is none. */
    public function getByOutTradeNo(string $outTradeNo, ?string $companyId = null, RequestOptions|array|null $options = null): ?Payment
    {
        $page = $this->transport->request('GET', '/v1/payments', ['outTradeNo' => $outTradeNo, 'companyId' => $companyId], null, RequestOptions::of($options));
        return Model::fromAnswer(PaymentList::class, $page)->data[0] ?? null;
    }

    /**
     * One page, newest first; `nextCursor` is set when more follow.
     *
     * @param string|null $createdFrom ISO 8601, inclusive (at most 366 days before $createdTo)
     */
    public function list(
        ?int $limit = null,
        ?string $cursor = null,
        ?string $createdFrom = null,
        ?string $createdTo = null,
        ?string $companyId = null,
        RequestOptions|array|null $options = null,
    ): PaymentList {
        $query = ['limit' => $limit, 'cursor' => $cursor, 'createdFrom' => $createdFrom, 'createdTo' => $createdTo, 'companyId' => $companyId];
        return Model::fromAnswer(PaymentList::class, $this->transport->request('GET', '/v1/payments', $query, null, RequestOptions::of($options)));
    }

    /**
     * Every payment the parameters select, page after page as the loop goes:
     * `foreach ($payee->payments->listAll(limit: 100) as $payment)`.
     *
     * @return \Generator<int, Payment>
     */
    public function listAll(
        ?int $limit = null,
        ?string $createdFrom = null,
        ?string $createdTo = null,
        ?string $companyId = null,
        RequestOptions|array|null $options = null,
    ): \Generator {
        $cursor = null;
        do {
            $page = $this->list($limit, $cursor, $createdFrom, $createdTo, $companyId, $options);
            yield from $page->data;
            $cursor = $page->nextCursor;
        } while ($cursor !== null);
    }

    /** The payment's audit trail: each provider event payee accepted, oldest first. */
    public function events(string $payNo, RequestOptions|array|null $options = null): PaymentEventList
    {
        return Model::fromAnswer(PaymentEventList::class, $this->transport->request('GET', self::paymentPath($payNo, '/events'), [], null, RequestOptions::of($options)));
    }

    /** Closes an unpaid payment: CLOSED, or SUCCEEDED when the buyer paid meanwhile. */
    public function close(string $payNo, RequestOptions|array|null $options = null): Payment
    {
        return Model::fromAnswer(Payment::class, $this->transport->request('POST', self::paymentPath($payNo, '/close'), [], null, RequestOptions::of($options)));
    }

    /** Asks the provider now; what it says is applied asynchronously (follow with waitFor). */
    public function sync(string $payNo, RequestOptions|array|null $options = null): SyncResult
    {
        return Model::fromAnswer(SyncResult::class, $this->transport->request('POST', self::paymentPath($payNo, '/sync'), [], null, RequestOptions::of($options)));
    }

    /**
     * Creates the payment, then follows it until it reaches one of `$statuses` (default: any final
     * one). The deadline counts from the call. Seconds throughout.
     *
     * @param list<PaymentStatus|string>|null $statuses
     * @throws WaitTimeoutException with `last`, the payment last seen
     */
    public function createAndWait(
        CreatePaymentRequest|array $params,
        ?array $statuses = null,
        float $maxWait = 60.0,
        float $minDelay = 0.5,
        float $maxDelay = 5.0,
        RequestOptions|array|null $options = null,
    ): Payment {
        $wanted = self::statuses($statuses ?? self::FINAL_STATUSES);
        $deadline = $this->transport->clock->now() + $maxWait;
        $created = $this->create($params, $options);
        return $this->poll(fn () => $this->get($created->payNo), fn (Payment $p) => in_array($p->status, $wanted, true), $deadline, $maxWait, $minDelay, $maxDelay, $created);
    }

    /**
     * Follows a payment until it reaches one of `$statuses`.
     *
     * @param list<PaymentStatus|string> $statuses
     * @throws WaitTimeoutException with `last`, the payment last seen
     */
    public function waitFor(string $payNo, array $statuses, float $maxWait = 60.0, float $minDelay = 0.5, float $maxDelay = 5.0): Payment
    {
        $wanted = self::statuses($statuses);
        $deadline = $this->transport->clock->now() + $maxWait;
        return $this->poll(fn () => $this->get($payNo), fn (Payment $p) => in_array($p->status, $wanted, true), $deadline, $maxWait, $minDelay, $maxDelay);
    }

    /**
     * Refunds, then follows the refund until SUCCEEDED or FAILED.
     *
     * @param CreateRefundRequest|array<string, mixed> $params
     * @throws WaitTimeoutException with `last`, the refund last seen
     */
    public function refundAndWait(
        string $payNo,
        CreateRefundRequest|array $params,
        float $maxWait = 60.0,
        float $minDelay = 0.5,
        float $maxDelay = 5.0,
        RequestOptions|array|null $options = null,
    ): Refund {
        $refunds = new Refunds($this->transport);
        $deadline = $this->transport->clock->now() + $maxWait;
        $created = $refunds->create($payNo, $params, $options);
        $read = static function () use ($refunds, $payNo, $created): Refund {
            foreach ($refunds->list($payNo)->data as $refund) {
                if ($refund->refundNo === $created->refundNo) {
                    return $refund;
                }
            }
            return $created;
        };
        $final = [RefundStatus::Succeeded, RefundStatus::Failed];
        return $this->poll($read, fn (Refund $r) => in_array($r->status, $final, true), $deadline, $maxWait, $minDelay, $maxDelay, $created);
    }

    /**
     * Polls from `$minDelay` doubling (× 0.5..1 jitter) up to `$maxDelay`, until `$done` or the deadline.
     *
     * @template T of Payment|Refund
     * @param callable(): T $read
     * @param callable(T): bool $done
     * @param T|null $first
     * @return T
     */
    private function poll(callable $read, callable $done, float $deadline, float $maxWait, float $minDelay, float $maxDelay, Payment|Refund|null $first = null): Payment|Refund
    {
        if ($maxWait <= 0 || $minDelay <= 0 || $maxDelay < $minDelay) {
            throw new \InvalidArgumentException('payee: a waiter needs maxWait > 0 and 0 < minDelay <= maxDelay');
        }
        $clock = $this->transport->clock;
        $last = $first ?? $read();
        for ($attempt = 0; !$done($last); $attempt++) {
            $left = $deadline - $clock->now();
            if ($left <= 0) {
                $what = $last instanceof Payment ? "payment {$last->payNo}" : "refund {$last->refundNo}";
                throw new WaitTimeoutException("payee: $what still {$last->status->value} after {$maxWait} s", $last);
            }
            $delay = min($maxDelay, $minDelay * 2 ** $attempt) * (0.5 + mt_rand() / mt_getrandmax() / 2);
            $this->transport->scheduler->sleep($clock, min($delay, $left));
            $last = $read();
        }
        return $last;
    }

    /** @return list<PaymentStatus> */
    private static function statuses(array $statuses): array
    {
        if ($statuses === []) {
            throw new \InvalidArgumentException('payee: name at least one status to wait for');
        }
        return array_map(static fn ($s) => $s instanceof PaymentStatus ? $s : PaymentStatus::from($s), array_values($statuses));
    }
}
