<?php

/**
 * The PHP SDK's conformance adapter (sdk/CONTRIBUTING.md): reads one JSON request per line on
 * stdin, makes the SDK call it names, writes the result or the SDK's error as one JSON line on
 * stdout. Only the SDK's public API is used. Two call styles: "sync" (a blocking call, the
 * default) and "concurrent" (the same call as a task of PayeeClient::concurrently, in a Fiber
 * driven by curl_multi).
 */

declare(strict_types=1);

require __DIR__ . '/../src/autoload.php';

use Payee\Exception\PayeeException;
use Payee\Exception\WaitTimeoutException;
use Payee\PayeeClient;
use Payee\Webhook;

/** @var array<string, PayeeClient> $clients */
$clients = [];
/** @var array<string, array{baseUrl: string, apiKey: string}> $settings what each client was configured with (the benchmark's raw GETs) */
$settings = [];

function json(mixed $value): mixed
{
    return $value instanceof JsonSerializable ? $value->jsonSerialize() : $value;
}

function wait(array $a): array
{
    $out = [];
    foreach (['maxWaitMs' => 'maxWait', 'minDelayMs' => 'minDelay', 'maxDelayMs' => 'maxDelay'] as $from => $to) {
        if (isset($a[$from])) {
            $out[$to] = $a[$from] / 1000;
        }
    }
    return $out;
}

function options(array $a): array
{
    return isset($a['idempotencyKey']) ? ['idempotencyKey' => $a['idempotencyKey']] : [];
}

/** `$calls` runs of `$task` through curl_multi, `$concurrency` in flight, each handle kept alive: milliseconds. */
function rawTimed(int $calls, int $concurrency, string $url, string $apiKey): float
{
    $multi = curl_multi_init();
    $handles = [];
    for ($i = 0; $i < min($concurrency, $calls); $i++) {
        $h = curl_init($url);
        curl_setopt_array($h, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HTTPHEADER => ["x-api-key: $apiKey"]]);
        $handles[] = $h;
    }
    $started = hrtime(true);
    $sent = 0;
    foreach ($handles as $h) {
        curl_multi_add_handle($multi, $h);
        $sent++;
    }
    $done = 0;
    while ($done < $calls) {
        curl_multi_exec($multi, $running);
        while (($info = curl_multi_info_read($multi)) !== false) {
            $h = $info['handle'];
            if (curl_getinfo($h, CURLINFO_RESPONSE_CODE) !== 200) {
                throw new RuntimeException('raw GET answered ' . curl_getinfo($h, CURLINFO_RESPONSE_CODE) . ' ' . curl_error($h));
            }
            json_decode((string) curl_multi_getcontent($h), true, 512, JSON_THROW_ON_ERROR);
            $done++;
            curl_multi_remove_handle($multi, $h);
            if ($sent < $calls) {
                curl_multi_add_handle($multi, $h);
                $sent++;
            }
        }
        if ($done < $calls && curl_multi_select($multi, 1.0) === -1) {
            usleep(100);
        }
    }
    $ms = (hrtime(true) - $started) / 1e6;
    foreach ($handles as $h) {
        curl_close($h);
    }
    curl_multi_close($multi);
    return $ms;
}

function sdkTimed(PayeeClient $payee, int $calls, int $concurrency, string $payNo): float
{
    $started = hrtime(true);
    $payee->concurrently(array_fill(0, $calls, static fn () => $payee->payments->get($payNo)), $concurrency);
    return (hrtime(true) - $started) / 1e6;
}

function bench(array $a, PayeeClient $payee, array $setting): array
{
    $url = rtrim($setting['baseUrl'], '/') . '/v1/payments/' . rawurlencode($a['payNo']);
    [$calls, $concurrency, $rounds] = [$a['calls'], $a['concurrency'], $a['rounds']];
    rawTimed($concurrency * 4, $concurrency, $url, $setting['apiKey']);
    sdkTimed($payee, $concurrency * 4, $concurrency, $a['payNo']);
    $rawMs = $sdkMs = 0.0;
    for ($round = 0; $round < $rounds; $round++) {
        $share = intdiv($calls, $rounds) + ($round < $calls % $rounds ? 1 : 0);
        if ($round % 2 === 0) {
            $rawMs += rawTimed($share, $concurrency, $url, $setting['apiKey']);
        }
        $sdkMs += sdkTimed($payee, $share, $concurrency, $a['payNo']);
        if ($round % 2 === 1) {
            $rawMs += rawTimed($share, $concurrency, $url, $setting['apiKey']);
        }
    }
    return ['rawMs' => $rawMs, 'sdkMs' => $sdkMs, 'variant' => 'concurrent (Fibers, curl_multi)'];
}

