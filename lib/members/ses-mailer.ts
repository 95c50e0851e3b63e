/**
 * The site stack's mail: Amazon SES v2 SendEmail, SigV4-signed with the function's role (the SDK's
 * credential chain; no SES client package for one call). `from` is an address of an identity
 * verified in SES (the stack's MailFrom parameter).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '../crypto/kms-key.ts';
import type { Mail, Mailer } from './mail.ts';

export class SesMailer implements Mailer {
  private readonly signer: SignatureV4;

  constructor(
    private readonly region: string,
    private readonly from: string,
  ) {
    this.signer = new SignatureV4({ service: 'ses', region, credentials: fromEnv(), sha256: Sha256 });
  }

  async send(mail: Mail): Promise<void> {
    const hostname = `email.${this.region}.amazonaws.com`;
    const body = JSON.stringify({
      FromEmailAddress: this.from,
      Destination: { ToAddresses: [mail.to] },
      Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
    });
    const signed = await this.signer.sign({ method: 'POST', protocol: 'https:', hostname, path: '/v2/email/outbound-emails', headers: { host: hostname, 'content-type': 'application/json' }, body });
    const res = await fetch(`https://${hostname}/v2/email/outbound-emails`, { method: 'POST', headers: signed.headers, body, signal: AbortSignal.timeout(5000) });
    // The reply names the problem (an unverified identity, the sandbox's recipients), never the mail's link.
    if (!res.ok) throw new Error(`SES SendEmail answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
}
