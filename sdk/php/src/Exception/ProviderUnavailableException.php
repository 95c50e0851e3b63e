<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 503 `provider_unavailable`: the provider did not answer; the outcome is unknown, retry with the same key. */
final class ProviderUnavailableException extends PayeeException
{
}
