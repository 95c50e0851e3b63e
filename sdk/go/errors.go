package payee

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrorType is error.type of the API's error shape, or one of the SDK's own types for failures
// that have no API error body: rate_limit (API Gateway's 429), api (any other answer the API
// does not document, e.g. a gateway's 502), connection (no HTTP answer) and signature
// (VerifyNotification).
type ErrorType string

const (
	TypeInvalidRequest        ErrorType = "invalid_request"
	TypeAuthentication        ErrorType = "authentication"
	TypeNotFound              ErrorType = "not_found"
	TypeConflict              ErrorType = "conflict"
	TypeIdempotency           ErrorType = "idempotency"
	TypeProvider              ErrorType = "provider"
	TypeUnavailable           ErrorType = "unavailable"
	TypeInternal              ErrorType = "internal"
	TypeRateLimit             ErrorType = "rate_limit"
	TypeAPI                   ErrorType = "api"
	TypeConnection            ErrorType = "connection"
	TypeSignatureVerification ErrorType = "signature"
)

// ErrorTypes lists the API's error types (error.type), the SDK's own types left out.
var ErrorTypes = []ErrorType{TypeInvalidRequest, TypeAuthentication, TypeNotFound, TypeConflict, TypeIdempotency, TypeProvider, TypeUnavailable, TypeInternal}

// Error codes (error.code, or a FAILED payment's or refund's failure code) the API's document names.
const (
	CodeAccountNotFound           = "account_not_found"           // 400: a detail line names an account that is not the company's; param names the line's field
	CodeAPIKeyExpired             = "api_key_expired"             // 403: a rotated API key past its overlap
	CodeCombinePartnerUnsupported = "combine_partner_unsupported" // a FAILED combined payment's failure code: a partner pay config cannot combine
	CodeCombinedNotSupported      = "combined_not_supported"      // 400: the method (UnionPay) or the group cannot be paid in one combined step
	CodeCurrencyMismatch          = "currency_mismatch"           // 400: a detail line's account is not in the payment's currency
	CodeCurrencyNotSupported      = "currency_not_supported"      // 400: the channel takes no payment or refund in this currency
	CodeDuplicateOutTradeNo       = "duplicate_out_trade_no"      // 409: the outTradeNo has a payment already; payNo names it
	CodeGroupNotClosable          = "group_not_closable"          // 409: no member of the group is open, so there is nothing to close
	CodeIdempotencyKeyInUse       = "idempotency_key_in_use"      // 409: the first request with this Idempotency-Key still runs (retried automatically)
	CodeIdempotencyKeyReused      = "idempotency_key_reused"      // 422: the Idempotency-Key was used with another body
	CodeInsufficientFunds         = "insufficient_funds"          // 409: a balance.transfer would take an account past its overdraft limit; nothing stored
	CodeInvalidClient             = "invalid_client"              // a FAILED payment's failure code: PayPal refused the pay config's credentials
	CodeInvalidJSON               = "invalid_json"                // 400: the body is not JSON
	CodeLedgerDisabled            = "ledger_disabled"             // 409: the company's ledger is not switched on (accounts, ledger detail lines)
	CodeMethodNotSupported        = "method_not_supported"        // 400: the channel has no such method
	CodeNoNotifyURL               = "no_notify_url"               // 409: resend asked for a payment created without a notifyUrl
	CodeNotCaptured               = "not_captured"                // a FAILED refund's failure code: PayPal has no completed capture
	CodeNotPaid                   = "not_paid"                    // a FAILED refund's failure code: UnionPay has no paid order
	CodeParameterConflict         = "parameter_conflict"          // 400: parameters that cannot be combined (outTradeNo with cursor)
	CodeParameterInvalid          = "parameter_invalid"           // 400: a field has a value that is not allowed; param names it
	CodeParameterMissing          = "parameter_missing"           // 400: a required field is missing; param names it
	CodeParameterUnknown          = "parameter_unknown"           // 400: a field the API does not know; param names it
	CodePayConfigAmbiguous        = "pay_config_ambiguous"        // 400: several pay configs fit: give payId
	CodePayConfigInvalid          = "pay_config_invalid"          // 400: the pay config lacks what the method needs
	CodePayConfigMismatch         = "pay_config_mismatch"         // 400: payId is another channel's pay config
	CodePayConfigNotFound         = "pay_config_not_found"        // 400: no active pay config of that payId
	CodePayerClientIPRequired     = "payer_client_ip_required"    // a FAILED payment's failure code: the method needs payer.clientIp
	CodePayerOpenidRequired       = "payer_openid_required"       // a FAILED payment's failure code: wechat.jsapi needs payer.openid
	CodePaymentChanged            = "payment_changed"             // 409: a concurrent retry with the same Idempotency-Key answered first; fetch the payment
	CodePaymentNotClosable        = "payment_not_closable"        // 409: only CREATED and PENDING payments can be closed
	CodePaymentNotRefundable      = "payment_not_refundable"      // 409: only SUCCEEDED and PARTIALLY_REFUNDED payments can be refunded
	CodeProviderRefused           = "provider_refused"            // 409: the provider refused the close, with its own code in the message
	CodeProviderUnavailable       = "provider_unavailable"        // 503: the provider did not answer; the outcome is unknown
	CodeRefundExceedsRefundable   = "refund_exceeds_refundable"   // 409: more than the payment's refundableAmount
	CodeResourceMissing           = "resource_missing"            // 404: no such resource, or one another company owns
	CodeSceneMethodUnavailable    = "scene_method_unavailable"    // 400: the scene offers no such method
	CodeSceneNotFound             = "scene_not_found"             // 400: no such scene
	CodeServiceUnavailable        = "service_unavailable"         // 503: payee's storage did not answer in time
	CodeStatementNotSupported     = "statement_not_supported"     // 400: the pay config's provider statements are not read
	CodeTransferNotRefundable     = "transfer_not_refundable"     // a FAILED refund's failure code: a balance.transfer is undone by a transfer back
	CodeUnknownAPIVersion         = "unknown_api_version"         // 400: Payee-Version names no version of the API
	CodeUnsupportedContentType    = "unsupported_content_type"    // 400: the body is not application/json
)

