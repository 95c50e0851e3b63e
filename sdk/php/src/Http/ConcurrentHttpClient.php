<?php

declare(strict_types=1);

namespace Payee\Http;

use Payee\Exception\ConnectionException;

/**
 * An HttpClient that can keep several requests in flight (PayeeClient::concurrently). Without it,
 * concurrently() still runs every task, one request at a time.
 */
interface ConcurrentHttpClient extends HttpClient
{
    /** Starts sending `$request`; its outcome comes back from poll() under `$key`. */
    public function start(HttpRequest $request, int $key): void;

    /**
     * Waits up to `$timeout` seconds for requests to finish.
     *
     * @return array<int, HttpResponse|ConnectionException> the finished ones by key (none on a timeout)
     */
    public function poll(float $timeout): array;
}
