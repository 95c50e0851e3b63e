<?php

declare(strict_types=1);

namespace Payee\Exception;

/** A notification whose Payee-Signature does not verify, or whose timestamp is too far from now. */
final class SignatureVerificationException extends PayeeException
{
}
