<?php

declare(strict_types=1);

namespace Payee\Model;

use Payee\Exception\ApiException;

/**
 * A model of the API (docs/openapi.json): readonly properties named as on the wire, enums for
 * enumerated values, nested models, lists typed by #[ListOf]. Dates stay ISO 8601 strings as the
 * API sends them. Fields a newer API adds are ignored, so an older SDK keeps working.
 */
abstract class Model implements \JsonSerializable
{
    /** @var array<class-string, list<array{name: string, optional: bool, default: mixed, types: list<string>, item: ?string, nullable: bool}>> */
    private static array $shapes = [];

    /**
     * The model from decoded JSON (an answer of the API, or your own parameters).
     *
     * @param array<string, mixed> $data
     * @throws \InvalidArgumentException naming the field that is missing or wrong
     */
    public static function fromArray(array $data): static
    {
        return self::build(static::class, $data, '');
    }

    /** The model as the API's JSON has it: absent fields left out, enums as their values. */
    public function toArray(): array
    {
        $out = [];
        foreach (self::shape(static::class) as $field) {
            $value = $this->{$field['name']};
            if ($value !== null) {
                $out[$field['name']] = self::export($value, $field['item'] !== null);
            } elseif ($field['nullable']) {
                $out[$field['name']] = null;
            }
        }
        return $out;
    }

    public function jsonSerialize(): mixed
    {
        $array = $this->toArray();
        return $array === [] ? new \stdClass() : $array;
    }

    /**
     * Each constructor parameter: its name, whether it may be absent, its types (null left out),
     * a list's item class, and whether null is a value of the API's (#[Nullable]).
     *
     * @internal
     * @param class-string $class
     */
    public static function shape(string $class): array
    {
        if (isset(self::$shapes[$class])) {
            return self::$shapes[$class];
        }
        $fields = [];
        foreach ((new \ReflectionClass($class))->getConstructor()?->getParameters() ?? [] as $parameter) {
            $type = $parameter->getType();
            $types = $type instanceof \ReflectionUnionType ? $type->getTypes() : [$type];
            $listOf = $parameter->getAttributes(ListOf::class)[0] ?? null;
            $nullable = $parameter->getAttributes(Nullable::class) !== [];
            $fields[] = [
                'name' => $parameter->getName(),
                'optional' => $parameter->isOptional(),
                'default' => $parameter->isOptional() ? $parameter->getDefaultValue() : null,
                'types' => array_values(array_filter(array_map(static fn ($t) => $t->getName(), $types), static fn ($n) => $n !== 'null')),
                'item' => $listOf?->newInstance()->class,
                'nullable' => $nullable,
            ];
        }
        return self::$shapes[$class] = $fields;
    }

    private static function build(string $class, array $data, string $path): Model
    {
        $arguments = [];
        foreach (self::shape($class) as $field) {
            $name = $field['name'];
            if ($field['nullable'] && array_key_exists($name, $data) && $data[$name] === null) {
                $arguments[$name] = null;
                continue;
            }
            if (!array_key_exists($name, $data) || $data[$name] === null) {
                if (!$field['optional']) {
                    throw new \InvalidArgumentException("payee: $path$name is required");
                }
                $arguments[$name] = $field['default'];
                continue;
            }
            $arguments[$name] = self::import($data[$name], $field, "$path$name");
        }
        return new $class(...$arguments);
    }

    private static function import(mixed $value, array $field, string $path): mixed
    {
        if ($field['item'] !== null) {
            if (!is_array($value) || !array_is_list($value)) {
                throw new \InvalidArgumentException("payee: $path must be a list");
            }
            return array_map(fn ($item) => self::convert($item, [$field['item']], $path . '[]'), $value);
        }
        return self::convert($value, $field['types'], $path);
    }

    private static function convert(mixed $value, array $types, string $path): mixed
    {
        foreach ($types as $type) {
            if ($value instanceof $type) {
                return $value;
            }
            if (is_subclass_of($type, self::class) && is_array($value)) {
                return self::build($type, $value, "$path.");
            }
            if (is_subclass_of($type, \BackedEnum::class) && (is_string($value) || is_int($value))) {
                $case = $type::tryFrom($value);
                if ($case !== null) {
                    return $case;
                }
                throw new \InvalidArgumentException("payee: $path is not one of " . implode(', ', array_map(static fn ($c) => $c->value, $type::cases())) . ": $value");
            }
            if (match ($type) {
                'string' => is_string($value),
                'int' => is_int($value),
                'float' => is_int($value) || is_float($value),
                'bool' => is_bool($value),
                'array' => is_array($value),
                'mixed' => true,
                default => false,
            }) {
                return $type === 'float' ? (float) $value : $value;
            }
        }
        throw new \InvalidArgumentException("payee: $path must be " . implode('|', $types) . ', not ' . get_debug_type($value));
    }

    private static function export(mixed $value, bool $list): mixed
    {
        if ($value instanceof self) {
            return $value->jsonSerialize();
        }
        if ($value instanceof \BackedEnum) {
            return $value->value;
        }
        if (is_array($value)) {
            // A map the API sends as an object stays one when empty ({} not []).
            return $value === [] && !$list ? new \stdClass() : array_map(static fn ($v) => self::export($v, false), $value);
        }
        return $value;
    }

    /**
     * A model of an API answer (a wrong shape is the API's fault, not the caller's).
     *
     * @internal
     * @template M of Model
     * @param class-string<M> $class
     * @return M
     */
    public static function fromAnswer(string $class, array $data): Model
    {
        try {
            return $class::fromArray($data);
        } catch (\InvalidArgumentException $e) {
            throw new ApiException('payee: an answer the SDK does not understand: ' . $e->getMessage(), type: 'api', previous: $e);
        }
    }
}
