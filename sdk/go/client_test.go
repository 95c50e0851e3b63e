package payee

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock replaces the client's clock and sleep: sleeps return at once, advance the clock and
// are recorded, so backoff timing is asserted exactly.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	f.t = f.t.Add(d)
	return nil
}

// testClient talks to handler through an httptest server, with the fake clock and a jitter
// of 0.5 (each delay scaled by 0.75).
func testClient(t *testing.T, handler http.HandlerFunc, opts ...Option) (*Client, *fakeClock) {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := NewClient(append([]Option{WithBaseURL(srv.URL + "/live"), WithAPIKey("pk_test")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	c.now, c.sleep, c.jitter = clock.now, clock.sleep, func() float64 { return 0.5 }
	return c, clock
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func apiError(w http.ResponseWriter, status int, typ, code string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"type": typ, "code": code, "message": code + " happened", "requestId": "req-1"}})
}

var aPayment = map[string]any{
	"payNo": "P01KBX", "status": "PENDING", "method": "alipay.qr", "channel": "alipay", "payId": "cfg_1",
	"outTradeNo": "A1001", "subject": "T-shirt", "amount": 1999, "orderAmount": 1999, "currency": "CNY",
	"refundableAmount": 0, "action": map[string]any{"type": "qr_code", "value": "https://qr.alipay.com/bax0"},
	"expiresAt": "2026-11-24T02:00:00.000Z", "createdAt": "2026-11-24T00:00:00.000Z", "updatedAt": "2026-11-24T00:00:00.000Z",
}

var createReq = CreatePaymentRequest{Method: MethodAlipayQR, OutTradeNo: "A1001", Subject: "T-shirt", Amount: 1999, Currency: "CNY"}

func TestNewClientNeedsURLAndKey(t *testing.T) {
	t.Setenv("PAYEE_URL", "")
	t.Setenv("PAYEE_KEY", "")
	if _, err := NewClient(WithAPIKey("pk")); err == nil {
		t.Error("no base URL accepted")
	}
	if _, err := NewClient(WithBaseURL("http://x")); err == nil {
		t.Error("no API key accepted")
	}
	if _, err := NewClient(WithBaseURL("http://x"), WithAPIKey("pk"), WithIdempotencyKey("k")); err == nil {
		t.Error("a client-wide Idempotency-Key accepted")
	}
	t.Setenv("PAYEE_URL", "http://127.0.0.1:4010/live/")
	t.Setenv("PAYEE_KEY", "pk_env")
	c, err := NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if c.settings.baseURL != "http://127.0.0.1:4010/live" || c.settings.apiKey != "pk_env" {
		t.Errorf("settings from the environment: %+v", c.settings)
	}
}

func TestRequestHeadersAndBody(t *testing.T) {
	var got *http.Request
	var body CreatePaymentRequest
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		got = r
		_ = json.NewDecoder(r.Body).Decode(&body)
		writeJSON(w, 201, aPayment)
	})
	p, err := c.CreatePayment(context.Background(), createReq)
	if err != nil {
		t.Fatal(err)
	}
	if p.PayNo != "P01KBX" || p.Action.Type != ActionQRCode || p.Action.Value != "https://qr.alipay.com/bax0" {
		t.Errorf("payment: %+v", p)
	}
	if got.Method != "POST" || got.URL.Path != "/live/v1/payments" {
		t.Errorf("request: %s %s", got.Method, got.URL.Path)
	}
	for name, want := range map[string]string{"X-Api-Key": "pk_test", "Payee-Version": "2026-11-24", "Payee-Client": "go/" + Version, "Content-Type": "application/json"} {
		if v := got.Header.Get(name); v != want {
			t.Errorf("%s = %q, want %q", name, v, want)
		}
	}
	if ua := got.Header.Get("User-Agent"); !strings.HasPrefix(ua, "payee-go/"+Version+" ") {
		t.Errorf("User-Agent = %q", ua)
	}
	if len(got.Header.Get("Idempotency-Key")) != 36 {
		t.Errorf("Idempotency-Key = %q, want a UUID", got.Header.Get("Idempotency-Key"))
	}
	if !reflect.DeepEqual(body, createReq) {
		t.Errorf("body %+v", body)
	}
}

func TestGetSendsNoIdempotencyKey(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Idempotency-Key") != "" || r.URL.Path != "/live/v1/payments/P01KBX" {
			t.Errorf("GET %s with Idempotency-Key %q", r.URL.Path, r.Header.Get("Idempotency-Key"))
		}
		writeJSON(w, 200, aPayment)
	})
	if _, err := c.GetPayment(context.Background(), "P01KBX"); err != nil {
		t.Fatal(err)
	}
}

