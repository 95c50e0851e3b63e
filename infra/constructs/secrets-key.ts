import { RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { KMS_KEY_ENV } from '../../lib/crypto/key-provider.ts';

export interface SecretsKeyProps {
  readonly tenant: string;
}

/**
 * The tenant's KMS key for pay config and notify secrets (lib/crypto/envelope.ts): it wraps each
 * config's data key with the payId as encryption context, and each company's with the companyId.
 * Rotated yearly by KMS (old versions keep decrypting); kept when the stack is deleted, since every
 * stored secret is lost with it. The alias keeps the name it was first deployed with, which
 * operators' policies may name.
 */
export class SecretsKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: SecretsKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `payee ${props.tenant}: wraps the data keys of pay config and notify secrets`,
      alias: `alias/payee/${props.tenant}/pay-config-secrets`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** A function that reads pay configs or notify secrets: told the key and allowed to unwrap data keys (kms:Decrypt). */
  grantOpen(fn: LambdaFunction) {
    fn.addEnvironment(KMS_KEY_ENV, this.key.keyId);
    this.key.grantDecrypt(fn);
  }

  /** Whatever writes pay configs or companies (an admin function, a deploy role): allowed to draw data keys. */
  grantSeal(writer: IGrantable) {
    this.key.grant(writer, 'kms:GenerateDataKey');
  }
}
