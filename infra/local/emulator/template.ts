// A synthesized CloudFormation template, read as data. Only what the emulator needs is typed.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface Template {
  /** `Payee-demo` for `cdk.out/Payee-demo.template.json`: CDK names the file after the stack. */
  stackName: string;
  body: CfnTemplate;
}

export function loadTemplate(path: string): Template {
  const body = JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate;
  if (!body.Resources || typeof body.Resources !== 'object') {
    throw new Error(`${path} is not a CloudFormation template (no Resources)`);
  }
  return { stackName: basename(path).replace(/\.template\.json$/, '').replace(/\.json$/, ''), body };
}

/** [logicalId, resource] pairs of one type, in template order. */
export function resourcesOfType(template: Template, type: string): Array<[string, CfnResource]> {
  return Object.entries(template.body.Resources).filter(([, r]) => r.Type === type);
}

/** Properties of a resource, never undefined (CloudFormation allows omitting the block). */
export function props(resource: CfnResource): Record<string, unknown> {
  return resource.Properties ?? {};
}