// retried answers with each status in turn (an error shape for each), then 201.
func retried(t *testing.T, keys *[]string, answers ...func(http.ResponseWriter)) http.HandlerFunc {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		*keys = append(*keys, r.Header.Get("Idempotency-Key"))
		if n := len(*keys); n <= len(answers) {
			answers[n-1](w)
			return
		}
		writeJSON(w, 201, aPayment)
	}
}

func status(code int, typ, errCode string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) { apiError(w, code, typ, errCode) }
}

func TestRetriesReuseOneIdempotencyKeyWithBackoff(t *testing.T) {
	var keys []string
	c, clock := testClient(t, retried(t, &keys,
		status(503, "provider", "provider_unavailable"),
		status(409, "idempotency", "idempotency_key_in_use"),
	), WithMaxRetries(3))
	if _, err := c.CreatePayment(context.Background(), createReq); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 3 || keys[0] == "" || keys[1] != keys[0] || keys[2] != keys[0] {
		t.Errorf("Idempotency-Keys over the attempts: %q", keys)
	}
	// 0.5 s then 1 s, each × 0.75 (jitter 0.5).
	if want := []time.Duration{375 * time.Millisecond, 750 * time.Millisecond}; !slices.Equal(clock.sleeps, want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestCallersIdempotencyKeyWins(t *testing.T) {
	var keys []string
	c, _ := testClient(t, retried(t, &keys, status(500, "internal", "internal_error")))
	if _, err := c.CreatePayment(context.Background(), createReq, WithIdempotencyKey("order-A1001")); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(keys, []string{"order-A1001", "order-A1001"}) {
		t.Errorf("keys %q", keys)
	}
}

func TestEachCallGetsItsOwnKey(t *testing.T) {
	var keys []string
	c, _ := testClient(t, retried(t, &keys))
	for range 2 {
		if _, err := c.CreatePayment(context.Background(), createReq); err != nil {
			t.Fatal(err)
		}
	}
	if keys[0] == keys[1] {
		t.Errorf("two creates shared the key %q", keys[0])
	}
}

func TestBackoffIsCappedAndRetriesBounded(t *testing.T) {
	var keys []string
	fail := status(503, "unavailable", "service_unavailable")
	c, clock := testClient(t, retried(t, &keys, fail, fail, fail, fail, fail, fail),
		WithMaxRetries(5), WithRetryDelay(time.Second, 3*time.Second))
	_, err := c.CreatePayment(context.Background(), createReq)
	if !errors.Is(err, ErrServiceUnavailable) {
		t.Fatalf("err = %v, want the last 503", err)
	}
	if len(keys) != 6 {
		t.Errorf("%d attempts, want 6", len(keys))
	}
	want := []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond, 2250 * time.Millisecond, 2250 * time.Millisecond, 2250 * time.Millisecond}
	if !slices.Equal(clock.sleeps, want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestJitterSpreadsTheDelay(t *testing.T) {
	c, _ := testClient(t, nil)
	for _, j := range []float64{0, 0.999} {
		c.jitter = func() float64 { return j }
		d := c.backoff(&c.settings, 1)
		if d < 500*time.Millisecond || d >= time.Second {
			t.Errorf("jitter %v: delay %v outside [0.5 s, 1 s)", j, d)
		}
	}
}

func TestRetryAfterIsWaitedExactly(t *testing.T) {
	var keys []string
	throttled := func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "2")
		writeJSON(w, 429, map[string]string{"message": "Too Many Requests"})
	}
	c, clock := testClient(t, retried(t, &keys, throttled, status(503, "unavailable", "service_unavailable"), throttled), WithMaxRetries(3))
	if _, err := c.CreatePayment(context.Background(), createReq); err != nil {
		t.Fatal(err)
	}
	// Retry-After's 2 s, the backoff's 1 s × 0.75 where there is none, then 2 s again (not 1.5).
	if want := []time.Duration{2 * time.Second, 750 * time.Millisecond, 2 * time.Second}; !slices.Equal(clock.sleeps, want) {
		t.Errorf("sleeps %v, want %v", clock.sleeps, want)
	}
}

func TestLongRetryAfterIsReturnedNotSlept(t *testing.T) {
	var keys []string
	c, clock := testClient(t, retried(t, &keys, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "3600")
		writeJSON(w, 429, map[string]string{"message": "Too Many Requests"})
	}))
	_, err := c.CreatePayment(context.Background(), createReq)
	var e *Error
	if !errors.As(err, &e) || e.RetryAfter != time.Hour || !errors.Is(err, ErrRateLimit) {
		t.Fatalf("err = %v", err)
	}
	if len(clock.sleeps) != 0 || len(keys) != 1 {
		t.Errorf("slept %v over %d attempts", clock.sleeps, len(keys))
	}
}

