/** Every word of the site's own pages in both languages; the docs' bodies come from the repository's README and docs/. */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export const SOURCE_URL = 'https://github.com/payee-dev/payee';

export interface DocPage {
  readonly slug: string;
  readonly title: string;
  /** What the page covers, in the page's language (the body is the repository's English text). */
  readonly summary: string;
}

export interface Feature {
  readonly title: string;
  readonly text: string;
}

export interface PlanText {
  readonly name: string;
  readonly items: readonly string[];
}

export interface Strings {
  readonly htmlLang: string;
  readonly otherLang: { readonly label: string };
  readonly nav: { home: string; docs: string; api: string; sdks: string; plugins: string; pricing: string; status: string; source: string };
  readonly home: {
    title: string;
    tagline: string;
    lead: string;
    start: string;
    readApi: string;
    providersTitle: string;
    providers: readonly { name: string; methods: string; text: string }[];
    architectureTitle: string;
    architectureText: string;
    arch: { merchant: string; apiGateway: string; functions: string; table: string; queues: string; providers: string; notify: string; scheduled: string; yourAccount: string };
    featuresTitle: string;
    features: readonly Feature[];
    awsTitle: string;
    awsText: readonly string[];
  };
  readonly docs: { title: string; intro: string; englishOnly: string; pages: readonly DocPage[] };
  readonly sdks: { title: string; intro: string; language: string; package: string; operations: string };
  readonly plugins: { title: string; intro: string; version: string; events: string; filter: string; permissions: string; settings: string; field: string; required: string; yes: string; no: string; enable: string };
  readonly api: { title: string };
  readonly pricing: { title: string; intro: string; plans: Record<'community' | 'standard' | 'premium', PlanText>; perYear: string; free: string };
  readonly status: {
    title: string;
    intro: string;
    noscript: string;
    unavailable: string;
    updated: string;
    channels: string;
    apis: string;
    columns: { name: string; state: string; h24: string; d7: string; d90: string; p50: string; p95: string; p99: string; days: string };
    states: Record<'operational' | 'degraded' | 'outage' | 'unknown', string>;
    incidents: string;
    noIncidents: string;
    ongoing: string;
    json: string;
    gateway: {
      title: string;
      intro: string;
      unavailable: string;
      today: string;
      d7: string;
      columns: { name: string; rate: string; p50: string; p95: string };
    };
  };
  readonly footer: string;
  readonly notFound: { title: string; text: string };
}

