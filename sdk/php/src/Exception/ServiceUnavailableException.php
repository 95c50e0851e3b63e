<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 503 `service_unavailable`: payee's storage did not answer in time; retry with the same key. */
final class ServiceUnavailableException extends PayeeException
{
}
