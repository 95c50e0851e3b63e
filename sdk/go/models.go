package payee

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// Models mirror the component schemas of the API's OpenAPI document (docs/openapi.json), one Go
// type per schema and with the schema's name. Amounts are int64 minor units of Currency (CNY
// 2 digits, JPY 0, KWD 3). Optional response fields are zero when the API leaves them out.

// PaymentStatus is a payment's place in payee's status machine.
type PaymentStatus string

const (
	StatusCreated           PaymentStatus = "CREATED"
	StatusPending           PaymentStatus = "PENDING"
	StatusSucceeded         PaymentStatus = "SUCCEEDED"
	StatusPartiallyRefunded PaymentStatus = "PARTIALLY_REFUNDED"
	StatusRefunded          PaymentStatus = "REFUNDED"
	StatusClosed            PaymentStatus = "CLOSED"
	StatusFailed            PaymentStatus = "FAILED"
)

// PaymentStatuses lists every PaymentStatus the API defines.
var PaymentStatuses = []PaymentStatus{StatusCreated, StatusPending, StatusSucceeded, StatusPartiallyRefunded, StatusRefunded, StatusClosed, StatusFailed}

// FinalPaymentStatuses are the statuses after which the buyer can no longer pay: the payment was
// paid (and perhaps refunded since), closed, or refused by the provider.
var FinalPaymentStatuses = []PaymentStatus{StatusSucceeded, StatusPartiallyRefunded, StatusRefunded, StatusClosed, StatusFailed}

// Final reports whether s is one of FinalPaymentStatuses.
func (s PaymentStatus) Final() bool { return s != StatusCreated && s != StatusPending && s != "" }

// Method is how the buyer pays: a provider and one of its products.
type Method string

const (
	MethodAlipayQR       Method = "alipay.qr"
	MethodAlipayPage     Method = "alipay.page"
	MethodAlipayWAP      Method = "alipay.wap"
	MethodAlipayApp      Method = "alipay.app"
	MethodWechatNative   Method = "wechat.native"
	MethodWechatJSAPI    Method = "wechat.jsapi"
	MethodWechatH5       Method = "wechat.h5"
	MethodWechatApp      Method = "wechat.app"
	MethodUnionpayWeb    Method = "unionpay.web"
	MethodUnionpayApp    Method = "unionpay.app"
	MethodPaypalCheckout Method = "paypal.checkout"
	// MethodBalanceTransfer moves money between ledger accounts inside payee: no provider, no pay
	// config; it settles at create.
	MethodBalanceTransfer Method = "balance.transfer"
)

// Methods lists every Method the API accepts.
var Methods = []Method{MethodAlipayQR, MethodAlipayPage, MethodAlipayWAP, MethodAlipayApp, MethodWechatNative, MethodWechatJSAPI, MethodWechatH5, MethodWechatApp, MethodUnionpayWeb, MethodUnionpayApp, MethodPaypalCheckout, MethodBalanceTransfer}

