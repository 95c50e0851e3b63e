<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\PayeeClient;
use Payee\Tools\Surface;
use PHPUnit\Framework\TestCase;

/** manifest.json is what the code has (the contract check compares the file with docs/openapi.json). */
final class ManifestTest extends TestCase
{
    public function testTheManifestIsTrueOfTheCode(): void
    {
        self::assertSame(Surface::render(), file_get_contents(__DIR__ . '/../manifest.json'), 'stale: run php tools/manifest.php');
    }

    public function testTheApiVersionIsTheDocuments(): void
    {
        $document = json_decode(file_get_contents(__DIR__ . '/../../../docs/openapi.json'), true);
        self::assertSame($document['info']['version'], PayeeClient::API_VERSION);
    }

    public function testComposerAndTheAdapterAgreeWithTheManifest(): void
    {
        $composer = json_decode(file_get_contents(__DIR__ . '/../composer.json'), true);
        self::assertSame('payee/payee-sdk', $composer['name']);
        self::assertSame(['php' => '>=8.1', 'ext-curl' => '*', 'ext-json' => '*'], $composer['require']);
        self::assertFileExists(__DIR__ . '/../' . Surface::manifest()['adapter']['command'][1]);
    }
}
