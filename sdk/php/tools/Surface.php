<?php

declare(strict_types=1);

namespace Payee\Tools;

use Payee\Exception\ErrorCode;
use Payee\Exception\ErrorFactory;
use Payee\Exception\PayeeException;
use Payee\Model;
use Payee\Model\Model as Base;
use Payee\PayeeClient;
use Payee\Service;

/**
 * manifest.json, read from the SDK itself (its services' methods and parameters, its models'
 * constructor parameters and enum cases, its exception classes and ErrorCode constants) in the
 * shape of sdk/conformance/surface.ts. The contract check compares it with docs/openapi.json;
 * tests/ManifestTest.php fails while the committed file is not what this computes.
 */
final class Surface
{
    /** operationId → the client's methods that call it ("service->method", or "method" of PayeeClient). */
    public const OPERATIONS = [
        'createPayment' => ['payments->create', 'payments->createAndWait'],
        'listPayments' => ['payments->list', 'payments->listAll', 'payments->getByOutTradeNo'],
        'getPayment' => ['payments->get', 'payments->waitFor'],
        'listPaymentEvents' => ['payments->events'],
        'closePayment' => ['payments->close'],
        'syncPayment' => ['payments->sync'],
        'createRefund' => ['refunds->create', 'payments->refundAndWait'],
        'listRefunds' => ['refunds->list'],
        'getReconciliation' => ['reports->reconciliation'],
        'listNotifications' => ['notifications->list'],
        'resendNotification' => ['notifications->resend'],
        'getOpenApi' => ['openapi'],
        'getDailyReport' => ['reports->daily'],
        'createGroup' => ['groups->create'],
        'listGroups' => ['groups->list', 'groups->listAll'],
        'getGroup' => ['groups->get'],
        'closeGroup' => ['groups->close'],
        'syncGroup' => ['groups->sync'],
        'createAccount' => ['accounts->create'],
        'listAccounts' => ['accounts->list', 'accounts->listAll'],
        'getAccount' => ['accounts->get'],
        'getAccountBalance' => ['accounts->balance'],
        'listAccountFlows' => ['accounts->listFlows', 'accounts->listAllFlows'],
    ];

    /** Query parameters: operationId → the methods whose parameters they are. */
    public const QUERIES = [
        'listPayments' => [[Service\Payments::class, 'list'], [Service\Payments::class, 'getByOutTradeNo']],
        'getReconciliation' => [[Service\Reports::class, 'reconciliation']],
        'getDailyReport' => [[Service\Reports::class, 'daily']],
        'listGroups' => [[Service\Groups::class, 'list']],
        'listAccounts' => [[Service\Accounts::class, 'list']],
        'getAccountBalance' => [[Service\Accounts::class, 'balance']],
        'listAccountFlows' => [[Service\Accounts::class, 'listFlows']],
    ];

    /** The document's component schemas as the SDK's classes. */
    public const MODELS = [
        'CreatePaymentRequest' => Model\CreatePaymentRequest::class,
        'CreateRefundRequest' => Model\CreateRefundRequest::class,
        'Payment' => Model\Payment::class,
        'PaymentList' => Model\PaymentList::class,
        'PaymentEventList' => Model\PaymentEventList::class,
        'SyncResult' => Model\SyncResult::class,
        'Refund' => Model\Refund::class,
        'RefundList' => Model\RefundList::class,
        'Notification' => Model\Notification::class,
        'NotificationList' => Model\NotificationList::class,
        'PaymentNotification' => Model\PaymentNotification::class,
        'ReconciliationList' => Model\ReconciliationList::class,
        'CreateGroupRequest' => Model\CreateGroupRequest::class,
        'Group' => Model\Group::class,
        'GroupList' => Model\GroupList::class,
        'GroupNotification' => Model\GroupNotification::class,
        'GroupSyncResult' => Model\GroupSyncResult::class,
        'CreateAccountRequest' => Model\CreateAccountRequest::class,
        'Account' => Model\Account::class,
        'AccountList' => Model\AccountList::class,
        'AccountBalance' => Model\AccountBalance::class,
        'FlowList' => Model\FlowList::class,
        'DailyReport' => Model\DailyReport::class,
    ];

    /** Parameters of methods that are not query parameters: the path's and the call's options. */
    private const NOT_QUERY = ['accountId', 'options'];
    /** PayeeException's properties that are the HTTP exchange's, not the API's error object. */
    private const NOT_ERROR_FIELDS = ['httpStatus', 'retryAfterMs', 'headers'];

