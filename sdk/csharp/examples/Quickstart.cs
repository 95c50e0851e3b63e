// The README's quickstart: create a payment, have the local Alipay sandbox pay it, wait until it
// is paid, refund part of it. Run from the repository's root against `npm start` (README.md).
using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Payee;

internal static class Quickstart
{
    // Mono's mcs has no async Main; with dotnet, `static async Task Main()` does the same.
    private static void Main()
    {
        RunAsync().GetAwaiter().GetResult();
    }

    private static async Task RunAsync()
    {
        var payee = new PayeeClient(new PayeeClientOptions
        {
            BaseUrl = Environment.GetEnvironmentVariable("PAYEE_URL"),
            ApiKey = Environment.GetEnvironmentVariable("PAYEE_KEY"),
        });

        var payment = await payee.Payments.CreateAsync(new CreatePaymentParams
        {
            Method = PaymentMethod.AlipayQr,
            OutTradeNo = "A" + Guid.NewGuid().ToString("N").Substring(0, 12),
            Subject = "T-shirt",
            Amount = 1999,                  // integer minor units: 19.99 CNY
            Currency = "CNY",
        });
        Console.WriteLine(payment.PayNo + " " + payment.Status + " " + payment.Action.Text);

        // Play the buyer: pay it in the local Alipay sandbox.
        Process.Start(new ProcessStartInfo("npm", "run --silent sandbox -- pay " + payment.PayNo) { UseShellExecute = false }).WaitForExit();

        var wait = new WaitOptions { MaxWait = TimeSpan.FromSeconds(30) };
        var paid = await payee.Payments.WaitForAsync(payment.PayNo, new[] { PaymentStatus.Succeeded }, wait);
        Console.WriteLine(paid.Status + " " + paid.PaidAt + " " + paid.ProviderTradeNo);

        var refund = await payee.Payments.RefundAndWaitAsync(paid.PayNo, new CreateRefundParams { Amount = 500, Reason = "size exchange" }, wait);
        Console.WriteLine(refund.RefundNo + " " + refund.Status);   // Succeeded
    }
}
