<?php

declare(strict_types=1);

namespace Payee\Model;

/** A request body: built from named arguments, or from an array whose keys must all be its fields. */
abstract class Request extends Model
{
    /** @param static|array<string, mixed> $params */
    public static function of(self|array $params): static
    {
        if ($params instanceof static) {
            return $params;
        }
        if (!is_array($params)) {
            throw new \InvalidArgumentException('payee: expected ' . static::class . ' or an array, not ' . get_debug_type($params));
        }
        $known = array_column(self::shape(static::class), 'name');
        $unknown = array_diff(array_keys($params), $known);
        if ($unknown !== []) {
            throw new \InvalidArgumentException('payee: unknown parameter ' . implode(', ', $unknown) . ' (known: ' . implode(', ', $known) . ')');
        }
        return static::fromArray($params);
    }
}