function call(string $op, array $a, PayeeClient $c): mixed
{
    return match ($op) {
        'createPayment' => $c->payments->create($a['params'], options($a)),
        'getPayment' => $c->payments->get($a['payNo']),
        'listPayments' => $c->payments->list(...($a['params'] ?? [])),
        'listAllPayments' => array_map('json', iterator_to_array($c->payments->listAll(...($a['params'] ?? [])), false)),
        'getPaymentByOutTradeNo' => $c->payments->getByOutTradeNo($a['outTradeNo']),
        'listPaymentEvents' => $c->payments->events($a['payNo']),
        'closePayment' => $c->payments->close($a['payNo']),
        'syncPayment' => $c->payments->sync($a['payNo']),
        'createRefund' => $c->refunds->create($a['payNo'], $a['params'], options($a)),
        'listRefunds' => $c->refunds->list($a['payNo']),
        'listNotifications' => $c->notifications->list($a['payNo']),
        'resendNotification' => $c->notifications->resend($a['payNo']),
        'getReconciliation' => $c->reports->reconciliation(...$a['params']),
        'getDailyReport' => $c->reports->daily(...$a['params']),
        'getOpenApi' => $c->openapi(),
        'createGroup' => $c->groups->create($a['params'], options($a)),
        'getGroup' => $c->groups->get($a['groupNo']),
        'closeGroup' => $c->groups->close($a['groupNo']),
        'syncGroup' => $c->groups->sync($a['groupNo']),
        'listGroups' => $c->groups->list(...($a['params'] ?? [])),
        'listAllGroups' => array_map('json', iterator_to_array($c->groups->listAll(...($a['params'] ?? [])), false)),
        'createAccount' => $c->accounts->create($a['params'], options($a)),
        'getAccount' => $c->accounts->get($a['accountId']),
        'listAccounts' => $c->accounts->list(...($a['params'] ?? [])),
        'listAllAccounts' => array_map('json', iterator_to_array($c->accounts->listAll(...($a['params'] ?? [])), false)),
        'listAccountFlows' => $c->accounts->listFlows($a['accountId'], ...($a['params'] ?? [])),
        'listAllAccountFlows' => array_map('json', iterator_to_array($c->accounts->listAllFlows($a['accountId'], ...($a['params'] ?? [])), false)),
        'getAccountBalance' => $c->accounts->balance($a['accountId'], $a['at'] ?? null),
        'createAndWait' => $c->payments->createAndWait($a['params'], $a['statuses'] ?? null, ...wait($a), options: options($a)),
        'waitFor' => $c->payments->waitFor($a['payNo'], $a['statuses'], ...wait($a)),
        'refundAndWait' => $c->payments->refundAndWait($a['payNo'], $a['params'], ...wait($a), options: options($a)),
        default => throw new InvalidArgumentException("unknown op $op"),
    };
}

function run(string $op, array $a): mixed
{
    global $clients, $settings;
    $name = $a['client'] ?? 'default';
    unset($a['client']);
    if ($op === 'configure') {
        $clients[$name] = new PayeeClient(
            apiKey: $a['apiKey'],
            baseUrl: $a['baseUrl'],
            maxRetries: $a['maxRetries'] ?? 2,
            timeout: isset($a['timeoutMs']) ? $a['timeoutMs'] / 1000 : 80.0,
        );
        $settings[$name] = ['baseUrl' => $a['baseUrl'], 'apiKey' => $a['apiKey']];
        return null;
    }
    $variant = $a['variant'] ?? 'sync';
    unset($a['variant']);
    if ($op === 'verifyNotification' || $op === 'verifySignature') {
        $args = [$a['rawBody'], $a['header'] ?? null, $a['secret'], $a['toleranceSeconds'] ?? Webhook::DEFAULT_TOLERANCE, $a['now'] ?? null];
        return $op === 'verifyNotification' ? Webhook::verifyNotification(...$args) : Webhook::verifySignature(...$args);
    }
    $client = $clients[$name] ?? throw new InvalidArgumentException("no client $name: configure it first");
    if ($op === 'bench') {
        return bench($a, $client, $settings[$name]);
    }
    if ($variant === 'concurrent') {
        return $client->concurrently([static fn () => call($op, $a, $client)])[0];
    }
    return call($op, $a, $client);
}

function errorOf(Throwable $e): array
{
    if (!$e instanceof PayeeException) {
        return ['kind' => 'adapter', 'class' => get_class($e), 'message' => (string) $e];
    }
    $out = [
        'kind' => $e->type ?? 'api',
        'class' => (new ReflectionClass($e))->getShortName(),
        'message' => $e->getMessage(),
        'status' => $e->httpStatus,
        'code' => $e->errorCode,
        'param' => $e->param,
        'payNo' => $e->payNo,
        'requestId' => $e->requestId,
        'retryAfterMs' => $e->retryAfterMs,
        'last' => $e instanceof WaitTimeoutException ? $e->last->jsonSerialize() : null,
    ];
    return array_filter($out, static fn ($v) => $v !== null);
}

function out(array $line): void
{
    fwrite(STDOUT, json_encode($line, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION) . "\n");
}

out(['ready' => ['sdk' => 'php', 'version' => PayeeClient::VERSION, 'variants' => ['sync', 'concurrent']]]);
while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    $request = json_decode($line, true);
    try {
        out(['id' => $request['id'], 'ok' => true, 'result' => json(run($request['op'], $request['args'] ?? []))]);
    } catch (Throwable $e) {
        out(['id' => $request['id'], 'ok' => false, 'error' => errorOf($e)]);
    }
}