func TestOther4xxAreNotRetried(t *testing.T) {
	for _, tc := range []struct {
		status    int
		typ, code string
		kind      error
	}{
		{400, "invalid_request", "parameter_invalid", ErrInvalidRequest},
		{404, "not_found", "resource_missing", ErrNotFound},
		{409, "conflict", "duplicate_out_trade_no", ErrConflict},
		{422, "idempotency", "idempotency_key_reused", ErrIdempotency},
	} {
		var keys []string
		c, clock := testClient(t, retried(t, &keys, status(tc.status, tc.typ, tc.code)))
		_, err := c.CreatePayment(context.Background(), createReq)
		if !errors.Is(err, tc.kind) || len(keys) != 1 || len(clock.sleeps) != 0 {
			t.Errorf("%d %s: err %v after %d attempts", tc.status, tc.code, err, len(keys))
		}
	}
}

func TestRetriesOffMeansOneAttempt(t *testing.T) {
	var keys []string
	c, _ := testClient(t, retried(t, &keys, status(500, "internal", "internal_error")), WithMaxRetries(0))
	if _, err := c.CreatePayment(context.Background(), createReq); !errors.Is(err, ErrAPI) || len(keys) != 1 {
		t.Errorf("err %v after %d attempts", err, len(keys))
	}
}

func TestConnectionErrorsAreRetried(t *testing.T) {
	var mu sync.Mutex
	attempts := 0
	c, clock := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		attempts++
		n := attempts
		mu.Unlock()
		if n == 1 {
			// Drop the connection without an answer.
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		writeJSON(w, 200, aPayment)
	})
	if _, err := c.GetPayment(context.Background(), "P01KBX"); err != nil {
		t.Fatal(err)
	}
	if attempts != 2 || len(clock.sleeps) != 1 {
		t.Errorf("%d attempts, sleeps %v", attempts, clock.sleeps)
	}
}

func TestConnectionRefusedIsAConnectionError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := NewClient(WithBaseURL("http://"+addr), WithAPIKey("pk"), WithMaxRetries(1))
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{}
	c.sleep = clock.sleep
	_, err = c.GetPayment(context.Background(), "P01")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrConnection) || e.HTTPStatus != 0 || e.Err == nil {
		t.Fatalf("err = %#v", err)
	}
	if len(clock.sleeps) != 1 {
		t.Errorf("sleeps %v, want one retry", clock.sleeps)
	}
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	var mu sync.Mutex
	attempts := 0
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		attempts++
		n := attempts
		mu.Unlock()
		if n == 1 {
			<-r.Context().Done()
			return
		}
		writeJSON(w, 200, aPayment)
	}, WithTimeout(50*time.Millisecond))
	if _, err := c.GetPayment(context.Background(), "P01KBX"); err != nil {
		t.Fatal(err)
	}
	if attempts != 2 {
		t.Errorf("%d attempts", attempts)
	}
}

func TestCancelDuringBackoffStopsAndKeepsTheError(t *testing.T) {
	var keys []string
	c, _ := testClient(t, retried(t, &keys, status(503, "provider", "provider_unavailable")))
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return sleepContext(ctx, d)
	}
	_, err := c.CreatePayment(ctx, createReq)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrProviderUnavailable) {
		t.Errorf("err = %v, want both the cancellation and the 503", err)
	}
	if len(keys) != 1 {
		t.Errorf("%d attempts after the cancellation", len(keys))
	}
}

func TestRealSleepHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Minute); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("sleepContext: %v after %v", err, time.Since(start))
	}
}

