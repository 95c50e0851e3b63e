/**
 * The envelope code and the runtime's key provider, loaded by the stores on the first sealed item
 * they open or write: functions that never touch a secret (reading a company, a config without
 * secrets) do not carry them at cold start.
 */
// Already in the bundle (the DynamoDB client signs with it); handed to the lazily loaded KMS key provider.
import { SignatureV4 } from '@smithy/signature-v4';

export const envelope = () => import('../../crypto/envelope.ts');
export const keysFromEnv = async () => (await import('../../crypto/key-provider.ts')).keyProviderFromEnv(SignatureV4);
