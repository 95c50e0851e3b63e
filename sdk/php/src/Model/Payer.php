<?php

declare(strict_types=1);

namespace Payee\Model;

/** Who pays: the WeChat openid (wechat.jsapi) or the buyer's IP (wechat.h5). */
final class Payer extends Model
{
    public function __construct(
        public readonly ?string $openid = null,
        public readonly ?string $clientIp = null,
    ) {
    }
}