// CreatePaymentRequest is the body of POST /v1/payments.
type CreatePaymentRequest struct {
	Method     Method `json:"method"`
	OutTradeNo string `json:"outTradeNo"` // your order number, unique per company
	Subject    string `json:"subject"`
	Amount     int64  `json:"amount"` // what the buyer pays
	Currency   string `json:"currency"`
	// OrderAmount is what the order is worth; the API defaults it to Amount.
	OrderAmount int64  `json:"orderAmount,omitempty"`
	NotifyURL   string `json:"notifyUrl,omitempty"`
	ReturnURL   string `json:"returnUrl,omitempty"`
	// ExpiresIn is the payment's lifetime in seconds (60 … 604800).
	ExpiresIn int    `json:"expiresIn,omitempty"`
	Payer     *Payer `json:"payer,omitempty"`
	// PayID picks the pay config; Scene picks it through a scene; give at most one.
	PayID    string            `json:"payId,omitempty"`
	Scene    string            `json:"scene,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
	// Details (1-20 lines) say which account each part of Amount moves out of and into; their
	// amounts must add up to Amount.
	Details []DetailLine `json:"details,omitempty"`
}

// DetailLine is part of a payment's amount moving out of AccountOut into AccountRec.
type DetailLine struct {
	AccountOut string `json:"accountOut"`
	AccountRec string `json:"accountRec"`
	Amount     int64  `json:"amount"`
	Memo       string `json:"memo,omitempty"`
}

// Payer holds method-specific buyer fields: wechat.jsapi needs OpenID, wechat.h5 ClientIP.
type Payer struct {
	OpenID   string `json:"openid,omitempty"`
	ClientIP string `json:"clientIp,omitempty"`
}

// ActionType says what Action.Value holds.
type ActionType string

const (
	ActionQRCode      ActionType = "qr_code"
	ActionRedirect    ActionType = "redirect"
	ActionForm        ActionType = "form"
	ActionAppParams   ActionType = "app_params"
	ActionJSAPIParams ActionType = "jsapi_params"
)

// ActionTypes lists every ActionType the API defines.
var ActionTypes = []ActionType{ActionQRCode, ActionRedirect, ActionForm, ActionAppParams, ActionJSAPIParams}

// Action is what to show the buyer. The API's value is a string for every type but
// jsapi_params, whose value is an object: that one is in Params, the others in Value
// (MarshalJSON and UnmarshalJSON do the one-of; the tags name the API's fields).
type Action struct {
	Type   ActionType        `json:"type"`
	Value  string            `json:"value"`
	Params map[string]string `json:"-"`
}

// UnmarshalJSON reads the API's one-of value into Value or Params.
func (a *Action) UnmarshalJSON(b []byte) error {
	var raw struct {
		Type  ActionType      `json:"type"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*a = Action{Type: raw.Type}
	if len(raw.Value) > 0 && raw.Value[0] == '{' {
		return json.Unmarshal(raw.Value, &a.Params)
	}
	if len(raw.Value) > 0 {
		if err := json.Unmarshal(raw.Value, &a.Value); err != nil {
			return fmt.Errorf("payee: action.value: %w", err)
		}
	}
	return nil
}

// MarshalJSON writes the API's shape back (a notification's data, a test fixture).
func (a Action) MarshalJSON() ([]byte, error) {
	var value any = a.Value
	if a.Params != nil {
		value = a.Params
	}
	return json.Marshal(struct {
		Type  ActionType `json:"type"`
		Value any        `json:"value"`
	}{a.Type, value})
}

// Failure is the provider's refusal.
type Failure struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Payment is a payment as the API returns it.
type Payment struct {
	PayNo  string        `json:"payNo"`
	Status PaymentStatus `json:"status"`
	// Method is a string here, not a Method: an answer may name a method newer than this SDK.
	Method           string            `json:"method"`
	Channel          string            `json:"channel"`
	PayID            string            `json:"payId"`
	OutTradeNo       string            `json:"outTradeNo"`
	Subject          string            `json:"subject"`
	Amount           int64             `json:"amount"`
	OrderAmount      int64             `json:"orderAmount"`
	Currency         string            `json:"currency"`
	RefundableAmount int64             `json:"refundableAmount"`
	Action           *Action           `json:"action,omitempty"`
	ProviderTradeNo  string            `json:"providerTradeNo,omitempty"`
	Failure          *Failure          `json:"failure,omitempty"`
	NotifyURL        string            `json:"notifyUrl,omitempty"`
	ReturnURL        string            `json:"returnUrl,omitempty"`
	Metadata         map[string]string `json:"metadata,omitempty"`
	Details          []DetailLine      `json:"details,omitempty"`
	ExpiresAt        time.Time         `json:"expiresAt"`
	CreatedAt        time.Time         `json:"createdAt"`
	UpdatedAt        time.Time         `json:"updatedAt"`
	PaidAt           time.Time         `json:"paidAt,omitzero"`
}

// PaymentList is one page of GET /v1/payments; NextCursor is empty on the last page.
type PaymentList struct {
	Data       []Payment `json:"data"`
	NextCursor string    `json:"nextCursor,omitempty"`
}

// ListPaymentsParams is the query of GET /v1/payments. Zero fields are left out.
type ListPaymentsParams struct {
	CompanyID   string    // a descendant company's payments instead of the caller's
	OutTradeNo  string    // the one payment with this order number
	Limit       int       // page size, 1-100 (API default 20)
	Cursor      string    // the previous page's NextCursor
	CreatedFrom time.Time // at most 366 days before CreatedTo
	CreatedTo   time.Time // exclusive; the API defaults it to now
}

