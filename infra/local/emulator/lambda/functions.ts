// AWS::Lambda::Function resources, read into what the runner needs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Resolver } from '../intrinsics.ts';
import { props, resourcesOfType } from '../template.ts';

export interface FunctionDefinition {
  logicalId: string;
  name: string;
  arn: string;
  /** Directory of the bundle (`cdk.out/asset.<hash>`), undefined for inline code (Code.ZipFile). */
  taskRoot: string | undefined;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  reservedConcurrency: number | undefined;
}

export function readFunctions(resolver: Resolver, assemblyDir: string): FunctionDefinition[] {
  return resourcesOfType(resolver.template, 'AWS::Lambda::Function').map(([logicalId, resource]) => {
    const p = props(resource);
    const variables = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const environment: Record<string, string> = {};
    for (const [key, value] of Object.entries(variables)) environment[key] = resolver.string(value, `${logicalId} environment ${key}`);
    const assetPath = resource.Metadata?.['aws:asset:path'] ?? assetFromS3Key(resolver, p.Code);
    return {
      logicalId,
      name: resolver.ref(logicalId),
      arn: resolver.getAtt(logicalId, 'Arn'),
      taskRoot: typeof assetPath === 'string' && existsSync(join(assemblyDir, assetPath)) ? join(assemblyDir, assetPath) : undefined,
      handler: String(p.Handler ?? 'index.handler'),
      runtime: String(p.Runtime ?? ''),
      // CloudFormation's defaults when the properties are omitted.
      timeoutSeconds: Number(p.Timeout ?? 3),
      memoryMb: Number(p.MemorySize ?? 128),
      environment,
      reservedConcurrency: p.ReservedConcurrentExecutions === undefined ? undefined : Number(p.ReservedConcurrentExecutions),
    };
  });
}

/**
 * Without asset metadata (`cdk synth --no-asset-metadata`, or an App synthesized in-process, which
 * leaves it off by default) the asset is still findable: CDK uploads `asset.<hash>` as `<hash>.zip`.
 */
function assetFromS3Key(resolver: Resolver, code: unknown): string | undefined {
  const key = (code as { S3Key?: unknown } | undefined)?.S3Key;
  const hash = key === undefined ? undefined : /^([0-9a-f]{64})\.zip$/.exec(resolver.string(key, 'Code.S3Key'))?.[1];
  return hash && `asset.${hash}`;
}
