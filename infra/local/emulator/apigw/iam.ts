// IAM authorization (AuthorizationType AWS_IAM) of the execute-api stand-in: the caller signs with
// SigV4 (service execute-api) and the signature is computed again here from the request as
// received, with the secret of the credential it names. The local stack has one such credential,
// the operator's (Target.admin), standing for an IAM identity allowed execute-api:Invoke.
import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../../../lib/crypto/kms-key.ts';
import { header, valueMaps, type GatewayRequest } from './events.ts';
import type { GatewayResponseType } from './responses.ts';

export interface IamCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

export type IamOutcome = { ok: true; accessKeyId: string } | { ok: false; responseType: GatewayResponseType; message?: string };

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
/** SigV4's allowed clock skew. */
const MAX_SKEW_MS = 5 * 60_000;

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Verifies the request's SigV4 Authorization header against `credentials`. `rawPath` is the path as
 * received, stage included (`/live/v1/admin/templates`), since that is what the caller signed.
 */
export async function verifySigV4(request: GatewayRequest, rawPath: string, credentials: readonly IamCredential[], now = Date.now()): Promise<IamOutcome> {
  const authorization = header(request, 'authorization');
  // API Gateway answers a missing signature as it answers an unknown route.
  if (!authorization) return { ok: false, responseType: 'MISSING_AUTHENTICATION_TOKEN' };
  const parsed = AUTHORIZATION.exec(authorization.trim());
  const amzDate = header(request, 'x-amz-date');
  if (!parsed || !amzDate) {
    return { ok: false, responseType: 'INVALID_SIGNATURE', message: `Authorization header requires 'Credential', 'Signature', 'SignedHeaders' and a X-Amz-Date header. Authorization=${authorization}` };
  }
  const [, accessKeyId, day, region, service, signedHeaders, signature] = parsed as unknown as string[];
  const credential = credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!credential) return { ok: false, responseType: 'INVALID_SIGNATURE', message: 'The security token included in the request is invalid.' };
  const signingDate = parseAmzDate(amzDate!);
  if (!signingDate || day !== amzDate!.slice(0, 8) || service !== 'execute-api' || region !== request.region) {
    return { ok: false, responseType: 'INVALID_SIGNATURE', message: SIGNATURE_MISMATCH };
  }
  if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
    return { ok: false, responseType: 'INVALID_SIGNATURE', message: `Signature expired: ${amzDate} is now earlier or later than the allowed 5 minutes.` };
  }
  const names = signedHeaders!.split(';');
  if (!names.includes('host')) return { ok: false, responseType: 'INVALID_SIGNATURE', message: SIGNATURE_MISMATCH };
  const signed = new Map<string, string>();
  for (const name of names) {
    const value = header(request, name);
    if (value === undefined) return { ok: false, responseType: 'INVALID_SIGNATURE', message: SIGNATURE_MISMATCH };
    signed.set(name, value);
  }
  // fromEntries defines own properties: a client's name (`__proto__`) cannot reach the prototype.
  const headers = Object.fromEntries(signed);
  // The payload hash is always the body's own: a header claiming another is not believed.
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const claimed = header(request, 'x-amz-content-sha256');
  if (claimed !== undefined && claimed !== bodyHash) return { ok: false, responseType: 'INVALID_SIGNATURE', message: SIGNATURE_MISMATCH };

  const signer = new SignatureV4({ service, region: region!, credentials: credential, sha256: Sha256, applyChecksum: false });
  const query = Object.fromEntries(Object.entries(valueMaps(request.query).multi).map(([key, values]) => [key, values.length === 1 ? values[0]! : values]));
  const recomputed = await signer.sign(
    {
      method: request.httpMethod,
      protocol: 'http:',
      hostname: headers.host!.split(':')[0]!,
      // The path as sent, which the signer encodes once more: for every service but S3, SigV4's
      // canonical path is each segment encoded twice, as the CLI, the AWS SDKs and botocore sign it.
      path: rawPath,
      query,
      headers,
      body: request.body,
    },
    { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(names) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization ?? ''))?.[1] ?? '';
  const recomputedHeaders = /SignedHeaders=([^,\s]+)/.exec(String(recomputed.headers.authorization ?? ''))?.[1];
  const same = expected.length === signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!)) && recomputedHeaders === signedHeaders;
  return same ? { ok: true, accessKeyId: accessKeyId! } : { ok: false, responseType: 'INVALID_SIGNATURE', message: SIGNATURE_MISMATCH };
}

/** `20261125T021900Z` → Date. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}