// ErrorCodes lists the Code* constants.
var ErrorCodes = []string{CodeAccountNotFound, CodeAPIKeyExpired, CodeCombinePartnerUnsupported, CodeCombinedNotSupported, CodeCurrencyMismatch, CodeCurrencyNotSupported, CodeDuplicateOutTradeNo, CodeGroupNotClosable, CodeIdempotencyKeyInUse, CodeIdempotencyKeyReused, CodeInsufficientFunds, CodeInvalidClient, CodeInvalidJSON, CodeLedgerDisabled, CodeMethodNotSupported, CodeNoNotifyURL, CodeNotCaptured, CodeNotPaid, CodeParameterConflict, CodeParameterInvalid, CodeParameterMissing, CodeParameterUnknown, CodePayConfigAmbiguous, CodePayConfigInvalid, CodePayConfigMismatch, CodePayConfigNotFound, CodePayerClientIPRequired, CodePayerOpenidRequired, CodePaymentChanged, CodePaymentNotClosable, CodePaymentNotRefundable, CodeProviderRefused, CodeProviderUnavailable, CodeRefundExceedsRefundable, CodeResourceMissing, CodeSceneMethodUnavailable, CodeSceneNotFound, CodeServiceUnavailable, CodeStatementNotSupported, CodeTransferNotRefundable, CodeUnknownAPIVersion, CodeUnsupportedContentType}

