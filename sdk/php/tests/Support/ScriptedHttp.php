<?php

declare(strict_types=1);

namespace Payee\Tests\Support;

use Payee\Exception\ConnectionException;
use Payee\Http\HttpClient;
use Payee\Http\HttpRequest;
use Payee\Http\HttpResponse;

/** Answers each request with the next scripted answer, and keeps the requests it saw. */
final class ScriptedHttp implements HttpClient
{
    /** @var list<HttpRequest> */
    public array $requests = [];

    /** @param list<HttpResponse|ConnectionException|callable(HttpRequest): HttpResponse> $answers */
    public function __construct(private array $answers)
    {
    }

    public static function json(int $status, mixed $body, array $headers = []): HttpResponse
    {
        return new HttpResponse($status, $headers + ['content-type' => 'application/json'], json_encode($body));
    }

    public function send(HttpRequest $request): HttpResponse
    {
        $this->requests[] = $request;
        $answer = array_shift($this->answers) ?? throw new \LogicException("no answer scripted for {$request->method} {$request->url}");
        if ($answer instanceof ConnectionException) {
            throw $answer;
        }
        return is_callable($answer) ? $answer($request) : $answer;
    }
}