    public static function manifest(): array
    {
        $client = new \ReflectionClass(PayeeClient::class);
        foreach (self::OPERATIONS as $names) {
            foreach ($names as $name) {
                [$service, $method] = str_contains($name, '->') ? explode('->', $name) : [null, $name];
                $class = $service === null ? PayeeClient::class : $client->getProperty($service)->getType()->getName();
                if (!(new \ReflectionClass($class))->hasMethod($method) || !(new \ReflectionMethod($class, $method))->isPublic()) {
                    throw new \LogicException("$name is not a public method of the client");
                }
            }
        }
        return [
            'language' => 'php',
            'package' => 'payee/payee-sdk',
            'adapter' => ['command' => ['php', 'conformance/adapter.php']],
            'operations' => array_map(static fn ($names) => implode(', ', $names), self::OPERATIONS),
            'errorTypes' => array_map(static fn ($class) => (new \ReflectionClass($class))->getShortName(), ErrorFactory::CLASSES),
            'models' => self::models(),
            'errorCodes' => self::sorted(array_values((new \ReflectionClass(ErrorCode::class))->getConstants())),
        ];
    }

    public static function render(): string
    {
        return json_encode(self::manifest(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n";
    }

    private static function models(): array
    {
        $models = [];
        foreach (self::MODELS as $name => $class) {
            $models[$name] = self::listed(self::fields($class, $class));
        }
        foreach (self::QUERIES as $operation => $methods) {
            $models["$operation.query"] = self::query($methods);
        }
        // The API's error object: getMessage() and PayeeException's own properties (errorCode is error.code).
        $error = ['message' => []];
        foreach ((new \ReflectionClass(PayeeException::class))->getConstructor()->getParameters() as $p) {
            $name = $p->getName() === 'errorCode' ? 'code' : $p->getName();
            if ($p->isPromoted() && !in_array($name, self::NOT_ERROR_FIELDS, true)) {
                $error[$name] = $name === 'type' ? array_keys(ErrorFactory::CLASSES) : [];
            }
        }
        $models['Error'] = ['error', ...self::listed(array_combine(array_map(static fn ($k) => "error.$k", array_keys($error)), $error))];
        ksort($models, SORT_STRING);
        return array_map(static fn ($lines) => self::sorted($lines), $models);
    }

    /** @return array<string, list<string>> field path → its enum values or the model it names */
    private static function fields(string $class, string $self, string $prefix = ''): array
    {
        $named = array_flip(self::MODELS);
        $out = [];
        foreach (Base::shape($class) as $field) {
            $path = $prefix . $field['name'];
            $out[$path] ??= [];
            $types = $field['item'] !== null ? [$field['item']] : $field['types'];
            $suffix = $field['item'] !== null ? '[]' : '';
            foreach ($types as $type) {
                if (isset($named[$type]) && $type !== $self) {
                    $out[$path][] = $named[$type] . $suffix;
                } elseif (is_subclass_of($type, \BackedEnum::class)) {
                    array_push($out[$path], ...array_map(static fn ($c) => (string) $c->value, $type::cases()));
                } elseif (is_subclass_of($type, Base::class)) {
                    $out += self::fields($type, $self, "$path$suffix.");
                }
            }
        }
        return $out;
    }

    private static function listed(array $fields): array
    {
        $lines = [];
        foreach ($fields as $path => $values) {
            $values = self::sorted(array_unique($values));
            $lines[] = $values === [] ? $path : "$path: " . implode('|', $values);
        }
        return $lines;
    }

    private static function query(array $methods): array
    {
        $all = [];
        foreach ($methods as [$class, $method]) {
            foreach ((new \ReflectionMethod($class, $method))->getParameters() as $p) {
                if (!in_array($p->getName(), self::NOT_QUERY, true)) {
                    $all[$p->getName()][] = !$p->isOptional();
                }
            }
        }
        $lines = [];
        foreach ($all as $name => $required) {
            // Required only where every method of the operation has it and requires it.
            $everywhere = count($required) === count($methods) && !in_array(false, $required, true);
            $lines[] = $everywhere ? "$name (required)" : $name;
        }
        return $lines;
    }

    /** Sorted as JavaScript's default sort does (UTF-16 code units): as surface.ts sorts. */
    private static function sorted(array $values): array
    {
        usort($values, 'strcmp');
        return array_values($values);
    }
}
