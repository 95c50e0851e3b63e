using System;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>The API's error body: <c>{"error": {...}}</c>.</summary>
    internal sealed class ErrorBody
    {
        [JsonProperty("error")] public ApiErrorInfo Error { get; set; }
    }

    /// <summary>The API's error object, plus what the HTTP reply adds (status, Retry-After).</summary>
    internal sealed class ApiErrorInfo
    {
        [JsonProperty("type")] public string Type { get; set; }
        [JsonProperty("code")] public string Code { get; set; }
        [JsonProperty("message")] public string Message { get; set; }
        [JsonProperty("param")] public string Param { get; set; }
        [JsonProperty("payNo")] public string PayNo { get; set; }
        [JsonProperty("requestId")] public string RequestId { get; set; }
        [JsonIgnore] public int Status { get; set; }
        [JsonIgnore] public TimeSpan? RetryAfter { get; set; }
    }

    /// <summary>API Gateway's own replies (403 Forbidden, 429 Too Many Requests): <c>{"message": ...}</c>.</summary>
    internal sealed class GatewayBody
    {
        [JsonProperty("message")] public string Message { get; set; }
        [JsonProperty("Message")] public string MessageUpper { get; set; }
    }

    /// <summary>Turns a non-2xx reply into the typed exception its error.type (or status) names.</summary>
    internal static class ErrorMapper
    {
        public static PayeeException FromReply(int status, string body, string requestIdHeader, TimeSpan? retryAfter)
        {
            ApiErrorInfo info = null;
            string gatewayMessage = null;
            try
            {
                var parsed = PayeeJson.Deserialize<ErrorBody>(body);
                info = parsed == null ? null : parsed.Error;
                if (info == null)
                {
                    var gateway = PayeeJson.Deserialize<GatewayBody>(body);
                    gatewayMessage = gateway == null ? null : (gateway.Message ?? gateway.MessageUpper);
                }
            }
            catch (JsonException)
            {
                // A proxy's HTML page or an empty body: the status alone says what happened.
            }
            if (info == null) info = new ApiErrorInfo { Message = gatewayMessage ?? "HTTP " + status };
            info.Status = status;
            info.RetryAfter = retryAfter;
            if (info.RequestId == null) info.RequestId = requestIdHeader;
            return Create(info);
        }

        public static PayeeException Create(ApiErrorInfo info)
        {
            // 429 and 403 come from the gateway without an error.type: the status decides there.
            if (info.Status == 429) return new RateLimitException(info);
            switch (info.Type ?? TypeOfStatus(info.Status))
            {
                case "invalid_request": return new InvalidRequestException(info);
                case "authentication": return new AuthenticationException(info);
                case "not_found": return new NotFoundException(info);
                case "conflict": return new ConflictException(info);
                case "idempotency": return new IdempotencyException(info);
                case "provider": return new ProviderUnavailableException(info);
                case "unavailable": return new ServiceUnavailableException(info);
                default: return new ApiException(info);
            }
        }

        private static string TypeOfStatus(int status)
        {
            switch (status)
            {
                case 400: case 422: return "invalid_request";
                case 401: case 403: return "authentication";
                case 404: return "not_found";
                case 409: return "conflict";
                case 503: return "unavailable";
                default: return null;
            }
        }
    }
}
