using System;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class ErrorMappingTests
    {
        [TestCase("invalid_request", 400, typeof(InvalidRequestException))]
        [TestCase("authentication", 401, typeof(AuthenticationException))]
        [TestCase("not_found", 404, typeof(NotFoundException))]
        [TestCase("conflict", 409, typeof(ConflictException))]
        [TestCase("idempotency", 422, typeof(IdempotencyException))]
        [TestCase("provider", 503, typeof(ProviderUnavailableException))]
        [TestCase("unavailable", 503, typeof(ServiceUnavailableException))]
        [TestCase("internal", 500, typeof(ApiException))]
        public void EachErrorTypeIsItsOwnClassCarryingTheApisFields(string type, int status, Type expected)
        {
            var error = ErrorMapper.FromReply(status, Fixtures.Error(type, "some_code", "amount", "P9"), "header-id", TimeSpan.FromSeconds(2));
            Assert.AreEqual(expected, error.GetType());
            Assert.AreEqual(type, error.Type);
            Assert.AreEqual("some_code", error.Code);
            Assert.AreEqual("amount", error.Param);
            Assert.AreEqual("P9", error.PayNo);
            Assert.AreEqual("req-1", error.RequestId, "the body's requestId wins over the header");
            Assert.AreEqual(status, error.StatusCode);
            Assert.AreEqual(TimeSpan.FromSeconds(2), error.RetryAfter);
        }

        [Test]
        public void TheGatewaysOwnRepliesAreTypedByStatus()
        {
            var limited = ErrorMapper.FromReply(429, "{\"message\":\"Too Many Requests\"}", "gw-1", null);
            Assert.IsInstanceOf<RateLimitException>(limited);
            Assert.AreEqual("Too Many Requests", limited.Message);
            Assert.AreEqual("gw-1", limited.RequestId);
            Assert.IsInstanceOf<AuthenticationException>(ErrorMapper.FromReply(403, "{\"Message\":\"Forbidden\"}", null, null));
            var gateway = ErrorMapper.FromReply(502, "<html>Bad Gateway</html>", null, null);
            Assert.AreEqual(typeof(ApiException), gateway.GetType());
            Assert.IsNull(gateway.Type);
            Assert.AreEqual("HTTP 502", gateway.Message);
        }

        [Test]
        public void AnUnreadableSuccessIsAnApiErrorNotARawJsonException()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(200, "{\"payNo\":");
                var error = Assert.Throws<ApiException>(() => Fixtures.Client(server, new FakeTime()).Payments.Get("P1"));
                Assert.AreEqual("invalid_response", error.Code);
            }
        }

        [Test]
        public void AnEnumValueAddedLaterReadsAsUnknown()
        {
            var payment = PayeeJson.Deserialize<Payment>(Fixtures.Payment("P1", "ON_HOLD"));
            Assert.AreEqual(PaymentStatus.Unknown, payment.Status);
            Assert.AreEqual(PaymentActionType.QrCode, payment.Action.Type);
            Assert.AreEqual("https://qr.alipay.com/x", payment.Action.Text);
        }
    }
}
