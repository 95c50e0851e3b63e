package payee

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// statusServer answers GET /v1/payments/P01KBX with the statuses in turn (the last one
// repeated), POST /v1/payments with the first, and counts the reads.
func statusServer(statuses ...string) (http.HandlerFunc, *int) {
	var mu sync.Mutex
	reads := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		p := map[string]any{}
		for k, v := range aPayment {
			p[k] = v
		}
		if r.Method == http.MethodPost {
			p["status"] = statuses[0]
			writeJSON(w, 201, p)
			return
		}
		p["status"] = statuses[min(reads, len(statuses)-1)]
		reads++
		writeJSON(w, 200, p)
	}, &reads
}

func TestWaitForPollsWithBackoffUntilAWantedStatus(t *testing.T) {
	handler, reads := statusServer("PENDING", "PENDING", "PENDING", "PENDING", "SUCCEEDED")
	c, clock := testClient(t, handler)
	p, err := c.WaitFor(context.Background(), "P01KBX", []PaymentStatus{StatusSucceeded}, WaitOptions{MinDelay: time.Second, MaxDelay: 3 * time.Second})
	if err != nil || p.Status != StatusSucceeded {
		t.Fatalf("%v, %v", p, err)
	}
	if *reads != 5 {
		t.Errorf("%d reads", *reads)
	}
	// 1 s, 2 s, 3 s (capped), 3 s, each × 0.75.
	want := []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 2250 * time.Millisecond, 2250 * time.Millisecond}
	if !slices.Equal(clock.sleeps, want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestWaitForTimesOutWithTheLastPayment(t *testing.T) {
	handler, _ := statusServer("PENDING")
	c, clock := testClient(t, handler)
	p, err := c.WaitFor(context.Background(), "P01KBX", nil, WaitOptions{MaxWait: 10 * time.Second, MinDelay: time.Second, MaxDelay: 4 * time.Second})
	var timeout *WaitTimeoutError
	if !errors.Is(err, ErrWaitTimeout) || !errors.As(err, &timeout) {
		t.Fatalf("err %v", err)
	}
	if timeout.PayNo != "P01KBX" || timeout.LastStatus != "PENDING" || timeout.Payment != p || timeout.Waited != 10*time.Second {
		t.Errorf("timeout %+v", timeout)
	}
	// 0.75, 1.5, 3, 3 (= 8.25 s), then only the 1.75 s left: never past MaxWait.
	want := []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second, 3 * time.Second, 1750 * time.Millisecond}
	if !slices.Equal(clock.sleeps, want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestWaitForEndsOnAReadError(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { apiError(w, 404, "not_found", "resource_missing") })
	if _, err := c.WaitFor(context.Background(), "P01KBX", nil, WaitOptions{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("err %v", err)
	}
}

func TestWaitForStopsWhenCancelled(t *testing.T) {
	handler, reads := statusServer("PENDING")
	c, _ := testClient(t, handler)
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return sleepContext(ctx, d)
	}
	if _, err := c.WaitFor(ctx, "P01KBX", nil, WaitOptions{}); !errors.Is(err, context.Canceled) || errors.Is(err, ErrWaitTimeout) {
		t.Errorf("err %v", err)
	}
	if *reads != 1 {
		t.Errorf("%d reads after the cancellation", *reads)
	}
}

func TestCreateAndWaitFollowsToAFinalStatus(t *testing.T) {
	handler, reads := statusServer("PENDING", "PENDING", "CLOSED")
	c, _ := testClient(t, handler)
	p, err := c.CreateAndWait(context.Background(), createReq, nil, WaitOptions{})
	if err != nil || p.Status != StatusClosed || *reads != 3 {
		t.Errorf("%v, %v after %d reads", p, err, *reads)
	}
}

func TestCreateAndWaitForGivenStatuses(t *testing.T) {
	handler, reads := statusServer("PENDING", "PENDING", "SUCCEEDED", "PARTIALLY_REFUNDED")
	c, _ := testClient(t, handler)
	p, err := c.CreateAndWait(context.Background(), createReq, []PaymentStatus{StatusPartiallyRefunded}, WaitOptions{})
	if err != nil || p.Status != StatusPartiallyRefunded || *reads != 4 {
		t.Errorf("%v, %v after %d reads", p, err, *reads)
	}
}

func TestCreateAndWaitReturnsARefusedPaymentAtOnce(t *testing.T) {
	handler, reads := statusServer("FAILED")
	c, _ := testClient(t, handler)
	p, err := c.CreateAndWait(context.Background(), createReq, nil, WaitOptions{})
	if err != nil || p.Status != StatusFailed || *reads != 0 {
		t.Errorf("%v, %v after %d reads", p, err, *reads)
	}
}

func TestRefundAndWait(t *testing.T) {
	refund := func(status string) map[string]any {
		return map[string]any{"refundNo": "R02", "payNo": "P01KBX", "status": status, "amount": 500, "currency": "CNY", "createdAt": "2026-11-24T00:00:00Z", "updatedAt": "2026-11-24T00:00:00Z"}
	}
	other := map[string]any{"refundNo": "R01", "payNo": "P01KBX", "status": "PROCESSING", "amount": 100, "currency": "CNY", "createdAt": "2026-11-24T00:00:00Z", "updatedAt": "2026-11-24T00:00:00Z"}
	var mu sync.Mutex
	lists := 0
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost {
			writeJSON(w, 201, refund("PROCESSING"))
			return
		}
		lists++
		status := "PROCESSING"
		if lists == 3 {
			status = "SUCCEEDED"
		}
		writeJSON(w, 200, map[string]any{"data": []any{other, refund(status)}})
	})
	r, err := c.RefundAndWait(context.Background(), "P01KBX", CreateRefundRequest{Amount: 500}, WaitOptions{})
	if err != nil || r.RefundNo != "R02" || r.Status != RefundSucceeded || lists != 3 {
		t.Errorf("%+v, %v after %d lists", r, err, lists)
	}

	lists = -100 // never SUCCEEDED: the wait times out with the refund as last seen
	r, err = c.RefundAndWait(context.Background(), "P01KBX", CreateRefundRequest{Amount: 500}, WaitOptions{MaxWait: 5 * time.Second})
	var timeout *WaitTimeoutError
	if !errors.As(err, &timeout) || timeout.RefundNo != "R02" || timeout.Refund != r || r.Status != RefundProcessing {
		t.Errorf("%+v, %v", r, err)
	}
}
