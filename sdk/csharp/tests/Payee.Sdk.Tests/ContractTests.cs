using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    /// <summary>
    /// manifest.json is true of the code. `npm run sdk:contract` holds the manifest to
    /// docs/openapi.json; these tests hold the models, enums, methods and exceptions to the manifest,
    /// so a change of the document that the SDK does not follow fails one check or the other.
    /// </summary>
    [TestFixture]
    public class ContractTests
    {
        /// <summary>Each model of the document and the C# type it is read into (for a list, the item type too).</summary>
        private static readonly Dictionary<string, Type[]> Models = new Dictionary<string, Type[]>
        {
            { "CreatePaymentRequest", new[] { typeof(CreatePaymentParams) } },
            { "CreateRefundRequest", new[] { typeof(CreateRefundParams) } },
            { "Error", new[] { typeof(ErrorBody) } },
            { "getReconciliation.query", new[] { typeof(ReconciliationParams) } },
            { "listPayments.query", new[] { typeof(ListPaymentsParams) } },
            { "Notification", new[] { typeof(Notification) } },
            { "NotificationList", new[] { typeof(Page<>), typeof(Notification) } },
            { "Payment", new[] { typeof(Payment) } },
            { "PaymentEventList", new[] { typeof(Page<>), typeof(PaymentEvent) } },
            { "PaymentList", new[] { typeof(Page<>), typeof(Payment) } },
            { "PaymentNotification", new[] { typeof(PaymentNotification) } },
            { "ReconciliationList", new[] { typeof(ReconciliationList) } },
            { "Refund", new[] { typeof(Refund) } },
            { "RefundList", new[] { typeof(Page<>), typeof(Refund) } },
            { "SyncResult", new[] { typeof(SyncResult) } },
            { "CreateGroupRequest", new[] { typeof(CreateGroupParams) } },
            { "Group", new[] { typeof(Group) } },
            { "GroupList", new[] { typeof(Page<>), typeof(GroupSummary) } },
            { "GroupNotification", new[] { typeof(GroupNotification) } },
            { "GroupSyncResult", new[] { typeof(GroupSyncResult) } },
            { "listGroups.query", new[] { typeof(ListGroupsParams) } },
            { "Account", new[] { typeof(Account) } },
            { "AccountBalance", new[] { typeof(AccountBalance) } },
            { "AccountList", new[] { typeof(Page<>), typeof(Account) } },
            { "CreateAccountRequest", new[] { typeof(CreateAccountParams) } },
            { "FlowList", new[] { typeof(Page<>), typeof(Flow) } },
            { "getAccountBalance.query", new[] { typeof(AccountBalanceParams) } },
            { "listAccountFlows.query", new[] { typeof(ListPageParams) } },
            { "listAccounts.query", new[] { typeof(ListPageParams) } },
            { "DailyReport", new[] { typeof(DailyReport) } },
            { "getDailyReport.query", new[] { typeof(DailyReportParams) } },
        };

        /// <summary>Fields the SDK serves otherwise than as a property, and how.</summary>
        private static readonly Dictionary<string, string> ServedElsewhere = new Dictionary<string, string>
        {
            // A lookup by order number answers one payment or none: its own method, not a list filter.
            { "listPayments.query outTradeNo", "FindByOutTradeNo" },
        };

        /// <summary>String properties whose values the SDK checks elsewhere (error types: their exception classes).</summary>
        private static readonly HashSet<string> StringEnums = new HashSet<string> { "ApiErrorInfo.type" };

        private static JObject Manifest()
        {
            return JObject.Parse(File.ReadAllText(Fixtures.Root("sdk/csharp/manifest.json")));
        }

        [Test]
        public void EveryModelFieldIsAPropertyWithTheDocumentsValues()
        {
            var problems = new List<string>();
            var declared = new HashSet<string>();
            var reached = new HashSet<Type>();
            foreach (var model in Manifest()["models"].Cast<JProperty>())
            {
                Type[] target;
                if (!Models.TryGetValue(model.Name, out target))
                {
                    problems.Add(model.Name + ": no C# type is mapped to it");
                    continue;
                }
                foreach (var line in model.Value.Values<string>())
                {
                    var field = line.Replace(" (required)", "");
                    var colon = field.IndexOf(": ", StringComparison.Ordinal);
                    var path = colon < 0 ? field : field.Substring(0, colon);
                    var values = colon < 0 ? null : field.Substring(colon + 2);
                    if (ServedElsewhere.ContainsKey(model.Name + " " + path)) continue;
                    CheckField(model.Name, target, path, values, problems, declared, reached);
                }
            }
            foreach (var type in reached.Where(t => !t.IsGenericType))
            {
                foreach (var property in JsonProperties(type))
                {
                    if (!declared.Contains(type.Name + "." + property.Key)) problems.Add(type.Name + "." + property.Key + " is not in the document");
                }
            }
            CollectionAssert.IsEmpty(problems, string.Join("\n", problems));
        }

        private static void CheckField(string model, Type[] target, string path, string values, List<string> problems, HashSet<string> declared,
            HashSet<Type> reached)
        {
            var current = target[0];
            var owner = current;
            foreach (var segment in path.Replace("[]", "").Split('.'))
            {
                owner = current;
                reached.Add(owner);
                PropertyInfo property;
                if (!JsonProperties(owner).TryGetValue(segment, out property))
                {
                    problems.Add(model + " " + path + ": " + owner.Name + " has no property " + segment);
                    return;
                }
                declared.Add(owner.Name + "." + segment);
                current = Element(property.PropertyType, target);
            }
            if (values == null) return;
            Type[] named;
            if (Models.TryGetValue(values.Replace("[]", ""), out named))
            {
                if (current != named[0]) problems.Add(model + " " + path + ": " + current.Name + ", not " + named[0].Name);
            }
            else if (current.IsEnum)
            {
                var expected = new SortedSet<string>(values.Split('|'));
                var actual = new SortedSet<string>(ApiEnumConverter.Names(current).Values);
                if (!expected.SetEquals(actual)) problems.Add(model + " " + path + ": " + string.Join("|", actual) + ", not " + values);
            }
            else if (!StringEnums.Contains(owner.Name + "." + path.Split('.').Last()))
            {
                problems.Add(model + " " + path + ": " + current.Name + " should be an enum of " + values);
            }
        }

        /// <summary>The element type of a list, the item type for a list model's type parameter, a nullable's value type.</summary>
        private static Type Element(Type type, Type[] target)
        {
            if (type.IsGenericParameter) return target[1];
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return Element(type.GetGenericArguments()[0], target);
            return Nullable.GetUnderlyingType(type) ?? type;
        }

        private static Dictionary<string, PropertyInfo> JsonProperties(Type type)
        {
            var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            return definition.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => new { p, json = p.GetCustomAttributes(typeof(JsonPropertyAttribute), false).Cast<JsonPropertyAttribute>().FirstOrDefault() })
                .Where(x => x.json != null)
                .ToDictionary(x => x.json.PropertyName, x => x.p);
        }

        [Test]
        public void EveryOperationsMethodsExist()
        {
            var problems = new List<string>();
            foreach (var operation in Manifest()["operations"].Cast<JProperty>())
            {
                foreach (var name in ((string)operation.Value).Split(new[] { ", " }, StringSplitOptions.None))
                {
                    var parts = name.Split('.');
                    var owner = typeof(PayeeClient);
                    if (parts.Length == 2)
                    {
                        var service = owner.GetProperty(parts[0]);
                        if (service == null)
                        {
                            problems.Add(operation.Name + ": PayeeClient has no " + parts[0]);
                            continue;
                        }
                        owner = service.PropertyType;
                    }
                    if (owner.GetMethods().All(m => m.Name != parts.Last())) problems.Add(operation.Name + ": " + owner.Name + " has no " + parts.Last());
                }
            }
            CollectionAssert.IsEmpty(problems, string.Join("\n", problems));
        }

        [Test]
        public void EveryErrorTypeMapsToItsClass()
        {
            foreach (var pair in Manifest()["errorTypes"].Cast<JProperty>())
            {
                var error = ErrorMapper.Create(new ApiErrorInfo { Type = pair.Name, Status = 400 });
                Assert.AreEqual((string)pair.Value, error.GetType().Name, pair.Name);
            }
        }

        [Test]
        public void ErrorCodesHoldEveryCodeOfTheManifest()
        {
            var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)).OrderBy(c => c, StringComparer.Ordinal);
            CollectionAssert.AreEqual(Manifest()["errorCodes"].Values<string>().OrderBy(c => c, StringComparer.Ordinal).ToArray(), constants.ToArray());
        }

        [Test]
        public void VersionsMatchTheProjectFileAndTheDocument()
        {
            var project = File.ReadAllText(Fixtures.Root("sdk/csharp/src/Payee.Sdk/Payee.Sdk.csproj"));
            Assert.AreEqual(PayeeVersion.Sdk, Regex.Match(project, "<Version>([^<]+)</Version>").Groups[1].Value);
            var document = JObject.Parse(File.ReadAllText(Fixtures.Root("docs/openapi.json")));
            Assert.AreEqual((string)document["info"]["version"], PayeeVersion.Api);
        }
    }
}
