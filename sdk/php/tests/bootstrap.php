<?php

declare(strict_types=1);

require __DIR__ . '/../src/autoload.php';
require __DIR__ . '/../tools/Surface.php';
require __DIR__ . '/Support/ScriptedHttp.php';
require __DIR__ . '/Support/FakeClock.php';
require __DIR__ . '/Fixtures.php';
