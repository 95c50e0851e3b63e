/**
 * One SDK call per merchant operation and language, shown beside each operation of the API
 * reference (Redoc's x-codeSamples). The test holds each call to the SDK's manifest.json, so a
 * renamed SDK method fails the site's tests instead of leaving a stale snippet.
 */

export interface Snippet {
  /** The manifest's name for the method called (one of the operation's entries there). */
  readonly method: string;
  readonly code: string;
}

type Calls = Readonly<Record<string, Snippet>>;

export interface LanguageSnippets {
  readonly label: string;
  /** Redoc's highlighting language. */
  readonly lang: string;
  readonly setup: string;
  readonly calls: Calls;
}

const payNo = 'P01KBX3Z9N6F0T8J2W7R5C4M1Q';

export const SNIPPETS: Readonly<Record<string, LanguageSnippets>> = {
  typescript: {
    label: 'TypeScript',
    lang: 'javascript',
    setup: `import { Payee } from '@payee/sdk';\n\nconst payee = new Payee({ baseUrl: process.env.PAYEE_URL!, apiKey: process.env.PAYEE_KEY! });\n`,
    calls: {
      createPayment: { method: 'payments.create', code: `const payment = await payee.payments.create({\n  method: 'alipay.qr', outTradeNo: 'A1001', subject: 'T-shirt', amount: 1999, currency: 'CNY',\n});` },
      listPayments: { method: 'payments.listAll', code: `for await (const p of payee.payments.listAll({ limit: 50 })) console.log(p.payNo, p.status);` },
      getPayment: { method: 'payments.get', code: `const payment = await payee.payments.get('${payNo}');` },
      listPaymentEvents: { method: 'payments.events', code: `const events = await payee.payments.events('${payNo}');` },
      closePayment: { method: 'payments.close', code: `const closed = await payee.payments.close('${payNo}');` },
      syncPayment: { method: 'payments.sync', code: `const { payment, provider } = await payee.payments.sync('${payNo}');` },
      createRefund: { method: 'refunds.create', code: `const refund = await payee.refunds.create('${payNo}', { amount: 500, reason: 'size exchange' });` },
      listRefunds: { method: 'refunds.list', code: `const refunds = await payee.refunds.list('${payNo}');` },
      listNotifications: { method: 'notifications.list', code: `const attempts = await payee.notifications.list('${payNo}');` },
      resendNotification: { method: 'notifications.resend', code: `await payee.notifications.resend('${payNo}');` },
      getReconciliation: { method: 'reports.reconciliation', code: `const report = await payee.reports.reconciliation({ day: '2026-11-24' });` },
      getOpenApi: { method: 'openapi', code: `const document = await payee.openapi();` },
    },
  },
  python: {
    label: 'Python',
    lang: 'python',
    setup: `from payee import Payee\n\npayee = Payee()  # PAYEE_KEY and PAYEE_URL from the environment\n`,
    calls: {
      createPayment: { method: 'create_payment', code: `payment = payee.create_payment(\n    method="alipay.qr", out_trade_no="A1001", subject="T-shirt", amount=1999, currency="CNY",\n)` },
      listPayments: { method: 'iter_payments', code: `for p in payee.iter_payments(limit=50):\n    print(p.pay_no, p.status)` },
      getPayment: { method: 'get_payment', code: `payment = payee.get_payment("${payNo}")` },
      listPaymentEvents: { method: 'list_payment_events', code: `events = payee.list_payment_events("${payNo}")` },
      closePayment: { method: 'close_payment', code: `closed = payee.close_payment("${payNo}")` },
      syncPayment: { method: 'sync_payment', code: `result = payee.sync_payment("${payNo}")` },
      createRefund: { method: 'create_refund', code: `refund = payee.create_refund("${payNo}", amount=500, reason="size exchange")` },
      listRefunds: { method: 'list_refunds', code: `refunds = payee.list_refunds("${payNo}")` },
      listNotifications: { method: 'list_notifications', code: `attempts = payee.list_notifications("${payNo}")` },
      resendNotification: { method: 'resend_notification', code: `payee.resend_notification("${payNo}")` },
      getReconciliation: { method: 'get_reconciliation', code: `report = payee.get_reconciliation("2026-11-24")` },
      getOpenApi: { method: 'get_openapi', code: `document = payee.get_openapi()` },
    },
  },
  go: {
    label: 'Go',
    lang: 'go',
    setup: `import payee "github.com/payee-dev/payee/sdk/go"\n\nclient, err := payee.NewClient() // PAYEE_URL and PAYEE_KEY\n`,
    calls: {
      createPayment: { method: 'Client.CreatePayment', code: `payment, err := client.CreatePayment(ctx, payee.CreatePaymentRequest{\n\tMethod: payee.MethodAlipayQR, OutTradeNo: "A1001", Subject: "T-shirt", Amount: 1999, Currency: "CNY",\n})` },
      listPayments: { method: 'Client.ListPayments', code: `for p, err := range client.ListPayments(ctx, payee.ListPaymentsParams{Limit: 50}) {\n\tif err != nil {\n\t\treturn err\n\t}\n\tfmt.Println(p.PayNo, p.Status)\n}` },
      getPayment: { method: 'Client.GetPayment', code: `payment, err := client.GetPayment(ctx, "${payNo}")` },
      listPaymentEvents: { method: 'Client.ListPaymentEvents', code: `events, err := client.ListPaymentEvents(ctx, "${payNo}")` },
      closePayment: { method: 'Client.ClosePayment', code: `closed, err := client.ClosePayment(ctx, "${payNo}")` },
      syncPayment: { method: 'Client.SyncPayment', code: `result, err := client.SyncPayment(ctx, "${payNo}")` },
      createRefund: { method: 'Client.CreateRefund', code: `refund, err := client.CreateRefund(ctx, "${payNo}", payee.CreateRefundRequest{Amount: 500, Reason: "size exchange"})` },
      listRefunds: { method: 'Client.ListRefunds', code: `refunds, err := client.ListRefunds(ctx, "${payNo}")` },
      listNotifications: { method: 'Client.ListNotifications', code: `attempts, err := client.ListNotifications(ctx, "${payNo}")` },
      resendNotification: { method: 'Client.ResendNotification', code: `_, err := client.ResendNotification(ctx, "${payNo}")` },
      getReconciliation: { method: 'Client.GetReconciliation', code: `report, err := client.GetReconciliation(ctx, payee.ReconciliationParams{Day: "2026-11-24"})` },
      getOpenApi: { method: 'Client.GetOpenAPI', code: `document, err := client.GetOpenAPI(ctx)` },
    },
  },
  java: {
    label: 'Java',
    lang: 'java',
    setup: `import dev.payee.*;\nimport dev.payee.model.*;\n\nPayeeClient payee = PayeeClient.builder()\n    .baseUrl(System.getenv("PAYEE_URL")).apiKey(System.getenv("PAYEE_KEY")).build();\n`,
    calls: {
      createPayment: { method: 'payments.create', code: `Payment payment = payee.payments().create(CreatePaymentParams.builder()\n    .method(PaymentMethod.ALIPAY_QR).outTradeNo("A1001").subject("T-shirt")\n    .amount(1999).currency("CNY").build());` },
      listPayments: { method: 'payments.list', code: `for (Payment p : payee.payments().list(ListPaymentsParams.builder().limit(50).build()).autoPagingIterable()) {\n  System.out.println(p.payNo() + " " + p.status());\n}` },
      getPayment: { method: 'payments.get', code: `Payment payment = payee.payments().get("${payNo}");` },
      listPaymentEvents: { method: 'payments.events', code: `List<PaymentEvent> events = payee.payments().events("${payNo}");` },
      closePayment: { method: 'payments.close', code: `Payment closed = payee.payments().close("${payNo}");` },
      syncPayment: { method: 'payments.sync', code: `SyncResult result = payee.payments().sync("${payNo}");` },
      createRefund: { method: 'refunds.create', code: `Refund refund = payee.refunds().create("${payNo}", CreateRefundParams.of(500, "size exchange"));` },
      listRefunds: { method: 'refunds.list', code: `List<Refund> refunds = payee.refunds().list("${payNo}");` },
      listNotifications: { method: 'notifications.list', code: `List<Notification> attempts = payee.notifications().list("${payNo}");` },
      resendNotification: { method: 'notifications.resend', code: `payee.notifications().resend("${payNo}");` },
      getReconciliation: { method: 'reports.reconciliation', code: `ReconciliationList report = payee.reports().reconciliation(ReconciliationParams.of("2026-11-24"));` },
      getOpenApi: { method: 'openapi', code: `Map<String, Object> document = payee.openapi();` },
    },
  },
  csharp: {
    label: 'C#',
    lang: 'csharp',
    setup: `using Payee;\n\nvar payee = new PayeeClient(new PayeeClientOptions\n{\n    BaseUrl = Environment.GetEnvironmentVariable("PAYEE_URL"),\n    ApiKey = Environment.GetEnvironmentVariable("PAYEE_KEY"),\n});\n`,
    calls: {
      createPayment: { method: 'Payments.CreateAsync', code: `var payment = await payee.Payments.CreateAsync(new CreatePaymentParams\n{\n    Method = PaymentMethod.AlipayQr, OutTradeNo = "A1001", Subject = "T-shirt", Amount = 1999, Currency = "CNY",\n});` },
      listPayments: { method: 'Payments.ListAutoPaging', code: `foreach (var p in payee.Payments.ListAutoPaging(new ListPaymentsParams { Limit = 50 }))\n    Console.WriteLine(p.PayNo + " " + p.Status);` },
      getPayment: { method: 'Payments.GetAsync', code: `var payment = await payee.Payments.GetAsync("${payNo}");` },
      listPaymentEvents: { method: 'Payments.ListEventsAsync', code: `var events = await payee.Payments.ListEventsAsync("${payNo}");` },
      closePayment: { method: 'Payments.CloseAsync', code: `var closed = await payee.Payments.CloseAsync("${payNo}");` },
      syncPayment: { method: 'Payments.SyncAsync', code: `var result = await payee.Payments.SyncAsync("${payNo}");` },
      createRefund: { method: 'Refunds.CreateAsync', code: `var refund = await payee.Refunds.CreateAsync("${payNo}", new CreateRefundParams { Amount = 500, Reason = "size exchange" });` },
      listRefunds: { method: 'Refunds.ListAsync', code: `var refunds = await payee.Refunds.ListAsync("${payNo}");` },
      listNotifications: { method: 'Notifications.ListAsync', code: `var attempts = await payee.Notifications.ListAsync("${payNo}");` },
      resendNotification: { method: 'Notifications.ResendAsync', code: `await payee.Notifications.ResendAsync("${payNo}");` },
      getReconciliation: { method: 'Reports.GetReconciliationAsync', code: `var report = await payee.Reports.GetReconciliationAsync(new ReconciliationParams { Day = "2026-11-24" });` },
      getOpenApi: { method: 'GetOpenApiAsync', code: `var document = await payee.GetOpenApiAsync();` },
    },
  },
  erlang: {
    label: 'Erlang',
    lang: 'erlang',
    setup: `Payee = payee:client(#{base_url => os:getenv("PAYEE_URL"), api_key => os:getenv("PAYEE_KEY")}),\n`,
    calls: {
      createPayment: { method: 'payee:create_payment', code: `{ok, Payment} = payee:create_payment(Payee, #{\n    method => 'alipay.qr', out_trade_no => <<"A1001">>, subject => <<"T-shirt">>, amount => 1999, currency => <<"CNY">>\n}).` },
      listPayments: { method: 'payee:fold_payments', code: `{ok, _} = payee:fold_payments(Payee, #{limit => 50},\n    fun(#{pay_no := PayNo, status := Status}, Acc) -> io:format("~s ~p~n", [PayNo, Status]), Acc end, ok).` },
      getPayment: { method: 'payee:get_payment', code: `{ok, Payment} = payee:get_payment(Payee, <<"${payNo}">>).` },
      listPaymentEvents: { method: 'payee:list_payment_events', code: `{ok, Events} = payee:list_payment_events(Payee, <<"${payNo}">>).` },
      closePayment: { method: 'payee:close_payment', code: `{ok, Closed} = payee:close_payment(Payee, <<"${payNo}">>).` },
      syncPayment: { method: 'payee:sync_payment', code: `{ok, #{payment := Payment, provider := Provider}} = payee:sync_payment(Payee, <<"${payNo}">>).` },
      createRefund: { method: 'payee:create_refund', code: `{ok, Refund} = payee:create_refund(Payee, <<"${payNo}">>, #{amount => 500, reason => <<"size exchange">>}).` },
      listRefunds: { method: 'payee:list_refunds', code: `{ok, Refunds} = payee:list_refunds(Payee, <<"${payNo}">>).` },
      listNotifications: { method: 'payee:list_notifications', code: `{ok, Attempts} = payee:list_notifications(Payee, <<"${payNo}">>).` },
      resendNotification: { method: 'payee:resend_notification', code: `{ok, _} = payee:resend_notification(Payee, <<"${payNo}">>).` },
      getReconciliation: { method: 'payee:get_reconciliation', code: `{ok, Report} = payee:get_reconciliation(Payee, #{day => <<"2026-11-24">>}).` },
      getOpenApi: { method: 'payee:get_openapi', code: `{ok, Document} = payee:get_openapi(Payee).` },
    },
  },
};

