using System;

namespace Payee
{
    /// <summary>The SDK's and the API's versions, as sent in every request's headers.</summary>
    public static class PayeeVersion
    {
        /// <summary>The SDK's version (Payee.Sdk.csproj's Version; a unit test keeps them equal).</summary>
        public const string Sdk = "0.1.0";

        /// <summary>The API version this SDK is written against: the <c>Payee-Version</c> header.</summary>
        public const string Api = "2026-11-24";

        /// <summary><c>Payee-Client</c>: the SDK's language and version.</summary>
        internal const string Client = "csharp/" + Sdk;

        internal static readonly string UserAgent = "payee-csharp/" + Sdk + " dotnet/" + Environment.Version;
    }
}
