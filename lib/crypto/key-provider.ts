/**
 * The key provider of this runtime, from its environment: the local stack sets
 * PAYEE_LOCAL_SECRETS_KEY; a deployed function has SECRETS_KEY_ID (its tenant's KMS key) and its
 * role's credentials in the environment. Those are read as Lambda sets them, on each call, rather
 * than through @aws-sdk/credential-provider-env: importing it here would make this lazily loaded
 * module share the SDK's core with the handler and split it into a chunk loaded at cold start.
 */
import type { SignatureV4 } from '@smithy/signature-v4';
import type { KeyProvider } from './envelope.ts';
import { KmsKeyProvider } from './kms-key.ts';
import { LocalKeyProvider } from './local-key.ts';

export const LOCAL_KEY_ENV = 'PAYEE_LOCAL_SECRETS_KEY';
export const KMS_KEY_ENV = 'SECRETS_KEY_ID';

let provider: KeyProvider | undefined;

/** `signer`: SignatureV4 from @smithy/signature-v4 (see KmsKeyOptions.signer). */
export function keyProviderFromEnv(signer: typeof SignatureV4, env: NodeJS.ProcessEnv = process.env): KeyProvider {
  if (provider && env === process.env) return provider;
  let made: KeyProvider;
  const local = env[LOCAL_KEY_ENV];
  const keyId = env[KMS_KEY_ENV];
  if (local) made = new LocalKeyProvider(local);
  else if (keyId) {
    const region = env.AWS_REGION;
    if (!region) throw new Error('AWS_REGION is not set');
    const credentials = async () => {
      const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
      if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment');
      return { accessKeyId, secretAccessKey, sessionToken };
    };
    made = new KmsKeyProvider({ keyId, region, credentials, endpoint: env.AWS_ENDPOINT_URL_KMS, signer });
  } else throw new Error(`neither ${LOCAL_KEY_ENV} nor ${KMS_KEY_ENV} is set: pay config secrets cannot be opened`);
  if (env === process.env) provider = made;
  return made;
}
