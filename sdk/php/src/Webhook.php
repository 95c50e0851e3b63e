<?php

declare(strict_types=1);

namespace Payee;

use Payee\Exception\SignatureVerificationException;
use Payee\Model\GroupNotification;
use Payee\Model\PaymentNotification;

/**
 * Payee-Signature (docs/notifications.md): `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
 * one v1 per secret while a secret is rotated. Verify the raw bytes received, before any JSON parsing.
 */
final class Webhook
{
    public const SIGNATURE_HEADER = 'Payee-Signature';
    public const DEFAULT_TOLERANCE = 300;

    /**
     * The notification in `$rawBody` (`file_get_contents('php://input')`), once `$header`
     * ($_SERVER['HTTP_PAYEE_SIGNATURE']) signs it with `$secret` and its timestamp is within
     * `$toleranceSeconds` of `$now` (unix seconds, default the time now): a GroupNotification
     * (`data` the Group) when its type starts with `group.`, a PaymentNotification otherwise.
     *
     * @throws SignatureVerificationException
     */
    public static function verifyNotification(string $rawBody, ?string $header, string $secret, int $toleranceSeconds = self::DEFAULT_TOLERANCE, ?int $now = null): PaymentNotification|GroupNotification
    {
        self::verifySignature($rawBody, $header, $secret, $toleranceSeconds, $now);
        $data = json_decode($rawBody, true);
        if (!is_array($data)) {
            throw new SignatureVerificationException('payee: the signed body is not a JSON object', type: 'signature');
        }
        try {
            return str_starts_with((string) ($data['type'] ?? ''), 'group.') ? GroupNotification::fromArray($data) : PaymentNotification::fromArray($data);
        } catch (\InvalidArgumentException $e) {
            throw new SignatureVerificationException('payee: the signed body is not a notification: ' . $e->getMessage(), type: 'signature', previous: $e);
        }
    }

    /**
     * Returns when `$header` signs `$rawBody` with `$secret` within the tolerance (every v1 tried,
     * compared in constant time).
     *
     * @throws SignatureVerificationException
     */
    public static function verifySignature(string $rawBody, ?string $header, string $secret, int $toleranceSeconds = self::DEFAULT_TOLERANCE, ?int $now = null): void
    {
        if ($header === null || $header === '') {
            throw new SignatureVerificationException('payee: no Payee-Signature header', type: 'signature');
        }
        $t = null;
        $signatures = [];
        foreach (explode(',', $header) as $part) {
            [$key, $value] = array_map('trim', explode('=', $part, 2)) + [1 => ''];
            if ($key === 't') {
                $t = $value;
            } elseif ($key === 'v1' && preg_match('/^[0-9a-f]{64}$/', $value) === 1) {
                $signatures[] = $value;
            }
        }
        if ($t === null || preg_match('/^\d+$/', $t) !== 1 || $signatures === []) {
            throw new SignatureVerificationException('payee: Payee-Signature is not t=<unix seconds>,v1=<hex>', type: 'signature');
        }
        if (abs(($now ?? time()) - (int) $t) > $toleranceSeconds) {
            throw new SignatureVerificationException("payee: the notification's timestamp is more than $toleranceSeconds s from now", type: 'signature');
        }
        $expected = hash_hmac('sha256', "$t.$rawBody", $secret);
        foreach ($signatures as $signature) {
            if (hash_equals($expected, $signature)) {
                return;
            }
        }
        throw new SignatureVerificationException('payee: no signature in Payee-Signature matches the body and secret', type: 'signature');
    }

    /** The Payee-Signature payee would send for `$rawBody` at `$t`: for a receiver's own tests. */
    public static function sign(string $rawBody, string $secret, ?int $t = null): string
    {
        $t ??= time();
        return "t=$t,v1=" . hash_hmac('sha256', "$t.$rawBody", $secret);
    }
}
