/** The website's CDK app (`npm run site:synth`, `npm run site:deploy`): the stack `Payee-Site`, checked by cdk-nag like the tenants' stacks. */
import { resolve } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { checkWithNag, newApp } from './app.ts';
import { SiteStack } from './site-stack.ts';

export const SITE_STACK = 'Payee-Site';

export function buildSiteApp(options: { outdir?: string; siteDir?: string } = {}): { app: App; stack: SiteStack } {
  const app = newApp(options.outdir);
  const account = app.node.tryGetContext('account') as string | undefined;
  const region = app.node.tryGetContext('region') as string | undefined;
  const stack = new SiteStack(app, SITE_STACK, {
    siteDir: options.siteDir ?? resolve(import.meta.dirname, '../../site/dist'),
    env: account || region ? { account, region } : undefined,
    description: 'payee website: static site on S3 behind CloudFront',
  });
  checkWithNag(app);
  return { app, stack };
}