/** Redoc's x-codeSamples for one operation: curl, then each SDK's call; none for an operation no SDK has (the operator's API). */
export function codeSamples(method: string, path: string, operationId: string): { lang: string; label: string; source: string }[] {
  const sdk = Object.values(SNIPPETS).flatMap((s) => {
    const call = s.calls[operationId];
    return call ? [{ lang: s.lang, label: s.label, source: `${s.setup}\n${call.code}\n` }] : [];
  });
  return sdk.length ? [{ lang: 'curl', label: 'curl', source: curlSample(method, path, operationId) }, ...sdk] : [];
}

/** The same calls with curl, against the walkthrough's PAYEE_URL and PAYEE_KEY. */
export function curlSample(method: string, path: string, operationId: string): string {
  const url = `$PAYEE_URL${path.replace('{payNo}', payNo)}${operationId === 'getReconciliation' ? '?day=2026-11-24' : ''}`;
  const body = CURL_BODIES[operationId];
  const lines = [`curl -s${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${url}"`, `  -H "x-api-key: $PAYEE_KEY"`];
  if (body) lines.push(`  -H 'content-type: application/json' -H 'Idempotency-Key: ${operationId === 'createPayment' ? 'order-A1001' : 'refund-A1001-1'}'`, `  -d '${JSON.stringify(body)}'`);
  return `${lines.join(' \\\n')}\n`;
}

const CURL_BODIES: Readonly<Record<string, object>> = {
  createPayment: { method: 'alipay.qr', outTradeNo: 'A1001', subject: 'T-shirt', amount: 1999, currency: 'CNY' },
  createRefund: { amount: 500, reason: 'size exchange' },
};

/** Redoc's code sample languages (its own default list knows no TypeScript): curl, then each SDK's. */
export function sampleLanguages(): { lang: string; label: string }[] {
  return [{ lang: 'curl', label: 'curl' }, ...Object.values(SNIPPETS).map((s) => ({ lang: s.lang, label: s.label }))];
}
