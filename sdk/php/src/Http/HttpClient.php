<?php

declare(strict_types=1);

namespace Payee\Http;

use Payee\Exception\ConnectionException;

/**
 * What the SDK sends its requests with. CurlHttpClient is the default; implement this to send
 * through your own stack (a proxy, PSR-18, recorded answers in your tests).
 */
interface HttpClient
{
    /**
     * Any answer the server gave (4xx and 5xx too).
     *
     * @throws ConnectionException when there was no answer (refused, dropped, timed out)
     */
    public function send(HttpRequest $request): HttpResponse;
}
