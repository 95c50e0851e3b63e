<?php

/** Rewrites manifest.json from the SDK's code (tools/Surface.php): php tools/manifest.php */

declare(strict_types=1);

require __DIR__ . '/../src/autoload.php';
require __DIR__ . '/Surface.php';

file_put_contents(__DIR__ . '/../manifest.json', Payee\Tools\Surface::render());
echo "wrote manifest.json\n";
