/** Valid pay configs of every template, with freshly generated keys: samples for the tests. */
import { generateKeyPairSync } from 'node:crypto';
import { issueMerchant, sandboxPki } from '../../infra/local/sandbox/unionpay/pki.ts';

const rsa = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

/** `<channel>/<mode>` → a config that mode's schema accepts. */
export async function sampleConfigs(): Promise<Record<string, Record<string, unknown>>> {
  const app = rsa();
  const provider = rsa();
  const wechatKeys = {
    privateKey: app.privatePem,
    merchantSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    apiV3Key: 'Vq1xE8cF3pR7tK2mZ9wL4nB6hJ0sD5gA',
    platformKeys: { PUB_KEY_ID_0114232134912410000000000000: provider.publicPem },
  };
  const pki = await sandboxPki();
  const merchant = await issueMerchant(pki, '777290058110048');
  const alipay = { appId: '2021000000000001', privateKey: app.privatePem, alipayPublicKey: provider.publicPem, sellerId: '2088000000000001' };
  return {
    'alipay/direct': alipay,
    'alipay/isv': { ...alipay, mode: 'isv', appAuthToken: '202511BB2f8e6a1c2d3e4f5a6b7c8d9e0f1a2b3c' },
    'wechat/direct': { mchid: '1900000001', appid: 'wxd678efh567hg6787', ...wechatKeys },
    'wechat/partner': { mode: 'partner', spMchid: '1900000109', spAppid: 'wx8888888888888888', subMchid: '1900000110', subAppid: 'wxd678efh567hg6999', ...wechatKeys },
    'unionpay/direct': {
      merId: '777290058110048',
      signPrivateKey: merchant.keyPem,
      signCert: merchant.certPem,
      rootCert: pki.root.certPem,
      middleCert: pki.middle.certPem,
    },
    'paypal/direct': { clientId: 'AbCdEfGh-client', clientSecret: 'EFgh-secret-of-the-paypal-app', webhookId: '1JE4291016473214C' },
  };
}