func (p ListPaymentsParams) values() url.Values {
	q := url.Values{}
	set := func(name, value string) {
		if value != "" {
			q.Set(name, value)
		}
	}
	set("companyId", p.CompanyID)
	set("outTradeNo", p.OutTradeNo)
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	set("cursor", p.Cursor)
	if !p.CreatedFrom.IsZero() {
		q.Set("createdFrom", p.CreatedFrom.UTC().Format(time.RFC3339Nano))
	}
	if !p.CreatedTo.IsZero() {
		q.Set("createdTo", p.CreatedTo.UTC().Format(time.RFC3339Nano))
	}
	return q
}

// EventOutcome says whether a provider event moved the payment.
type EventOutcome string

const (
	OutcomeApplied EventOutcome = "applied"
	OutcomeIgnored EventOutcome = "ignored"
)

// EventOutcomes lists every EventOutcome the API defines.
var EventOutcomes = []EventOutcome{OutcomeApplied, OutcomeIgnored}

// PaymentEvent is one provider event payee accepted for a payment (the audit trail).
type PaymentEvent struct {
	EventID         string        `json:"eventId"`
	Channel         string        `json:"channel"`
	ProviderStatus  string        `json:"providerStatus"`
	Status          PaymentStatus `json:"status"`
	Outcome         EventOutcome  `json:"outcome"`
	FromStatus      PaymentStatus `json:"fromStatus"`
	ToStatus        PaymentStatus `json:"toStatus,omitempty"`
	Reason          string        `json:"reason,omitempty"`
	Amount          int64         `json:"amount"`
	Currency        string        `json:"currency"`
	ProviderTradeNo string        `json:"providerTradeNo,omitempty"`
	PaidAt          time.Time     `json:"paidAt,omitzero"`
	NotifiedAt      time.Time     `json:"notifiedAt,omitzero"`
	RecordedAt      time.Time     `json:"recordedAt"`
}

// PaymentEventList is GET /v1/payments/{payNo}/events.
type PaymentEventList struct {
	Data []PaymentEvent `json:"data"`
}

// ProviderStatus is the provider's answer to a sync, in payee's terms.
type ProviderStatus string

const (
	ProviderNotFound  ProviderStatus = "NOT_FOUND"
	ProviderPending   ProviderStatus = "PENDING"
	ProviderSucceeded ProviderStatus = "SUCCEEDED"
	ProviderClosed    ProviderStatus = "CLOSED"
	ProviderRefunded  ProviderStatus = "REFUNDED"
)

// ProviderStatuses lists every ProviderStatus the API defines.
var ProviderStatuses = []ProviderStatus{ProviderNotFound, ProviderPending, ProviderSucceeded, ProviderClosed, ProviderRefunded}

// ProviderView is what the provider said about the payment.
type ProviderView struct {
	Status          ProviderStatus `json:"status"`
	ProviderStatus  string         `json:"providerStatus,omitempty"`
	ProviderTradeNo string         `json:"providerTradeNo,omitempty"`
	Amount          int64          `json:"amount,omitempty"`
	Currency        string         `json:"currency,omitempty"`
	PaidAt          time.Time      `json:"paidAt,omitzero"`
}

// RefundOutcome is what a sync did with one open refund.
type RefundOutcome string

const (
	RefundOutcomeSucceeded   RefundOutcome = "succeeded"
	RefundOutcomeFailed      RefundOutcome = "failed"
	RefundOutcomeProcessing  RefundOutcome = "processing"
	RefundOutcomeResubmitted RefundOutcome = "resubmitted"
	RefundOutcomeUnavailable RefundOutcome = "unavailable"
	RefundOutcomeSettled     RefundOutcome = "settled"
)

// RefundOutcomes lists every RefundOutcome the API defines.
var RefundOutcomes = []RefundOutcome{RefundOutcomeSucceeded, RefundOutcomeFailed, RefundOutcomeProcessing, RefundOutcomeResubmitted, RefundOutcomeUnavailable, RefundOutcomeSettled}

// SyncedRefund is one open refund a sync asked the provider about.
type SyncedRefund struct {
	RefundNo string        `json:"refundNo"`
	Outcome  RefundOutcome `json:"outcome"`
}

// SyncResult is POST /v1/payments/{payNo}/sync: the payment, and the provider's answer, which
// is applied through the same queue as callbacks (EventID names it in the events list).
type SyncResult struct {
	Payment  Payment        `json:"payment"`
	Provider ProviderView   `json:"provider"`
	EventID  string         `json:"eventId,omitempty"`
	Refunds  []SyncedRefund `json:"refunds,omitempty"`
}

// CreateRefundRequest is the body of POST /v1/payments/{payNo}/refunds.
type CreateRefundRequest struct {
	Amount int64  `json:"amount"` // at most the payment's RefundableAmount
	Reason string `json:"reason,omitempty"`
}

