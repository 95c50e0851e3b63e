<?php

declare(strict_types=1);

namespace Payee\Model;

/** The item class of a list property (PHP's arrays carry no item type). */
#[\Attribute(\Attribute::TARGET_PARAMETER | \Attribute::TARGET_PROPERTY)]
final class ListOf
{
    /** @param class-string<Model|\BackedEnum> $class */
    public function __construct(public readonly string $class)
    {
    }
}