export const STRINGS: Record<Lang, Strings> = {
  en: {
    htmlLang: 'en',
    otherLang: { label: '中文' },
    nav: { home: 'payee', docs: 'Docs', api: 'API reference', sdks: 'SDKs', plugins: 'Plugins', pricing: 'Pricing', status: 'Status', source: 'Source' },
    home: {
      title: 'payee — one API for Alipay, WeChat Pay, UnionPay and PayPal',
      tagline: 'One payment API. Four providers. Your AWS account.',
      lead: 'payee (贝易) is an open, serverless payment gateway. Your backend calls one HTTP API — or an SDK in its language — and payee speaks each provider’s own protocol: signing, verification, callbacks, retries. It keeps every payment’s state exactly right in DynamoDB and tells you the outcome.',
      start: 'Quickstart',
      readApi: 'API reference',
      providersTitle: 'Four providers, each in its real protocol',
      providers: [
        { name: 'Alipay', methods: 'alipay.qr · page · wap · app', text: 'QR code, signed redirect or signed app order string; RSA2-signed calls and notifications, the daily trade bill reconciled.' },
        { name: 'WeChat Pay', methods: 'wechat.native · jsapi · h5 · app', text: 'APIv3: code_url QR, JSAPI and app parameters, H5 redirect; encrypted notifications verified and decrypted; direct and partner (服务商) modes.' },
        { name: 'UnionPay', methods: 'unionpay.web · app', text: 'Auto-submit form to the front gateway or an app tn, signed with the merchant certificate, back notifications verified against UnionPay’s chain.' },
        { name: 'PayPal', methods: 'paypal.checkout', text: 'Orders v2: the approval link, captured when PayPal reports the approval; webhooks verified.' },
      ],
      architectureTitle: 'Architecture',
      architectureText: 'A REST API on API Gateway with usage plans and a Lambda authorizer; one Lambda function per concern; a DynamoDB single table; an SQS FIFO queue applying provider callbacks exactly once; an outbox and a notifier for your webhooks; scheduled reconcilers. Every piece is in one CDK stack per tenant.',
      arch: { merchant: 'Your backend', apiGateway: 'API Gateway', functions: 'Lambda functions', table: 'DynamoDB table', queues: 'SQS queues', providers: 'Alipay · WeChat Pay · UnionPay · PayPal', notify: 'signed notifications', scheduled: 'reconcilers (EventBridge)', yourAccount: 'your AWS account' },
      featuresTitle: 'What you get',
      features: [
        { title: 'Money you can trust', text: 'Integer minor units of an ISO 4217 currency, idempotent creates and refunds, a status machine with an audit trail of every provider event applied once.' },
        { title: 'One error shape', text: 'Real HTTP codes; a 400 names the field; a provider timeout is never reported as a failure.' },
        { title: 'Signed notifications', text: 'Every status change POSTed to your notifyUrl with an HMAC-SHA256 signature, retried for about 24 hours, every attempt listed.' },
        { title: 'Refunds, close, sync, expiry', text: 'Partial and full refunds reserved atomically; unpaid payments closed at the provider; a scheduled reconciler asks providers about stale payments.' },
        { title: 'Daily statements', text: 'Alipay and WeChat Pay trade bills compared with payee’s records each day; every difference reported.' },
        { title: 'SDKs and an OpenAPI 3.1 contract', text: 'One document generated from the schemas that validate requests; SDKs held to it by a contract check and one conformance suite.' },
        { title: 'Companies, scenes, keys', text: 'A company tree, scenes mapping methods to pay configs, API keys in usage plans, secrets envelope-encrypted with your KMS key.' },
        { title: 'Runs on your laptop', text: 'npm start runs the same Lambda bundles locally with DynamoDB Local and sandboxes of all four providers — no Docker, no AWS account.' },
      ],
      awsTitle: 'Runs on your AWS account',
      awsText: [
        'payee is not a hosted service: each tenant is a CDK stack you deploy to your own AWS account and region. Your payments, keys and provider secrets never leave it.',
        'Serverless all the way: on-demand DynamoDB with point-in-time recovery, Lambda on arm64, SQS, CloudWatch alarms and a dashboard. You pay AWS for what runs, nothing to us.',
      ],
    },
    docs: {
      title: 'Documentation',
      intro: 'From running payee on your machine to operating a tenant. These pages are the repository’s own README and docs, rendered.',
      englishOnly: '',
      pages: [
        { slug: 'quickstart', title: 'Quickstart', summary: 'Run the whole gateway locally, create a payment, pay it in a sandbox, refund it.' },
        { slug: 'concepts', title: 'Concepts', summary: 'The API in brief: auth, money, ids, idempotency, errors, statuses, close, expiry, sync, refunds, notifications, versioning.' },
        { slug: 'notifications', title: 'Notifications', summary: 'What payee POSTs to your notifyUrl, when, how to answer and how to verify the signature.' },
        { slug: 'deploying', title: 'Deploying a tenant', summary: 'What a tenant’s stack holds, the reconcilers, and onboarding a tenant with tenants.json and cdk deploy.' },
        { slug: 'operating', title: 'Operating', summary: 'Onboarding merchants: companies, scenes, API keys, pay configs and their secrets; the admin API and its CLI.' },
      ],
    },
    sdks: { title: 'SDKs', intro: 'Each SDK follows one contract, the OpenAPI document, checked by the contract check and the conformance suite.', language: 'Language', package: 'Package', operations: 'Operations' },
    plugins: {
      title: 'Plugins',
      intro: 'Plugins subscribe to the payment events topic with a filter, each on its own queue with a dead-letter queue and an alarm: a failing plugin never delays or changes a payment. A tenant enables them in tenants.json; npx payee plugins describe <name> prints the same.',
      version: 'Version',
      events: 'Events it receives',
      filter: 'Subscription filter policy',
      permissions: 'Permissions it asks for',
      settings: 'Settings',
      field: 'Field',
      required: 'Required',
      yes: 'yes',
      no: 'no',
      enable: 'Enable it for a tenant (tenants.json)',
    },
    api: { title: 'API reference' },
    pricing: {
      title: 'Pricing and support',
      intro: 'payee is open source (Apache-2.0) and free to run: you pay AWS for your own stack. Support plans buy the maintainers’ time.',
      plans: {
        community: { name: 'Community', items: ['The source, docs and SDKs', 'GitHub issues and discussions', 'Local stack and sandboxes'] },
        standard: { name: 'Standard support', items: ['E-mail support, answer within 2 business days', 'Help deploying your first tenant', 'Upgrade notes for each release'] },
        premium: { name: 'Premium support', items: ['Answer within 4 hours, 7 days a week', 'Provider onboarding help (Alipay, WeChat Pay, UnionPay, PayPal)', 'Architecture and capacity review'] },
      },
      perYear: 'per year',
      free: 'Free',
    },
    status: {
      title: 'Status',
      intro: 'A canary makes a payment round trip per channel every minute — create (at the provider), query, close — through the merchant API, and records whether each call answered as documented and how long it took.',
      noscript: 'This page reads the live figures from /status.json with JavaScript.',
      unavailable: 'The status figures could not be read.',
      updated: 'Updated',
      channels: 'Channels (a whole round trip)',
      apis: 'APIs (every channel’s calls)',
      columns: { name: 'Name', state: 'State', h24: '24 h', d7: '7 d', d90: '90 d', p50: 'p50', p95: 'p95', p99: 'p99', days: 'Last 90 days' },
      states: { operational: 'Operational', degraded: 'Degraded', outage: 'Outage', unknown: 'No data' },
      incidents: 'Incidents (last 24 hours)',
      noIncidents: 'No incidents in the last 24 hours.',
      ongoing: 'ongoing',
      json: 'The same figures as JSON',
      gateway: {
        title: 'The gateway’s own view (from payments)',
        intro:
          'From real payments: this site’s own, as payee’s merchant (support plans paid through payee), read from the gateway’s daily report. Success rate: paid of created. Callback latency: from the provider’s notification time to payee applying it, shown as the upper bound of its histogram bucket (over several days, the highest day’s). Days are China days (UTC+8). The canary’s payments are not counted: it closes each one.',
        unavailable: 'The gateway’s report could not be read.',
        today: 'Today (UTC+8)',
        d7: 'Last 7 days',
        columns: { name: 'Channel', rate: 'Success rate', p50: 'Callback p50', p95: 'Callback p95' },
      },
    },
    footer: 'payee (贝易) — an open serverless payment gateway, Apache-2.0.',
    notFound: { title: 'Page not found', text: 'There is no page at this address.' },
  },
  zh: {
    htmlLang: 'zh-CN',
    otherLang: { label: 'English' },
    nav: { home: '贝易', docs: '文档', api: 'API 参考', sdks: 'SDK', plugins: '插件', pricing: '价格', status: '状态', source: '源码' },
    home: {
      title: '贝易 payee — 支付宝、微信支付、银联、PayPal 一个 API 接入',
      tagline: '一个支付 API，四家支付渠道，部署在你自己的 AWS 账号。',
      lead: '贝易（payee）是开源的无服务器支付网关。你的后端只调用一个 HTTP API（或对应语言的 SDK），贝易用每家渠道自己的协议完成签名、验签、回调和重试，在 DynamoDB 中准确维护每笔支付的状态，并把结果通知你。',
      start: '快速开始',
      readApi: 'API 参考',
      providersTitle: '四家渠道，均按其真实协议对接',
      providers: [
        { name: '支付宝', methods: 'alipay.qr · page · wap · app', text: '二维码、签名跳转或 App 签名订单串；RSA2 签名调用与异步通知，每日对账单自动核对。' },
        { name: '微信支付', methods: 'wechat.native · jsapi · h5 · app', text: 'APIv3：Native 二维码、JSAPI 与 App 参数、H5 跳转；加密通知验签解密；支持直连与服务商模式。' },
        { name: '银联', methods: 'unionpay.web · app', text: '前台网关自动提交表单或 App 的 tn，商户证书签名，后台通知按银联证书链验签。' },
        { name: 'PayPal', methods: 'paypal.checkout', text: 'Orders v2：返回授权链接，PayPal 报告授权后自动扣款；Webhook 验签。' },
      ],
      architectureTitle: '架构',
      architectureText: 'API Gateway 上的 REST API（用量计划与 Lambda 授权器）；按职责拆分的 Lambda 函数；DynamoDB 单表；SQS FIFO 队列保证渠道回调恰好处理一次；发件箱与通知器负责你的 Webhook；定时对账任务。每个租户一个 CDK 栈，包含全部组件。',
      arch: { merchant: '你的后端', apiGateway: 'API Gateway', functions: 'Lambda 函数', table: 'DynamoDB 表', queues: 'SQS 队列', providers: '支付宝 · 微信支付 · 银联 · PayPal', notify: '签名通知', scheduled: '定时对账（EventBridge）', yourAccount: '你的 AWS 账号' },
      featuresTitle: '功能',
      features: [
        { title: '金额精确可靠', text: '以 ISO 4217 币种的最小单位整数表示金额；创建与退款幂等；状态机加审计记录，每个渠道事件只处理一次。' },
        { title: '统一的错误格式', text: '真实的 HTTP 状态码；400 错误指明字段；渠道超时绝不当作失败。' },
        { title: '签名通知', text: '每次状态变化都以 HMAC-SHA256 签名 POST 到你的 notifyUrl，约 24 小时内重试，每次尝试均可查询。' },
        { title: '退款、关单、同步、过期', text: '部分与全额退款原子预留；未支付订单在渠道侧关闭；定时任务向渠道查询滞留订单。' },
        { title: '每日对账', text: '每天将支付宝、微信支付的交易账单与贝易的记录比对，报告每一处差异。' },
        { title: 'SDK 与 OpenAPI 3.1', text: '文档由校验请求的同一套 schema 生成；各语言 SDK 通过契约检查与统一的一致性测试。' },
        { title: '公司、场景与密钥', text: '公司树、把支付方式映射到支付配置的场景、按用量计划管理的 API 密钥；密钥材料用你的 KMS 密钥信封加密。' },
        { title: '本机即可运行', text: 'npm start 在本机运行同样的 Lambda 包，配合 DynamoDB Local 与四家渠道的沙箱——无需 Docker，无需 AWS 账号。' },
      ],
      awsTitle: '部署在你自己的 AWS 账号',
      awsText: [
        '贝易不是托管服务：每个租户是一个 CDK 栈，部署到你自己的 AWS 账号与区域。支付数据、密钥和渠道凭据都不会离开你的账号。',
        '全部无服务器：按需计费的 DynamoDB（时间点恢复）、arm64 上的 Lambda、SQS、CloudWatch 告警与仪表盘。你只为实际运行向 AWS 付费。',
      ],
    },
    docs: {
      title: '文档',
      intro: '从在本机运行贝易到运维一个租户。这些页面由仓库中的 README 与 docs 渲染而成。',
      englishOnly: '以下正文为仓库中的英文原文。',
      pages: [
        { slug: 'quickstart', title: '快速开始', summary: '在本机运行整个网关，创建一笔支付，在沙箱中付款，再退款。' },
        { slug: 'concepts', title: '核心概念', summary: 'API 概要：鉴权、金额、编号、幂等、错误、状态、关单、过期、同步、退款、通知与版本。' },
        { slug: 'notifications', title: '支付通知', summary: '贝易向 notifyUrl 发送什么、何时发送、如何应答以及如何验证签名。' },
        { slug: 'deploying', title: '部署租户', summary: '租户栈包含哪些资源、对账任务，以及如何用 tenants.json 与 cdk deploy 接入一个租户。' },
        { slug: 'operating', title: '运维', summary: '接入商户：公司、场景、API 密钥、支付配置及其密钥；管理 API 与命令行工具。' },
      ],
    },
    sdks: { title: 'SDK', intro: '各语言 SDK 遵循同一份契约——OpenAPI 文档，并由契约检查与一致性测试保证。', language: '语言', package: '包', operations: '接口' },
    plugins: {
      title: '插件',
      intro: '插件通过过滤策略订阅支付事件主题，各有自己的队列、死信队列和告警：插件出错绝不会延误或改变任何一笔支付。租户在 tenants.json 中启用插件；npx payee plugins describe <name> 输出同样的内容。',
      version: '版本',
      events: '接收的事件',
      filter: '订阅过滤策略',
      permissions: '所需权限',
      settings: '设置',
      field: '字段',
      required: '必填',
      yes: '是',
      no: '否',
      enable: '为租户启用（tenants.json）',
    },
    api: { title: 'API 参考' },
    pricing: {
      title: '价格与技术支持',
      intro: '贝易以 Apache-2.0 协议开源，免费使用：你只需为自己的 AWS 资源付费。技术支持套餐购买的是维护者的时间。',
      plans: {
        community: { name: '社区版', items: ['源码、文档与 SDK', 'GitHub issues 与讨论区', '本地栈与渠道沙箱'] },
        standard: { name: '标准支持', items: ['邮件支持，2 个工作日内答复', '协助部署第一个租户', '每个版本的升级说明'] },
        premium: { name: '高级支持', items: ['7×24，4 小时内答复', '渠道开通协助（支付宝、微信支付、银联、PayPal）', '架构与容量评审'] },
      },
      perYear: '每年',
      free: '免费',
    },
    status: {
      title: '服务状态',
      intro: '探针每分钟通过商户 API 为每个渠道完成一次支付往返——创建（在渠道侧）、查询、关单——记录每次调用是否按文档应答以及耗时。',
      noscript: '本页通过 JavaScript 从 /status.json 读取实时数据。',
      unavailable: '无法读取状态数据。',
      updated: '更新于',
      channels: '渠道（完整往返）',
      apis: '接口（各渠道的调用）',
      columns: { name: '名称', state: '状态', h24: '24 小时', d7: '7 天', d90: '90 天', p50: 'p50', p95: 'p95', p99: 'p99', days: '最近 90 天' },
      states: { operational: '正常', degraded: '性能下降', outage: '中断', unknown: '无数据' },
      incidents: '事件（最近 24 小时）',
      noIncidents: '最近 24 小时没有事件。',
      ongoing: '进行中',
      json: '同样的数据（JSON）',
      gateway: {
        title: '网关自身的视角（来自支付）',
        intro:
          '来自真实支付：本站作为贝易商户的支付（经贝易支付的技术支持套餐），取自网关的日报。成功率：已支付占已创建的比例。回调延迟：从渠道的通知时间到贝易处理完成，显示其直方图区间的上界（多日时取最高一天）。日期按中国时间（UTC+8）。探针的支付不计入：它会关闭每一笔。',
        unavailable: '无法读取网关的日报。',
        today: '今天（UTC+8）',
        d7: '最近 7 天',
        columns: { name: '渠道', rate: '成功率', p50: '回调 p50', p95: '回调 p95' },
      },
    },
    footer: '贝易（payee）——开源无服务器支付网关，Apache-2.0 协议。',
    notFound: { title: '页面不存在', text: '此地址没有页面。' },
  },
};
