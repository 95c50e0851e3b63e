/**
 * The integration suite's target: the deployment named by PAYEE_TARGET (a JSON file shaped like
 * .payee/local.json: a running `npm start`, LocalStack or AWS), or else a local stack of its own
 * started here on random ports and stopped afterwards (synthesized into PAYEE_TEST_OUTDIR, so that
 * two suites running at once on one checkout keep apart).
 */
import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../infra/local/local-stack.ts';

export default async function setup(project: TestProject) {
  if (process.env.PAYEE_TARGET) {
    project.provide('target', JSON.parse(readFileSync(process.env.PAYEE_TARGET, 'utf8')));
    return;
  }
  let local: Awaited<ReturnType<typeof startLocalStack>>;
  try {
    local = await startLocalStack({ host: '127.0.0.1', outdir: process.env.PAYEE_TEST_OUTDIR ?? `cdk.out/test-${project.name}` });
  } catch (error) {
    // vitest follows a failed global setup with a misleading "No test files found".
    console.error(`\npayee: the ${project.name} suite's local stack did not start, so no test ran.\n  ${(error as Error).message}\n`);
    throw error;
  }
  project.provide('target', local.target);
  return () => local.stop();
}