// RefundStatus is a refund's state: PENDING (the provider did not answer; retry with the same
// Idempotency-Key), PROCESSING (accepted, outcome later), SUCCEEDED or FAILED.
type RefundStatus string

const (
	RefundPending    RefundStatus = "PENDING"
	RefundProcessing RefundStatus = "PROCESSING"
	RefundSucceeded  RefundStatus = "SUCCEEDED"
	RefundFailed     RefundStatus = "FAILED"
)

// RefundStatuses lists every RefundStatus the API defines.
var RefundStatuses = []RefundStatus{RefundPending, RefundProcessing, RefundSucceeded, RefundFailed}

// Final reports whether the refund's outcome is known.
func (s RefundStatus) Final() bool { return s == RefundSucceeded || s == RefundFailed }

// Refund is a refund as the API returns it.
type Refund struct {
	RefundNo         string       `json:"refundNo"`
	PayNo            string       `json:"payNo"`
	Status           RefundStatus `json:"status"`
	Amount           int64        `json:"amount"`
	Currency         string       `json:"currency"`
	Reason           string       `json:"reason,omitempty"`
	ProviderRefundNo string       `json:"providerRefundNo,omitempty"`
	Failure          *Failure     `json:"failure,omitempty"`
	CreatedAt        time.Time    `json:"createdAt"`
	UpdatedAt        time.Time    `json:"updatedAt"`
}

// RefundList is GET /v1/payments/{payNo}/refunds.
type RefundList struct {
	Data []Refund `json:"data"`
}

// NotificationStatus is a notification's delivery state.
type NotificationStatus string

const (
	NotificationPending   NotificationStatus = "PENDING"
	NotificationDelivered NotificationStatus = "DELIVERED"
	NotificationFailed    NotificationStatus = "FAILED"
)

// NotificationStatuses lists every NotificationStatus the API defines.
var NotificationStatuses = []NotificationStatus{NotificationPending, NotificationDelivered, NotificationFailed}

// Attempt is one delivery attempt of a notification: StatusCode, or Error when no answer came.
type Attempt struct {
	N          int       `json:"n"`
	At         time.Time `json:"at"`
	StatusCode int       `json:"statusCode,omitempty"`
	Error      string    `json:"error,omitempty"`
	LatencyMs  int64     `json:"latencyMs"`
}

// Notification is a notification of a payment and its delivery record.
type Notification struct {
	NotificationID string             `json:"notificationId"`
	PayNo          string             `json:"payNo"`
	Type           EventType          `json:"type"`
	URL            string             `json:"url"`
	Status         NotificationStatus `json:"status"`
	Attempts       []Attempt          `json:"attempts"`
	NextAttemptAt  time.Time          `json:"nextAttemptAt,omitzero"`
	CreatedAt      time.Time          `json:"createdAt"`
	UpdatedAt      time.Time          `json:"updatedAt"`
}

// NotificationList is GET /v1/payments/{payNo}/notifications, oldest first.
type NotificationList struct {
	Data []Notification `json:"data"`
}

// EventType is a notification's type: "payment." and the new status in lower case.
type EventType string

const (
	EventPaymentSucceeded         EventType = "payment.succeeded"
	EventPaymentClosed            EventType = "payment.closed"
	EventPaymentPartiallyRefunded EventType = "payment.partially_refunded"
	EventPaymentRefunded          EventType = "payment.refunded"
	EventGroupPaid                EventType = "group.paid"
	EventGroupClosed              EventType = "group.closed"
)

// PaymentNotification is the body payee POSTs to a payment's notifyUrl (see VerifyNotification).
// Deduplicate on ID; Data is the payment as GET /v1/payments/{payNo} returned it then.
type PaymentNotification struct {
	ID        string    `json:"id"`
	Type      EventType `json:"type"`
	CreatedAt time.Time `json:"createdAt"`
	Data      Payment   `json:"data"`
}

// GroupNotification is the body payee POSTs to a group's notifyUrl when the group is paid or
// closed (see VerifyNotification). Deduplicate on ID; Data is the group, with its members, as
// GET /v1/groups/{groupNo} returned it then.
type GroupNotification struct {
	ID        string    `json:"id"`
	Type      EventType `json:"type"`
	CreatedAt time.Time `json:"createdAt"`
	Data      Group     `json:"data"`
}

