using System;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class WebhookTests
    {
        private static JObject[] Vectors()
        {
            var file = JObject.Parse(File.ReadAllText(Fixtures.Root("docs/vectors/notification-signature.json"), Encoding.UTF8));
            return file["vectors"].Cast<JObject>().ToArray();
        }

        private static DateTimeOffset At(JObject v, int plus = 0)
        {
            return DateTimeOffset.FromUnixTimeSeconds((long)v["t"] + plus);
        }

        [Test]
        public void EveryVectorVerifiesAndItsHeaderIsRemade()
        {
            var vectors = Vectors();
            Assert.GreaterOrEqual(vectors.Length, 4);
            foreach (var v in vectors)
            {
                Assert.DoesNotThrow(() => Webhook.VerifySignature((string)v["body"], (string)v["header"], (string)v["secret"], null, At(v)), (string)v["name"]);
                Assert.AreEqual((string)v["header"], Webhook.SignatureHeaderFor(Encoding.UTF8.GetBytes((string)v["body"]), (string)v["secret"], (long)v["t"]));
            }
        }

        [Test]
        public void StaleTamperedOrOtherSecretIsRefused()
        {
            foreach (var v in Vectors())
            {
                string body = (string)v["body"], header = (string)v["header"], secret = (string)v["secret"];
                Assert.AreEqual("timestamp_outside_tolerance",
                    Assert.Throws<SignatureVerificationException>(() => Webhook.VerifySignature(body, header, secret, null, At(v, 301))).Code);
                Assert.DoesNotThrow(() => Webhook.VerifySignature(body, header, secret, TimeSpan.FromSeconds(1000), At(v, 1000)));
                Assert.AreEqual("signature_mismatch",
                    Assert.Throws<SignatureVerificationException>(() => Webhook.VerifySignature(body + " ", header, secret, null, At(v))).Code);
                Assert.Throws<SignatureVerificationException>(() => Webhook.VerifySignature(body, header, secret + "x", null, At(v)));
            }
        }

        [Test]
        public void AnyV1MayMatchAndAMalformedHeaderIsRefused()
        {
            var v = Vectors()[0];
            string body = (string)v["body"], header = (string)v["header"], secret = (string)v["secret"];
            var rotated = header + ",v1=" + new string('0', 64) + ",v1=zz";
            Assert.DoesNotThrow(() => Webhook.VerifySignature(body, rotated.Replace("t=", "v0=x,t="), secret, null, At(v)));
            Assert.AreEqual("signature_malformed",
                Assert.Throws<SignatureVerificationException>(() => Webhook.VerifySignature(body, "v1=" + new string('0', 64), secret, null, At(v))).Code);
            Assert.AreEqual("signature_malformed",
                Assert.Throws<SignatureVerificationException>(() => Webhook.VerifySignature(body, "t=" + v["t"], secret, null, At(v))).Code);
            Assert.AreEqual("signature_missing", Assert.Throws<SignatureVerificationException>(() => Webhook.VerifySignature(body, "", secret, null, At(v))).Code);
        }

        [Test]
        public void VerifyNotificationReturnsTheTypedNotification()
        {
            var v = Vectors()[0];
            var notification = Webhook.VerifyNotification((string)v["body"], (string)v["header"], (string)v["secret"], null, At(v)) as PaymentNotification;
            Assert.IsNotNull(notification);
            Assert.AreEqual("payment.succeeded", notification.Type);
            Assert.AreEqual(PaymentStatus.Succeeded, notification.Data.Status);
            Assert.AreEqual(1999, notification.Data.Amount);
            var empty = Vectors().First(x => (string)x["body"] == "");
            Assert.AreEqual("payload_invalid", Assert.Throws<SignatureVerificationException>(() =>
                Webhook.VerifyNotification((string)empty["body"], (string)empty["header"], (string)empty["secret"], null, At(empty))).Code);
        }

        [Test]
        public void AGroupsBodyVerifiesToAGroupNotificationWithItsMembers()
        {
            var v = Vectors().First(x => (string)x["name"] == "group.paid");
            string body = (string)v["body"], header = (string)v["header"], secret = (string)v["secret"];
            var verified = Webhook.VerifyNotification(body, header, secret, null, At(v));
            Assert.IsInstanceOf<GroupNotification>(verified);
            var notification = (GroupNotification)verified;
            Assert.AreEqual("group.paid", notification.Type);
            Assert.AreEqual("G01KAX9QZW0G8S5T6V7X2Y3Z5C", notification.Data.GroupNo);
            Assert.AreEqual(GroupStatus.Paid, notification.Data.Status);
            CollectionAssert.AreEqual(new[] { "P01KAX9QZW0G8S5T6V7X2Y3Z5A", "P01KAX9QZW0G8S5T6V7X2Y3Z5B" }, notification.Data.Members.Select(m => m.PayNo).ToArray());
            CollectionAssert.AreEqual(new[] { PaymentStatus.Succeeded, PaymentStatus.Succeeded }, notification.Data.Members.Select(m => m.Payment.Status).ToArray());
            CollectionAssert.AreEqual(new long[] { 1000, 2500 }, notification.Data.Members.Select(m => m.Payment.Amount).ToArray());
            Assert.AreEqual("signature_mismatch", Assert.Throws<SignatureVerificationException>(() =>
                Webhook.VerifyNotification(body.Replace("\"amount\":2500", "\"amount\":2600"), header, secret, null, At(v))).Code);
        }
    }
}
