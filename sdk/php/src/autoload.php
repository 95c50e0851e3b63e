<?php

declare(strict_types=1);

// PSR-4 for the Payee\ namespace without Composer (Composer users get the same from composer.json).
spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Payee\\')) {
        $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, 6)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