func TestErrorMapping(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		header map[string]string
		want   Error
		kind   error
	}{
		{"error shape", 400, `{"error":{"type":"invalid_request","code":"parameter_invalid","message":"amount must be a positive integer","param":"amount","requestId":"r-1"}}`, nil,
			Error{Type: TypeInvalidRequest, Code: "parameter_invalid", Message: "amount must be a positive integer", Param: "amount", RequestID: "r-1", HTTPStatus: 400}, ErrInvalidRequest},
		{"duplicate names the payment", 409, `{"error":{"type":"conflict","code":"duplicate_out_trade_no","message":"taken","payNo":"P01OLD","requestId":"r-2"}}`, nil,
			Error{Type: TypeConflict, Code: "duplicate_out_trade_no", Message: "taken", PayNo: "P01OLD", RequestID: "r-2", HTTPStatus: 409}, ErrConflict},
		{"gateway's forbidden", 403, `{"message":"Forbidden"}`, map[string]string{"x-amzn-RequestId": "gw-1"},
			Error{Type: TypeAuthentication, Message: "Forbidden", RequestID: "gw-1", HTTPStatus: 403}, ErrAuthentication},
		{"expired key", 403, `{"error":{"type":"authentication","code":"api_key_expired","message":"rotated","requestId":"r-3"}}`, nil,
			Error{Type: TypeAuthentication, Code: "api_key_expired", Message: "rotated", RequestID: "r-3", HTTPStatus: 403}, ErrAuthentication},
		{"route not found", 404, `{"error":{"type":"not_found","code":"route_not_found","message":"no route","requestId":"r-4"}}`, nil,
			Error{Type: TypeNotFound, Code: "route_not_found", Message: "no route", RequestID: "r-4", HTTPStatus: 404}, ErrNotFound},
		{"reused key", 422, `{"error":{"type":"idempotency","code":"idempotency_key_reused","message":"other body","requestId":"r-5"}}`, nil,
			Error{Type: TypeIdempotency, Code: "idempotency_key_reused", Message: "other body", RequestID: "r-5", HTTPStatus: 422}, ErrIdempotency},
		{"internal", 500, `{"error":{"type":"internal","code":"internal_error","message":"safe to retry","requestId":"r-6"}}`, nil,
			Error{Type: TypeInternal, Code: "internal_error", Message: "safe to retry", RequestID: "r-6", HTTPStatus: 500}, ErrAPI},
		{"gateway's throttle", 429, `{"message":"Too Many Requests"}`, map[string]string{"Retry-After": "1"},
			Error{Type: TypeRateLimit, Message: "Too Many Requests", HTTPStatus: 429, RetryAfter: time.Second}, ErrRateLimit},
		{"IAM deny", 403, `{"Message":"User is not authorized"}`, nil,
			Error{Type: TypeAuthentication, Message: "User is not authorized", HTTPStatus: 403}, ErrAuthentication},
		{"not JSON", 502, `Bad Gateway`, nil,
			Error{Type: TypeAPI, Message: "Bad Gateway", HTTPStatus: 502}, ErrAPI},
		{"undocumented 4xx", 413, `{"message":"Request Too Long"}`, nil,
			Error{Type: TypeAPI, Message: "Request Too Long", HTTPStatus: 413}, ErrAPI},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}, WithMaxRetries(0))
			_, err := c.GetPayment(context.Background(), "P01KBX")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err %v is not an *Error", err)
			}
			if *e != tc.want {
				t.Errorf("got %+v\nwant %+v", *e, tc.want)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.kind)
			}
			if errors.Is(err, ErrConnection) {
				t.Errorf("%v matches ErrConnection too", err)
			}
		})
	}
}

func TestProviderAndServiceUnavailableAreDistinct(t *testing.T) {
	provider := &Error{Type: TypeProvider, HTTPStatus: 503}
	service := &Error{Type: TypeUnavailable, HTTPStatus: 503}
	if !errors.Is(provider, ErrProviderUnavailable) || errors.Is(provider, ErrServiceUnavailable) {
		t.Error("provider_unavailable")
	}
	if !errors.Is(service, ErrServiceUnavailable) || errors.Is(service, ErrProviderUnavailable) {
		t.Error("service_unavailable")
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"2":                             2 * time.Second,
		"soon":                          0,
		"Tue, 24 Nov 2026 00:00:07 GMT": 7 * time.Second,
		"Mon, 23 Nov 2026 00:00:00 GMT": 0,
	} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}

// Concurrent calls reuse their connections: net/http's default transport keeps 2 idle per host,
// so each batch of calls at once beyond 2 would open new connections to payee again.
func TestDefaultClientKeepsConcurrentConnections(t *testing.T) {
	const inFlight = 16
	var mu sync.Mutex
	opened := 0
	var arrived sync.WaitGroup
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every call of a batch waits for the others, so that the batch needs inFlight connections.
		arrived.Done()
		arrived.Wait()
		writeJSON(w, http.StatusOK, map[string]any{"payNo": "P1", "status": "PENDING"})
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			mu.Lock()
			opened++
			mu.Unlock()
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL+"/live"), WithAPIKey("pk_test"))
	if err != nil {
		t.Fatal(err)
	}
	for batch := range 3 {
		arrived.Add(inFlight)
		var calls sync.WaitGroup
		for range inFlight {
			calls.Add(1)
			go func() {
				defer calls.Done()
				if _, err := c.GetPayment(context.Background(), "P1"); err != nil {
					t.Error(err)
				}
			}()
		}
		calls.Wait()
		mu.Lock()
		if opened != inFlight {
			t.Errorf("after batch %d: %d connections opened, want %d", batch+1, opened, inFlight)
		}
		mu.Unlock()
	}
}
