<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 403: a missing, unknown, disabled or expired API key. */
final class AuthenticationException extends PayeeException
{
}