// ReconciliationParams is the query of GET /v1/reports/reconciliation.
type ReconciliationParams struct {
	Day       string // yyyy-mm-dd, the statement's day (China Standard Time for Alipay and WeChat Pay); required
	PayID     string // only this pay config
	CompanyID string // a descendant company's reports instead of the caller's
}

func (p ReconciliationParams) values() url.Values {
	q := url.Values{"day": {p.Day}}
	if p.PayID != "" {
		q.Set("payId", p.PayID)
	}
	if p.CompanyID != "" {
		q.Set("companyId", p.CompanyID)
	}
	return q
}

// DifferenceKind names how a statement and payee's records disagree.
type DifferenceKind string

const (
	DifferenceMissingLocally    DifferenceKind = "missing_locally"
	DifferenceMissingAtProvider DifferenceKind = "missing_at_provider"
	DifferenceAmountDiffers     DifferenceKind = "amount_differs"
	DifferenceStatusDiffers     DifferenceKind = "status_differs"
	// The payment's detail lines posted another amount to the ledger than it was paid.
	DifferenceLedgerDiffers DifferenceKind = "ledger_differs"
)

// DifferenceKinds lists every DifferenceKind the API defines.
var DifferenceKinds = []DifferenceKind{DifferenceMissingLocally, DifferenceMissingAtProvider, DifferenceAmountDiffers, DifferenceStatusDiffers, DifferenceLedgerDiffers}

// StatementSide is a payment as the provider's statement has it.
type StatementSide struct {
	Amount         int64  `json:"amount,omitempty"`
	Currency       string `json:"currency"`
	Status         string `json:"status"`
	RefundedAmount int64  `json:"refundedAmount"`
	At             string `json:"at"`
}

// LocalSide is a payment as payee has it.
type LocalSide struct {
	Amount         int64  `json:"amount"`
	Currency       string `json:"currency"`
	Status         string `json:"status"`
	RefundedAmount int64  `json:"refundedAmount"`
	PaidAt         string `json:"paidAt,omitempty"`
}

// LedgerSide is what a payment's detail lines posted to the ledger (ledger_differs).
type LedgerSide struct {
	Posted int64 `json:"posted"`
}

// Difference is one disagreement, reported once per payment and kind.
type Difference struct {
	Kind            DifferenceKind `json:"kind"`
	PayNo           string         `json:"payNo"`
	ProviderTradeNo string         `json:"providerTradeNo,omitempty"`
	Provider        *StatementSide `json:"provider,omitempty"`
	Local           *LocalSide     `json:"local,omitempty"`
	Ledger          *LedgerSide    `json:"ledger,omitempty"`
}

// LedgerProof is the daily ledger proof of a config's day: its paid payments that post to the
// ledger, their amounts, what their lines posted and what the statement says they were paid.
type LedgerProof struct {
	Payments  int   `json:"payments"`
	Paid      int64 `json:"paid"`
	Posted    int64 `json:"posted"`
	Statement int64 `json:"statement"`
}

// ReconciliationReport is one pay config's comparison of a day's statement.
type ReconciliationReport struct {
	PayID          string       `json:"payId"`
	Channel        string       `json:"channel"`
	Day            string       `json:"day"`
	CheckedAt      string       `json:"checkedAt"`
	StatementLines int          `json:"statementLines"`
	LocalPayments  int          `json:"localPayments"`
	Ledger         *LedgerProof `json:"ledger,omitempty"`
	Differences    []Difference `json:"differences"`
}

// ReconciliationList is GET /v1/reports/reconciliation: a day's reports, one per pay config.
type ReconciliationList struct {
	Day  string                 `json:"day"`
	Data []ReconciliationReport `json:"data"`
}

// GroupMode is how a group's members are paid: each on its own (batch) or in one provider order
// (combined).
type GroupMode string

const (
	ModeBatch    GroupMode = "batch"
	ModeCombined GroupMode = "combined"
)

// GroupModes lists every GroupMode the API defines.
var GroupModes = []GroupMode{ModeBatch, ModeCombined}

// GroupStatus is derived from the members: open (none settled), paid (all paid), partially_paid
// (some paid, the rest open), closed (all closed or failed), mixed (anything else).
type GroupStatus string

const (
	GroupOpen          GroupStatus = "open"
	GroupPaid          GroupStatus = "paid"
	GroupPartiallyPaid GroupStatus = "partially_paid"
	GroupClosed        GroupStatus = "closed"
	GroupMixed         GroupStatus = "mixed"
)

