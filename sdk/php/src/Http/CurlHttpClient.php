<?php

declare(strict_types=1);

namespace Payee\Http;

use Payee\Exception\ConnectionException;

/**
 * ext-curl: one handle for blocking calls and a curl_multi handle for concurrent ones, each
 * keeping its connections alive between requests.
 */
final class CurlHttpClient implements ConcurrentHttpClient
{
    private ?\CurlHandle $handle = null;
    private ?\CurlMultiHandle $multi = null;
    /** @var list<\CurlHandle> finished handles of the multi, kept for reuse */
    private array $idle = [];
    /** @var array<int, array{key: int, handle: \CurlHandle, request: HttpRequest, headers: \ArrayObject<string, string>}> by handle id */
    private array $inFlight = [];

    /**
     * @param array<int, mixed> $curlOptions more CURLOPT_* settings for every request (a proxy, CA file, ...)
     * @param float $connectTimeout seconds
     */
    public function __construct(private readonly array $curlOptions = [], private readonly float $connectTimeout = 30.0)
    {
    }

    public function send(HttpRequest $request): HttpResponse
    {
        if ($this->handle === null) {
            $this->handle = curl_init();
        } else {
            curl_reset($this->handle); // keeps the connection cache
        }
        $headers = new \ArrayObject();
        $this->prepare($this->handle, $request, $headers);
        $body = curl_exec($this->handle);
        return $this->outcome($this->handle, $request, $headers, $body === false ? null : (string) $body);
    }

    public function start(HttpRequest $request, int $key): void
    {
        $this->multi ??= curl_multi_init();
        $handle = array_pop($this->idle);
        if ($handle === null) {
            $handle = curl_init();
        } else {
            curl_reset($handle);
        }
        $headers = new \ArrayObject();
        $this->prepare($handle, $request, $headers);
        $this->inFlight[spl_object_id($handle)] = ['key' => $key, 'handle' => $handle, 'request' => $request, 'headers' => $headers];
        curl_multi_add_handle($this->multi, $handle);
    }

    public function poll(float $timeout): array
    {
        if ($this->multi === null || $this->inFlight === []) {
            return [];
        }
        $done = $this->collect();
        if ($done === [] && curl_multi_select($this->multi, $timeout) === -1) {
            usleep(1000); // select had nothing to wait on yet
        }
        return $done === [] ? $this->collect() : $done;
    }

    /** @return array<int, HttpResponse|ConnectionException> */
    private function collect(): array
    {
        do {
            $status = curl_multi_exec($this->multi, $running);
        } while ($status === CURLM_CALL_MULTI_PERFORM);
        $done = [];
        while (($info = curl_multi_info_read($this->multi)) !== false) {
            $handle = $info['handle'];
            $flight = $this->inFlight[spl_object_id($handle)];
            unset($this->inFlight[spl_object_id($handle)]);
            $body = $info['result'] === CURLE_OK ? (string) curl_multi_getcontent($handle) : null;
            try {
                $done[$flight['key']] = $this->outcome($handle, $flight['request'], $flight['headers'], $body, $info['result']);
            } catch (ConnectionException $e) {
                $done[$flight['key']] = $e;
            }
            curl_multi_remove_handle($this->multi, $handle);
            $this->idle[] = $handle;
        }
        return $done;
    }

    /** @param \ArrayObject<string, string> $headers filled as the answer's headers arrive */
    private function prepare(\CurlHandle $handle, HttpRequest $request, \ArrayObject $headers): void
    {
        $lines = [];
        foreach ($request->headers as $name => $value) {
            $lines[] = "$name: $value";
        }
        $lines[] = 'Expect:'; // no 100-continue round trip before a POST body
        $options = [
            CURLOPT_URL => $request->url,
            CURLOPT_CUSTOMREQUEST => $request->method,
            CURLOPT_HTTPHEADER => $lines,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_NOSIGNAL => true,
            CURLOPT_TIMEOUT_MS => (int) ceil($request->timeout * 1000),
            CURLOPT_CONNECTTIMEOUT_MS => (int) ceil(min($this->connectTimeout, $request->timeout) * 1000),
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
            CURLOPT_HEADERFUNCTION => static function ($h, string $line) use ($headers): int {
                $colon = strpos($line, ':');
                if ($colon !== false) {
                    $headers[strtolower(trim(substr($line, 0, $colon)))] = trim(substr($line, $colon + 1));
                } elseif (str_starts_with($line, 'HTTP/')) {
                    $headers->exchangeArray([]); // a new status line: headers of an interim answer are dropped
                }
                return strlen($line);
            },
        ];
        if ($request->body !== null) {
            $options[CURLOPT_POSTFIELDS] = $request->body;
        }
        curl_setopt_array($handle, $this->curlOptions + $options);
    }

    /** @param \ArrayObject<string, string> $headers */
    private function outcome(\CurlHandle $handle, HttpRequest $request, \ArrayObject $headers, ?string $body, ?int $errno = null): HttpResponse
    {
        $errno ??= curl_errno($handle);
        if ($body === null || $errno !== 0) {
            $path = parse_url($request->url, PHP_URL_PATH);
            $reason = curl_strerror($errno) . (curl_error($handle) !== '' ? ' (' . curl_error($handle) . ')' : '');
            throw new ConnectionException("payee: {$request->method} $path failed: $reason", type: 'connection');
        }
        return new HttpResponse((int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE), $headers->getArrayCopy(), $body);
    }
}
