<?php

declare(strict_types=1);

namespace Payee\Model;

/** A field whose null is a value of the API's (sent and read as null), not an absent field. */
#[\Attribute(\Attribute::TARGET_PARAMETER | \Attribute::TARGET_PROPERTY)]
final class Nullable
{
}