// Error is every failure of an API call and of VerifyNotification. Compare its kind with
// errors.Is against the Err* sentinels, or read its fields after errors.As.
type Error struct {
	Type    ErrorType
	Code    string // error.code, e.g. "parameter_invalid"; empty for gateway and SDK-side errors
	Message string
	Param   string // the offending field, for invalid_request
	// PayNo names the existing payment of a 409 duplicate_out_trade_no.
	PayNo      string
	RequestID  string // error.requestId, or API Gateway's request id
	HTTPStatus int    // 0 when no HTTP answer came
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
	// Err is the cause of a connection or signature error.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("payee: ")
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, "%d ", e.HTTPStatus)
	}
	b.WriteString(string(e.Type))
	if e.Code != "" {
		b.WriteString("/" + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Param != "" {
		b.WriteString(" (param " + e.Param + ")")
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	if e.RequestID != "" {
		b.WriteString(" [request " + e.RequestID + "]")
	}
	return b.String()
}

// Unwrap gives the cause, so errors.Is(err, context.DeadlineExceeded) works on a timed-out call.
func (e *Error) Unwrap() error { return e.Err }

// Is matches the Err* kind sentinels.
func (e *Error) Is(target error) bool {
	k, ok := target.(*kind)
	return ok && k.matches(e)
}

// kind is a sentinel class of *Error.
type kind struct {
	name    string
	matches func(*Error) bool
}

func (k *kind) Error() string { return "payee: " + k.name }

func ofType(t ErrorType) func(*Error) bool { return func(e *Error) bool { return e.Type == t } }

// Sentinels for errors.Is. Each API error type has one; provider and unavailable are named for
// what they mean to a caller: the outcome at the provider is unknown, or payee's storage did
// not answer (both are retried, with the same Idempotency-Key).
var (
	ErrInvalidRequest      error = &kind{"invalid request", ofType(TypeInvalidRequest)}
	ErrAuthentication      error = &kind{"authentication", ofType(TypeAuthentication)}
	ErrNotFound            error = &kind{"not found", ofType(TypeNotFound)}
	ErrConflict            error = &kind{"conflict", ofType(TypeConflict)}
	ErrIdempotency         error = &kind{"idempotency", ofType(TypeIdempotency)}
	ErrRateLimit           error = &kind{"rate limit", ofType(TypeRateLimit)}
	ErrProviderUnavailable error = &kind{"provider unavailable", ofType(TypeProvider)}
	ErrServiceUnavailable  error = &kind{"service unavailable", ofType(TypeUnavailable)}
	// ErrAPI is a 500 (type internal) or an answer the API does not document (type api).
	ErrAPI                   error = &kind{"API error", func(e *Error) bool { return e.Type == TypeInternal || e.Type == TypeAPI }}
	ErrConnection            error = &kind{"connection", ofType(TypeConnection)}
	ErrSignatureVerification error = &kind{"signature verification", ofType(TypeSignatureVerification)}
)

// retryable says whether the same request may succeed later: 429, 5xx, a connection failure,
// and 409 idempotency_key_in_use (the first request with this key is still running).
func (e *Error) retryable() bool {
	switch {
	case e.Type == TypeConnection:
		return true
	case e.HTTPStatus == 429 || e.HTTPStatus >= 500:
		return true
	case e.HTTPStatus == 409 && e.Code == CodeIdempotencyKeyInUse:
		return true
	}
	return false
}

// typeOfStatus is the error type of an answer without the API's error body (API Gateway's own
// answers, a proxy's): 403 Forbidden is a refused key, 429 the usage plan's throttle.
func typeOfStatus(status int) ErrorType {
	switch status {
	case http.StatusForbidden:
		return TypeAuthentication
	case http.StatusNotFound:
		return TypeNotFound
	case http.StatusTooManyRequests:
		return TypeRateLimit
	default:
		return TypeAPI
	}
}

// WaitTimeoutError is the outcome of a waiter (WaitFor, CreateAndWait, RefundAndWait) whose
// MaxWait passed before the payment or refund reached a wanted status. It matches
// ErrWaitTimeout and carries what was last seen.
type WaitTimeoutError struct {
	PayNo    string
	RefundNo string // for RefundAndWait
	Waited   time.Duration
	// LastStatus is the status last seen; Payment or Refund the object itself.
	LastStatus string
	Payment    *Payment
	Refund     *Refund
}

// ErrWaitTimeout matches every *WaitTimeoutError.
var ErrWaitTimeout = errors.New("payee: wait timed out")

func (e *WaitTimeoutError) Error() string {
	what := e.PayNo
	if e.RefundNo != "" {
		what = "refund " + e.RefundNo + " of " + e.PayNo
	}
	return fmt.Sprintf("payee: wait timed out after %s: %s is still %s", e.Waited.Round(time.Millisecond), what, e.LastStatus)
}

func (e *WaitTimeoutError) Is(target error) bool { return target == ErrWaitTimeout }