// GroupStatuses lists every GroupStatus the API defines.
var GroupStatuses = []GroupStatus{GroupOpen, GroupPaid, GroupPartiallyPaid, GroupClosed, GroupMixed}

// CreateGroupRequest is the body of POST /v1/groups: 1-50 members and what they share. Method
// is required in combined mode; in batch mode it is the default of members without one.
type CreateGroupRequest struct {
	Mode      GroupMode            `json:"mode"`
	Method    Method               `json:"method,omitempty"`
	NotifyURL string               `json:"notifyUrl,omitempty"`
	ReturnURL string               `json:"returnUrl,omitempty"`
	ExpiresIn int                  `json:"expiresIn,omitempty"`
	Payer     *Payer               `json:"payer,omitempty"`
	PayID     string               `json:"payId,omitempty"`
	Scene     string               `json:"scene,omitempty"`
	Metadata  map[string]string    `json:"metadata,omitempty"`
	Members   []GroupMemberRequest `json:"members"`
}

// GroupMemberRequest is one payment of a new group: a payment create's fields. Method and PayID
// (batch only) default to the group's.
type GroupMemberRequest struct {
	Method      Method            `json:"method,omitempty"`
	OutTradeNo  string            `json:"outTradeNo"`
	Subject     string            `json:"subject"`
	Amount      int64             `json:"amount"`
	OrderAmount int64             `json:"orderAmount,omitempty"`
	Currency    string            `json:"currency"`
	PayID       string            `json:"payId,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
	Details     []DetailLine      `json:"details,omitempty"`
}

// Group is a group as POST /v1/groups and GET /v1/groups/{groupNo} return it, with every member.
type Group struct {
	GroupNo     string            `json:"groupNo"`
	Mode        GroupMode         `json:"mode"`
	Status      GroupStatus       `json:"status"`
	Method      string            `json:"method,omitempty"`
	NotifyURL   string            `json:"notifyUrl,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
	MemberCount int               `json:"memberCount"`
	CreatedAt   time.Time         `json:"createdAt"`
	UpdatedAt   time.Time         `json:"updatedAt"`
	// Action (combined) is what the buyer is shown to pay every member at once.
	Action  *Action       `json:"action,omitempty"`
	Members []GroupMember `json:"members"`
}

// GroupMember is a member of a group: its Payment as it is now, or the Error why it has none yet
// (a batch retried with the same Idempotency-Key completes it).
type GroupMember struct {
	OutTradeNo string   `json:"outTradeNo"`
	PayNo      string   `json:"payNo"`
	Payment    *Payment `json:"payment,omitempty"`
	Error      *Failure `json:"error,omitempty"`
}

// GroupSummary is a group as GET /v1/groups lists it: without its members.
type GroupSummary struct {
	GroupNo     string            `json:"groupNo"`
	Mode        GroupMode         `json:"mode"`
	Status      GroupStatus       `json:"status"`
	Method      string            `json:"method,omitempty"`
	NotifyURL   string            `json:"notifyUrl,omitempty"`
	Metadata    map[string]string `json:"metadata,omitempty"`
	MemberCount int               `json:"memberCount"`
	CreatedAt   time.Time         `json:"createdAt"`
	UpdatedAt   time.Time         `json:"updatedAt"`
}

// GroupList is one page of GET /v1/groups, newest first; NextCursor is empty on the last page.
type GroupList struct {
	Data       []GroupSummary `json:"data"`
	NextCursor string         `json:"nextCursor,omitempty"`
}

// PageParams is the query of a paged list (groups, accounts, an account's flows). Zero fields are
// left out.
type PageParams struct {
	Limit  int    // page size, 1-100 (API default 20)
	Cursor string // the previous page's NextCursor
}

// ListGroupsParams is the query of GET /v1/groups.
type ListGroupsParams = PageParams

func (p PageParams) values() url.Values {
	q := url.Values{}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.Cursor != "" {
		q.Set("cursor", p.Cursor)
	}
	return q
}

// GroupMemberSync is what one member's provider said to a group sync, or why it was not asked.
type GroupMemberSync struct {
	PayNo    string         `json:"payNo"`
	Provider ProviderStatus `json:"provider,omitempty"`
	EventID  string         `json:"eventId,omitempty"`
	Error    *Failure       `json:"error,omitempty"`
}

