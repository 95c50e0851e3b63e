package payee

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"
)

// WaitOptions shape a waiter as AWS SDK waiters are shaped: it polls until the wanted status,
// waiting MinDelay after the first poll, twice as long after each next one up to MaxDelay
// (each wait scaled by a random factor in [0.5, 1), never past the deadline), and gives up
// with a *WaitTimeoutError once MaxWait has passed. Zero fields take the defaults.
type WaitOptions struct {
	MaxWait  time.Duration // default 5 minutes
	MinDelay time.Duration // default 1 s
	MaxDelay time.Duration // default 15 s
}

const (
	DefaultMaxWait  = 5 * time.Minute
	DefaultMinDelay = time.Second
	DefaultMaxDelay = 15 * time.Second
)

func (o WaitOptions) withDefaults() WaitOptions {
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.MinDelay <= 0 {
		o.MinDelay = DefaultMinDelay
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = DefaultMaxDelay
	}
	o.MaxDelay = max(o.MaxDelay, o.MinDelay)
	return o
}

// poll calls check until it reports done, sleeping between calls as WaitOptions say. check's
// error ends the wait at once: each poll's own retries have already been spent on it.
// It reports how long it waited and whether MaxWait passed.
func (c *Client) poll(ctx context.Context, o WaitOptions, check func() (bool, error)) (time.Duration, bool, error) {
	o = o.withDefaults()
	start := c.now()
	for attempt := 0; ; attempt++ {
		done, err := check()
		if err != nil || done {
			return c.now().Sub(start), false, err
		}
		left := o.MaxWait - c.now().Sub(start)
		if left <= 0 {
			return c.now().Sub(start), true, nil
		}
		d := min(float64(o.MinDelay)*math.Pow(2, float64(attempt)), float64(o.MaxDelay))
		delay := min(time.Duration(d*(0.5+0.5*c.jitter())), left)
		if err := c.sleep(ctx, delay); err != nil {
			return c.now().Sub(start), false, fmt.Errorf("payee: wait abandoned: %w", err)
		}
	}
}

// WaitFor follows the payment until its status is one of statuses (FinalPaymentStatuses when
// statuses is empty) and returns it. Past opts.MaxWait it returns the last payment seen with a
// *WaitTimeoutError (errors.Is(err, ErrWaitTimeout)); a failed read ends it with that error.
//
// To wait without blocking, run it in a goroutine and cancel its ctx to stop it.
func (c *Client) WaitFor(ctx context.Context, payNo string, statuses []PaymentStatus, opts WaitOptions) (*Payment, error) {
	if len(statuses) == 0 {
		statuses = FinalPaymentStatuses
	}
	var last *Payment
	waited, timedOut, err := c.poll(ctx, opts, func() (bool, error) {
		p, err := c.GetPayment(ctx, payNo)
		if err != nil {
			return false, err
		}
		last = p
		return slices.Contains(statuses, p.Status), nil
	})
	if timedOut {
		return last, &WaitTimeoutError{PayNo: payNo, Waited: waited, LastStatus: string(last.Status), Payment: last}
	}
	return last, err
}

// CreateAndWait creates a payment (opts apply to the create, e.g. WithIdempotencyKey), then
// follows it as WaitFor does until its status is one of statuses (FinalPaymentStatuses when
// empty). A payment refused at once (FAILED) is returned as it is. A payment that needs the
// buyer's action (a QR code, a redirect) needs it shown meanwhile: use CreatePayment, show
// Action, then WaitFor.
func (c *Client) CreateAndWait(ctx context.Context, req CreatePaymentRequest, statuses []PaymentStatus, wait WaitOptions, opts ...Option) (*Payment, error) {
	p, err := c.CreatePayment(ctx, req, opts...)
	if err != nil {
		return nil, err
	}
	if p.Status == StatusFailed || (len(statuses) == 0 && p.Status.Final()) || slices.Contains(statuses, p.Status) {
		return p, nil
	}
	return c.WaitFor(ctx, p.PayNo, statuses, wait)
}

// RefundAndWait creates a refund, then follows it until SUCCEEDED or FAILED. Past
// wait.MaxWait it returns the last refund seen with a *WaitTimeoutError.
func (c *Client) RefundAndWait(ctx context.Context, payNo string, req CreateRefundRequest, wait WaitOptions, opts ...Option) (*Refund, error) {
	r, err := c.CreateRefund(ctx, payNo, req, opts...)
	if err != nil {
		return nil, err
	}
	if r.Status.Final() {
		return r, nil
	}
	last := r
	waited, timedOut, err := c.poll(ctx, wait, func() (bool, error) {
		l, err := c.ListRefunds(ctx, payNo)
		if err != nil {
			return false, err
		}
		i := slices.IndexFunc(l.Data, func(x Refund) bool { return x.RefundNo == r.RefundNo })
		if i < 0 {
			return false, &Error{Type: TypeNotFound, Code: CodeResourceMissing, Param: "refundNo", HTTPStatus: 200,
				Message: "refund " + r.RefundNo + " is not among payment " + payNo + "'s refunds"}
		}
		last = &l.Data[i]
		return last.Status.Final(), nil
	})
	if timedOut {
		return last, &WaitTimeoutError{PayNo: payNo, RefundNo: r.RefundNo, Waited: waited, LastStatus: string(last.Status), Refund: last}
	}
	return last, err
}
