<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 500, or an answer the API does not document (a gateway's 502, a body that is not JSON). */
final class ApiException extends PayeeException
{
}
