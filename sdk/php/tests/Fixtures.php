<?php

declare(strict_types=1);

namespace Payee\Tests;

/** Answers of the API, as its document shapes them. */
final class Fixtures
{
    public static function payment(string $payNo = 'P01KAX9QZW0G8S5T6V7X2Y3Z4A', string $status = 'PENDING', array $extra = []): array
    {
        return $extra + [
            'payNo' => $payNo,
            'status' => $status,
            'method' => 'alipay.qr',
            'channel' => 'alipay',
            'payId' => 'PC01',
            'outTradeNo' => 'A1001',
            'subject' => 'T-shirt',
            'amount' => 1999,
            'orderAmount' => 1999,
            'currency' => 'CNY',
            'refundableAmount' => $status === 'SUCCEEDED' ? 1999 : 0,
            'action' => ['type' => 'qr_code', 'value' => 'https://qr.alipay.com/x'],
            'expiresAt' => '2026-12-03T10:00:00.000Z',
            'createdAt' => '2026-12-03T09:00:00.000Z',
            'updatedAt' => '2026-12-03T09:00:00.000Z',
        ];
    }

    public static function refund(string $status, string $refundNo = 'R01'): array
    {
        return [
            'refundNo' => $refundNo,
            'payNo' => 'P01KAX9QZW0G8S5T6V7X2Y3Z4A',
            'status' => $status,
            'amount' => 500,
            'currency' => 'CNY',
            'createdAt' => '2026-12-03T09:00:00.000Z',
            'updatedAt' => '2026-12-03T09:00:00.000Z',
        ];
    }

    public static function error(string $type, string $code, array $extra = []): array
    {
        return ['error' => $extra + ['type' => $type, 'code' => $code, 'message' => "a $code", 'requestId' => 'req-1']];
    }
}