// GroupSyncResult is POST /v1/groups/{groupNo}/sync: the group as it is now and each member's
// provider answer, applied asynchronously.
type GroupSyncResult struct {
	Group   Group             `json:"group"`
	Members []GroupMemberSync `json:"members"`
}

// AccountType says which way an account's balance grows: a liability (what payee owes its holder,
// a wallet) with credits, an asset (money payee holds, a provider clearing account) with debits.
type AccountType string

const (
	AccountAsset     AccountType = "asset"
	AccountLiability AccountType = "liability"
)

// AccountTypes lists every AccountType the API defines.
var AccountTypes = []AccountType{AccountAsset, AccountLiability}

// CreateAccountRequest is the body of POST /v1/accounts. OverdraftLimit is how far below zero the
// available balance may go (0, the API's default: never below zero); NoOverdraftLimit sends null,
// no limit, which an account spread over Shards > 1 needs.
type CreateAccountRequest struct {
	Currency         string      `json:"currency"`
	Type             AccountType `json:"type"`
	Name             string      `json:"name,omitempty"`
	OverdraftLimit   int64       `json:"overdraftLimit,omitempty"`
	NoOverdraftLimit bool        `json:"-"`
	Shards           int         `json:"shards,omitempty"`
}

// MarshalJSON writes NoOverdraftLimit as the API's "overdraftLimit": null.
func (r CreateAccountRequest) MarshalJSON() ([]byte, error) {
	type fields CreateAccountRequest // without this method
	if !r.NoOverdraftLimit {
		return json.Marshal(fields(r))
	}
	return json.Marshal(struct {
		fields
		OverdraftLimit *int64 `json:"overdraftLimit"`
	}{fields: fields(r)})
}

