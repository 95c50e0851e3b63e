<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 409 `idempotency_key_in_use` (retried) or 422 `idempotency_key_reused` (another body under the same key). */
final class IdempotencyException extends PayeeException
{
}
