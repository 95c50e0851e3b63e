package payee

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// CreatePayment creates a payment (POST /v1/payments): PENDING with the Action to show the
// buyer, or FAILED when the provider refused at once. The call carries an Idempotency-Key
// (generated, or WithIdempotencyKey's), so its retries replay the first answer.
func (c *Client) CreatePayment(ctx context.Context, req CreatePaymentRequest, opts ...Option) (*Payment, error) {
	var p Payment
	if err := c.call(ctx, http.MethodPost, "/v1/payments", nil, req, &p, opts); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPayment reads a payment by payee's number.
func (c *Client) GetPayment(ctx context.Context, payNo string, opts ...Option) (*Payment, error) {
	var p Payment
	if err := c.call(ctx, http.MethodGet, "/v1/payments/"+url.PathEscape(payNo), nil, nil, &p, opts); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPaymentByOutTradeNo reads a payment by your order number: nil and no error when there is
// none (the API answers an empty list).
func (c *Client) GetPaymentByOutTradeNo(ctx context.Context, outTradeNo string, opts ...Option) (*Payment, error) {
	page, err := c.ListPaymentsPage(ctx, ListPaymentsParams{OutTradeNo: outTradeNo}, opts...)
	if err != nil || len(page.Data) == 0 {
		return nil, err
	}
	return &page.Data[0], nil
}

// ListPaymentsPage reads one page of payments, newest first.
func (c *Client) ListPaymentsPage(ctx context.Context, params ListPaymentsParams, opts ...Option) (*PaymentList, error) {
	var page PaymentList
	if err := c.call(ctx, http.MethodGet, "/v1/payments", params.values(), nil, &page, opts); err != nil {
		return nil, err
	}
	return &page, nil
}

// ListPayments ranges over every payment params selects, newest first, reading page after page
// as the loop goes on (params.Cursor is where it starts; Limit is the page size). An error ends
// the sequence as its last element; breaking out of the loop reads no further page.
//
//	for p, err := range client.ListPayments(ctx, payee.ListPaymentsParams{}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(p.PayNo, p.Status)
//	}
func (c *Client) ListPayments(ctx context.Context, params ListPaymentsParams, opts ...Option) iter.Seq2[Payment, error] {
	return paged(params.Cursor, func(cursor string) ([]Payment, string, error) {
		params.Cursor = cursor
		page, err := c.ListPaymentsPage(ctx, params, opts...)
		if err != nil {
			return nil, "", err
		}
		return page.Data, page.NextCursor, nil
	})
}

// paged ranges over the items of page after page read, from cursor start, until a page has no
// next cursor; an error ends the sequence as its last element.
func paged[T any](start string, read func(cursor string) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for cursor := start; ; {
			items, next, err := read(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			cursor = next
		}
	}
}

// ListPaymentEvents reads the payment's audit trail: each provider event payee accepted.
func (c *Client) ListPaymentEvents(ctx context.Context, payNo string, opts ...Option) (*PaymentEventList, error) {
	var l PaymentEventList
	if err := c.call(ctx, http.MethodGet, "/v1/payments/"+url.PathEscape(payNo)+"/events", nil, nil, &l, opts); err != nil {
		return nil, err
	}
	return &l, nil
}

// ClosePayment closes an unpaid payment, at the provider first: a payment the buyer paid
// meanwhile comes back SUCCEEDED, not CLOSED.
func (c *Client) ClosePayment(ctx context.Context, payNo string, opts ...Option) (*Payment, error) {
	var p Payment
	if err := c.call(ctx, http.MethodPost, "/v1/payments/"+url.PathEscape(payNo)+"/close", nil, nil, &p, opts); err != nil {
		return nil, err
	}
	return &p, nil
}

// SyncPayment asks the provider about the payment now; its answer is applied through the same
// queue as callbacks, so the returned Payment may not show it yet.
func (c *Client) SyncPayment(ctx context.Context, payNo string, opts ...Option) (*SyncResult, error) {
	var r SyncResult
	if err := c.call(ctx, http.MethodPost, "/v1/payments/"+url.PathEscape(payNo)+"/sync", nil, nil, &r, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

// CreateRefund refunds part or all of a paid payment, with an Idempotency-Key as CreatePayment.
func (c *Client) CreateRefund(ctx context.Context, payNo string, req CreateRefundRequest, opts ...Option) (*Refund, error) {
	var r Refund
	if err := c.call(ctx, http.MethodPost, "/v1/payments/"+url.PathEscape(payNo)+"/refunds", nil, req, &r, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

// ListRefunds reads the payment's refunds.
func (c *Client) ListRefunds(ctx context.Context, payNo string, opts ...Option) (*RefundList, error) {
	var l RefundList
	if err := c.call(ctx, http.MethodGet, "/v1/payments/"+url.PathEscape(payNo)+"/refunds", nil, nil, &l, opts); err != nil {
		return nil, err
	}
	return &l, nil
}

// ListNotifications reads the payment's notifications and their delivery attempts, oldest first.
func (c *Client) ListNotifications(ctx context.Context, payNo string, opts ...Option) (*NotificationList, error) {
	var l NotificationList
	if err := c.call(ctx, http.MethodGet, "/v1/payments/"+url.PathEscape(payNo)+"/notifications", nil, nil, &l, opts); err != nil {
		return nil, err
	}
	return &l, nil
}

// ResendNotification sends a new notification (new id) of the payment as it is now; a payment
// without a notifyUrl is a conflict, code no_notify_url.
func (c *Client) ResendNotification(ctx context.Context, payNo string, opts ...Option) (*Notification, error) {
	var n Notification
	if err := c.call(ctx, http.MethodPost, "/v1/payments/"+url.PathEscape(payNo)+"/notifications/resend", nil, nil, &n, opts); err != nil {
		return nil, err
	}
	return &n, nil
}

// GetReconciliation reads a day's statement reconciliation reports.
func (c *Client) GetReconciliation(ctx context.Context, params ReconciliationParams, opts ...Option) (*ReconciliationList, error) {
	var l ReconciliationList
	if err := c.call(ctx, http.MethodGet, "/v1/reports/reconciliation", params.values(), nil, &l, opts); err != nil {
		return nil, err
	}
	return &l, nil
}

// GetDailyReport reads the daily figures per China day and channel, method, payId or currency:
// created, succeeded, closed, failed, refunded, success rate, average ticket, time to pay and
// callback latency.
func (c *Client) GetDailyReport(ctx context.Context, params DailyReportParams, opts ...Option) (*DailyReport, error) {
	var r DailyReport
	if err := c.call(ctx, http.MethodGet, "/v1/reports/daily", params.values(), nil, &r, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

// GetOpenAPI reads the API's OpenAPI 3.1 document, the contract this SDK follows.
func (c *Client) GetOpenAPI(ctx context.Context, opts ...Option) (json.RawMessage, error) {
	var doc json.RawMessage
	if err := c.call(ctx, http.MethodGet, "/v1/openapi.json", nil, nil, &doc, opts); err != nil {
		return nil, err
	}
	return doc, nil
}