// UnmarshalJSON reads "overdraftLimit": null as NoOverdraftLimit, as MarshalJSON writes it.
func (r *CreateAccountRequest) UnmarshalJSON(b []byte) error {
	type fields CreateAccountRequest
	var raw struct {
		fields
		OverdraftLimit json.RawMessage `json:"overdraftLimit"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*r = CreateAccountRequest(raw.fields)
	if string(raw.OverdraftLimit) == "null" {
		r.NoOverdraftLimit = true
	} else if len(raw.OverdraftLimit) > 0 {
		return json.Unmarshal(raw.OverdraftLimit, &r.OverdraftLimit)
	}
	return nil
}

// Balances are an account's balances in minor units, in its type's own sense (a liability's
// posted balance is its credits less its debits).
type Balances struct {
	Posted          int64 `json:"posted"`
	PendingIncoming int64 `json:"pendingIncoming"` // raises Posted when its payments succeed
	PendingOutgoing int64 `json:"pendingOutgoing"` // lowers it; already held from Available
	Available       int64 `json:"available"`       // Posted - PendingOutgoing: what the overdraft rule checks
	PostedDebits    int64 `json:"postedDebits"`
	PostedCredits   int64 `json:"postedCredits"`
	PendingDebits   int64 `json:"pendingDebits"`
	PendingCredits  int64 `json:"pendingCredits"`
}

// Account is a ledger account; OverdraftLimit is nil when there is no limit.
type Account struct {
	AccountID      string      `json:"accountId"`
	Currency       string      `json:"currency"`
	Type           AccountType `json:"type"`
	Name           string      `json:"name,omitempty"`
	OverdraftLimit *int64      `json:"overdraftLimit"`
	Shards         int         `json:"shards"`
	Balance        Balances    `json:"balance"`
	CreatedAt      time.Time   `json:"createdAt"`
}

// AccountList is one page of GET /v1/accounts, newest first.
type AccountList struct {
	Data       []Account `json:"data"`
	NextCursor string    `json:"nextCursor,omitempty"`
}

// FlowKind is a flow's step: pending (held at create), post or void (its payment paid or closed),
// posted (moved at once: a balance.transfer, a payment paid after it closed, a refund reversal).
type FlowKind string

const (
	FlowPending FlowKind = "pending"
	FlowPost    FlowKind = "post"
	FlowVoid    FlowKind = "void"
	FlowPosted  FlowKind = "posted"
)

// FlowKinds lists every FlowKind the API defines.
var FlowKinds = []FlowKind{FlowPending, FlowPost, FlowVoid, FlowPosted}

// FlowDirection is the account's side of a flow.
type FlowDirection string

const (
	DirectionDebit  FlowDirection = "debit"
	DirectionCredit FlowDirection = "credit"
)

// FlowDirections lists every FlowDirection the API defines.
var FlowDirections = []FlowDirection{DirectionDebit, DirectionCredit}

// Flow is one account's side of a double-entry flow from AccountOut to AccountRec.
type Flow struct {
	FlowID        string        `json:"flowId"`
	Kind          FlowKind      `json:"kind"`
	Direction     FlowDirection `json:"direction"`
	Amount        int64         `json:"amount"`
	Currency      string        `json:"currency"`
	AccountOut    string        `json:"accountOut"`
	AccountRec    string        `json:"accountRec"`
	PayNo         string        `json:"payNo"`
	RefundNo      string        `json:"refundNo,omitempty"`
	Line          int           `json:"line"` // the payment's detail line, from 0
	PendingFlowID string        `json:"pendingFlowId,omitempty"`
	Memo          string        `json:"memo,omitempty"`
	At            time.Time     `json:"at"`
}

// FlowList is one page of GET /v1/accounts/{accountId}/flows, newest first.
type FlowList struct {
	Data       []Flow `json:"data"`
	NextCursor string `json:"nextCursor,omitempty"`
}

// AccountBalance is an account's posted balance at a time.
type AccountBalance struct {
	AccountID string    `json:"accountId"`
	Currency  string    `json:"currency"`
	At        time.Time `json:"at"`
	Posted    int64     `json:"posted"`
}

// AccountBalanceParams is the query of GET /v1/accounts/{accountId}/balance: At zero is now.
type AccountBalanceParams struct {
	At time.Time
}

func (p AccountBalanceParams) values() url.Values {
	q := url.Values{}
	if !p.At.IsZero() {
		q.Set("at", p.At.UTC().Format(time.RFC3339Nano))
	}
	return q
}

// ReportDimension is what a daily report's rows are per, besides the day.
type ReportDimension string

const (
	DimensionChannel  ReportDimension = "channel"
	DimensionMethod   ReportDimension = "method"
	DimensionPayID    ReportDimension = "payId"
	DimensionCurrency ReportDimension = "currency"
)

// ReportDimensions lists every ReportDimension the API defines.
var ReportDimensions = []ReportDimension{DimensionChannel, DimensionMethod, DimensionPayID, DimensionCurrency}

// DailyReportParams is the query of GET /v1/reports/daily. From and To (China days, UTC+8,
// yyyy-mm-dd, both included, at most 31 days) are required; GroupBy defaults to the channel.
type DailyReportParams struct {
	From      string
	To        string
	GroupBy   ReportDimension
	CompanyID string // a descendant company's figures instead of the caller's
}

func (p DailyReportParams) values() url.Values {
	q := url.Values{"from": {p.From}, "to": {p.To}}
	if p.GroupBy != "" {
		q.Set("groupBy", string(p.GroupBy))
	}
	if p.CompanyID != "" {
		q.Set("companyId", p.CompanyID)
	}
	return q
}

// Tally is how many payments (or refunds) and their sum in minor units.
type Tally struct {
	Count  int64 `json:"count"`
	Amount int64 `json:"amount"`
}

// Timing is how many durations were measured and the histogram buckets holding the median and
// the 95th percentile (zero when none was measured).
type Timing struct {
	Count int64 `json:"count"`
	P50Ms int64 `json:"p50Ms,omitempty"`
	P95Ms int64 `json:"p95Ms,omitempty"`
}

// DailyReportRow is one China day, one value of the report's GroupBy and one Currency
// (ISO 4217: every amount of the row is in it; amounts are never summed across currencies). SuccessRate
// (succeeded / created) and AverageTicket are nil on a day without creates or successes.
type DailyReportRow struct {
	Day             string   `json:"day"`
	Group           string   `json:"group"`
	Currency        string   `json:"currency"`
	Created         Tally    `json:"created"`
	Succeeded       Tally    `json:"succeeded"`
	Closed          Tally    `json:"closed"`
	Failed          Tally    `json:"failed"`
	Refunded        Tally    `json:"refunded"`
	SuccessRate     *float64 `json:"successRate,omitempty"`
	AverageTicket   *int64   `json:"averageTicket,omitempty"`
	TimeToPay       Timing   `json:"timeToPay"`
	CallbackLatency Timing   `json:"callbackLatency"`
}

// DailyReport is GET /v1/reports/daily: one row per day, group and currency.
type DailyReport struct {
	From    string           `json:"from"`
	To      string           `json:"to"`
	GroupBy ReportDimension  `json:"groupBy"`
	Data    []DailyReportRow `json:"data"`
}
