/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (an esbuild alias set by the
 * PayeeFunction construct). Lambda always hands a function its role's credentials in the
 * environment, so the SDK's full default chain (SSO, INI files, STS, IMDS...) would add about
 * 135 KB to every bundle and to every cold start for nothing.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
