<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Exception;
use Payee\Exception\ErrorFactory;
use Payee\Http\HttpResponse;
use PHPUnit\Framework\TestCase;

final class ErrorsTest extends TestCase
{
    /** @return iterable<string, array{string, class-string}> */
    public static function types(): iterable
    {
        foreach (ErrorFactory::CLASSES as $type => $class) {
            yield $type => [$type, $class];
        }
    }

    /** @dataProvider types */
    public function testEachErrorTypeHasItsClass(string $type, string $class): void
    {
        $body = Fixtures::error($type, 'some_code', ['param' => 'amount', 'payNo' => 'P9']);
        $error = ErrorFactory::fromResponse(new HttpResponse(409, ['retry-after' => '1.5'], json_encode($body)));
        self::assertInstanceOf($class, $error);
        self::assertSame([$type, 'some_code', 'amount', 'P9', 'req-1', 409, 1500, 'a some_code'],
            [$error->type, $error->errorCode, $error->param, $error->payNo, $error->requestId, $error->httpStatus, $error->retryAfterMs, $error->getMessage()]);
    }

    public function testGatewayAnswersByStatus(): void
    {
        $cases = [
            [403, '{"message":"Forbidden"}', Exception\AuthenticationException::class, 'authentication'],
            [429, '{"message":"Too Many Requests"}', Exception\RateLimitException::class, 'rate_limit'],
            [404, '{"Message":"not here"}', Exception\NotFoundException::class, 'not_found'],
            [502, '<html>bad gateway</html>', Exception\ApiException::class, 'api'],
        ];
        foreach ($cases as [$status, $body, $class, $type]) {
            $error = ErrorFactory::fromResponse(new HttpResponse($status, ['x-amzn-requestid' => 'gw-1'], $body));
            self::assertInstanceOf($class, $error);
            self::assertSame([$type, $status, 'gw-1'], [$error->type, $error->httpStatus, $error->requestId]);
        }
        self::assertSame('<html>bad gateway</html>', ErrorFactory::fromResponse(new HttpResponse(502, [], '<html>bad gateway</html>'))->getMessage());
    }

    public function testRetryAfterAsAnHttpDate(): void
    {
        $now = 1_764_000_000.0;
        self::assertSame(30_000, ErrorFactory::retryAfterMs(gmdate('D, d M Y H:i:s', (int) $now + 30) . ' GMT', $now));
        self::assertSame(0, ErrorFactory::retryAfterMs(gmdate('D, d M Y H:i:s', (int) $now - 30) . ' GMT', $now));
        self::assertNull(ErrorFactory::retryAfterMs('soon', $now));
        self::assertNull(ErrorFactory::retryAfterMs(null, $now));
    }

    public function testEveryErrorIsAPayeeException(): void
    {
        foreach (glob(__DIR__ . '/../src/Exception/*Exception.php') as $file) {
            $class = 'Payee\\Exception\\' . basename($file, '.php');
            self::assertTrue(is_a($class, Exception\PayeeException::class, true), $class);
        }
    }
}
