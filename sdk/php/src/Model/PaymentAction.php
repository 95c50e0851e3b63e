<?php

declare(strict_types=1);

namespace Payee\Model;

/** What to show the buyer: a QR code's content, a URL, a form, or parameters for an app or WeChat JSAPI. */
final class PaymentAction extends Model
{
    public function __construct(
        public readonly ActionType $type,
        /** A string, or for jsapi_params a map of parameters. @var string|array<string, string> */
        public readonly string|array $value,
    ) {
    }
}
