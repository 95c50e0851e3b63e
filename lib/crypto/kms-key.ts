/**
 * The AWS key provider: a tenant's KMS key wraps each data key (a pay config's, a company's notify
 * secret's). The two calls (GenerateDataKey, Decrypt) are KMS's JSON protocol signed with SigV4 by
 * the signer the DynamoDB client already bundles, instead of @aws-sdk/client-kms, which would add
 * its whole client to the functions' cold start for two requests. The owner (`{payId}` or
 * `{companyId}`) is the encryption context: a wrapped key unwraps only for the owner it was made
 * for, and CloudTrail names the owner of every Decrypt.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Checksum } from '@smithy/types';
import { describeOwner, type KeyProvider, type SecretOwner } from './envelope.ts';

const encryptionContext = (owner: SecretOwner) => {
  const { key, id } = describeOwner(owner);
  return { [key]: id };
};

/** SHA-256 (HMAC when given a secret) for the signer, from node:crypto. */
export class Sha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh() {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : Buffer.from(ArrayBuffer.isView(this.secret) ? this.secret.buffer : this.secret);
    return createHmac('sha256', key);
  }
  update(data: string | Uint8Array) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {
    this.hash = this.fresh();
  }
}

export interface KmsKeyOptions {
  /** Key id, ARN or alias of the tenant's secrets key. */
  keyId: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Default https://kms.<region>.amazonaws.com(.cn); AWS_ENDPOINT_URL_KMS for LocalStack. */
  endpoint?: string;
  /**
   * @smithy/signature-v4's SignatureV4, handed in by the caller rather than imported here: this
   * module loads lazily, and importing the signer would split the SDK core it shares with the
   * handler into a chunk of its own, loaded at every cold start.
   */
  signer: typeof SignatureV4;
}

export class KmsKeyProvider implements KeyProvider {
  readonly name = 'kms';
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;

  constructor(private readonly options: KmsKeyOptions) {
    this.signer = new options.signer({ service: 'kms', region: options.region, credentials: options.credentials, sha256: Sha256 });
    const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    this.endpoint = new URL(options.endpoint ?? `https://kms.${options.region}.${suffix}`);
  }

  async generateDataKey(owner: SecretOwner) {
    const out = await this.call('GenerateDataKey', { KeyId: this.options.keyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(owner) });
    return { plaintext: Buffer.from(String(out.Plaintext), 'base64'), wrapped: String(out.CiphertextBlob) };
  }

  async unwrapDataKey(owner: SecretOwner, wrapped: string) {
    // KeyId pins the key: a blob made under another key is refused, not decrypted.
    const out = await this.call('Decrypt', { KeyId: this.options.keyId, CiphertextBlob: wrapped, EncryptionContext: encryptionContext(owner) });
    return Buffer.from(String(out.Plaintext), 'base64');
  }

  private async call(action: 'GenerateDataKey' | 'Decrypt', input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body = JSON.stringify(input);
    const signed = await this.signer.sign({
      method: 'POST',
      protocol: this.endpoint.protocol,
      hostname: this.endpoint.hostname,
      port: this.endpoint.port ? Number(this.endpoint.port) : undefined,
      path: '/',
      query: {},
      headers: {
        host: this.endpoint.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `TrentService.${action}`,
      },
      body,
    });
    const res = await fetch(new URL('/', this.endpoint), { method: 'POST', headers: signed.headers, body, signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // an error page: reported by status below
    }
    if (!res.ok) {
      const type = String(json.__type ?? 'unknown').replace(/^.*#/, '');
      throw new Error(`KMS ${action} failed: ${res.status} ${type}: ${String(json.message ?? json.Message ?? '')}`);
    }
    return json;
  }
}
