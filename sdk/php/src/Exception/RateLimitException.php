<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 429: over the API key's usage plan. */
final class RateLimitException extends PayeeException
{
}
