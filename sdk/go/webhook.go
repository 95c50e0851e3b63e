package payee

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// DefaultTolerance is how far a notification's timestamp may be from the receiver's clock.
const DefaultTolerance = 300 * time.Second

// SignatureHeader is the header carrying a notification's signature.
const SignatureHeader = "Payee-Signature"

func signatureError(message string, cause error) *Error {
	return &Error{Type: TypeSignatureVerification, Message: message, Err: cause}
}

// VerifiedNotification is a verified notification: exactly one of Payment (a payment.* type,
// Data a Payment) and Group (a group.* type, Data a Group with its members) is set. Switch on
// which is non-nil.
type VerifiedNotification struct {
	Payment *PaymentNotification
	Group   *GroupNotification
}

// VerifyNotification checks the Payee-Signature header of a notification against your notify
// secret and returns the notification, typed by its type: a group's (group.paid, group.closed)
// in Group, a payment's in Payment. rawBody must be the bytes received, before any JSON parsing.
// A timestamp more than tolerance away from now is refused, so a captured notification cannot
// be replayed later (tolerance ≤ 0 means DefaultTolerance). Any refusal is an *Error matching
// ErrSignatureVerification: answer it with a non-2xx status.
//
// While a secret is being rotated, call it with each secret in turn.
func VerifyNotification(rawBody []byte, header, secret string, tolerance time.Duration) (*VerifiedNotification, error) {
	return VerifyNotificationAt(rawBody, header, secret, tolerance, time.Now())
}

// VerifyNotificationAt is VerifyNotification with the receiver's clock given: for tests of a
// receiver, with SignNotification.
func VerifyNotificationAt(rawBody []byte, header, secret string, tolerance time.Duration, now time.Time) (*VerifiedNotification, error) {
	if err := VerifySignature(rawBody, header, secret, tolerance, now); err != nil {
		return nil, err
	}
	var kind struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(rawBody, &kind); err != nil {
		return nil, signatureError("the signed body is not a notification", err)
	}
	var n VerifiedNotification
	var target any
	if strings.HasPrefix(kind.Type, "group.") {
		n.Group = &GroupNotification{}
		target = n.Group
	} else {
		n.Payment = &PaymentNotification{}
		target = n.Payment
	}
	if err := json.Unmarshal(rawBody, target); err != nil {
		return nil, signatureError("the signed body is not a notification", err)
	}
	return &n, nil
}

// VerifySignature is VerifyNotificationAt's check alone: for receivers that parse the body
// themselves, and for the vectors in docs/vectors/notification-signature.json (checked with
// now = t; one has an empty body).
func VerifySignature(rawBody []byte, header, secret string, tolerance time.Duration, now time.Time) error {
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	if header == "" {
		return signatureError("no "+SignatureHeader+" header", nil)
	}
	var t string
	var signatures [][]byte
	for field := range strings.SplitSeq(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(field), "=")
		switch k {
		case "t":
			t = v
		case "v1":
			// A v1 that is not 64 hex digits cannot match; the others still may.
			if sig, err := hex.DecodeString(v); err == nil && len(sig) == sha256.Size {
				signatures = append(signatures, sig)
			}
		}
	}
	// Digits only: ParseInt alone would take a sign.
	ts, err := strconv.ParseInt(t, 10, 64)
	if err != nil || strings.TrimLeft(t, "0123456789") != "" {
		return signatureError("the header has no timestamp t", nil)
	}
	if len(signatures) == 0 {
		return signatureError("the header has no v1 signature", nil)
	}
	if age := now.Sub(time.Unix(ts, 0)); age > tolerance || age < -tolerance {
		return signatureError("the timestamp is outside the tolerance of "+tolerance.String()+" (replayed, or a clock out of sync)", nil)
	}
	expected := sign(rawBody, secret, t)
	for _, sig := range signatures {
		if hmac.Equal(sig, expected) { // constant time
			return nil
		}
	}
	return signatureError("no v1 signature matches the body and secret", nil)
}

// SignNotification makes the Payee-Signature header payee would send for rawBody at t: for
// testing your receiver.
func SignNotification(rawBody []byte, secret string, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(sign(rawBody, secret, ts))
}

// sign is HMAC-SHA256 over t + "." + the raw body, keyed with the whole secret string.
func sign(rawBody []byte, secret, t string) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(t + "."))
	mac.Write(rawBody)
	return mac.Sum(nil)
}
