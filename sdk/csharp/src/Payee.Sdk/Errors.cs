using System;

namespace Payee
{
    /// <summary>
    /// Every error the SDK throws. The API's own errors carry its <c>error</c> object's fields;
    /// the HTTP status and Retry-After come from the reply.
    /// </summary>
    public class PayeeException : Exception
    {
        public PayeeException(string message, Exception inner = null) : base(message, inner) { }

        internal PayeeException(ApiErrorInfo info) : base(info.Message ?? ("HTTP " + info.Status))
        {
            Type = info.Type;
            Code = info.Code;
            Param = info.Param;
            PayNo = info.PayNo;
            RequestId = info.RequestId;
            StatusCode = info.Status;
            RetryAfter = info.RetryAfter;
        }

        /// <summary>The API's error.type (invalid_request, conflict, ...); null when the API gave none.</summary>
        public string Type { get; private set; }
        /// <summary>The API's error.code (<see cref="ErrorCodes"/>).</summary>
        public string Code { get; protected set; }
        /// <summary>The request field at fault, e.g. amount or payer.openid.</summary>
        public string Param { get; private set; }
        /// <summary>The payment concerned, e.g. the existing one of a duplicate outTradeNo.</summary>
        public string PayNo { get; private set; }
        /// <summary>The request's id, for payee's logs.</summary>
        public string RequestId { get; private set; }
        /// <summary>The HTTP status; 0 when there was no reply.</summary>
        public int StatusCode { get; private set; }
        /// <summary>What the reply's Retry-After asked, if anything.</summary>
        public TimeSpan? RetryAfter { get; private set; }
    }

    /// <summary>An error of the API that no narrower class covers (error.type internal, a gateway's 502, ...).</summary>
    public class ApiException : PayeeException
    {
        internal ApiException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>400: a field is missing or invalid (<see cref="PayeeException.Param"/> names it).</summary>
    public sealed class InvalidRequestException : PayeeException
    {
        internal InvalidRequestException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>401/403: the API key is missing, unknown, expired or disabled.</summary>
    public sealed class AuthenticationException : PayeeException
    {
        internal AuthenticationException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>404: no such payment (or route).</summary>
    public sealed class NotFoundException : PayeeException
    {
        internal NotFoundException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>409: the request conflicts with the payment's state (duplicate outTradeNo, not closable, refund too large).</summary>
    public sealed class ConflictException : PayeeException
    {
        internal ConflictException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>409/422: the Idempotency-Key is in use by a call in flight, or was used with another body.</summary>
    public sealed class IdempotencyException : PayeeException
    {
        internal IdempotencyException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>502/503 provider_unavailable or provider_refused: the payment provider failed.</summary>
    public sealed class ProviderUnavailableException : PayeeException
    {
        internal ProviderUnavailableException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>503 service_unavailable: payee's storage did not answer; retry after Retry-After.</summary>
    public sealed class ServiceUnavailableException : PayeeException
    {
        internal ServiceUnavailableException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>429: over the API key's usage plan.</summary>
    public sealed class RateLimitException : PayeeException
    {
        internal RateLimitException(ApiErrorInfo info) : base(info) { }
    }

    /// <summary>No answer: the connection failed, was lost, or the timeout ran out.</summary>
    public sealed class ApiConnectionException : PayeeException
    {
        public ApiConnectionException(string message, Exception inner = null) : base(message, inner) { }
    }

    /// <summary>A notification's Payee-Signature did not verify; <see cref="PayeeException.Code"/> says why.</summary>
    public sealed class SignatureVerificationException : PayeeException
    {
        public SignatureVerificationException(string code, string message) : base(message)
        {
            Code = code;
        }
    }

    /// <summary>A waiter's deadline ran out; <see cref="LastSeen"/> is the payment or refund as last read.</summary>
    public sealed class WaitTimeoutException : PayeeException
    {
        public WaitTimeoutException(TimeSpan maxWait, string status, object lastSeen)
            : base("still " + status + " after " + maxWait.TotalMilliseconds + " ms")
        {
            LastSeen = lastSeen;
        }

        public object LastSeen { get; private set; }
    }

    /// <summary>A waited-for payment reached a terminal status that is not one of those wanted.</summary>
    public sealed class WaitFailedException : PayeeException
    {
        public WaitFailedException(string message, object lastSeen) : base(message)
        {
            LastSeen = lastSeen;
        }

        public object LastSeen { get; private set; }
    }
}
