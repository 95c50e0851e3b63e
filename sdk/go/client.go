// Package payee is the Go client of payee's merchant API: payments through Alipay, WeChat Pay,
// UnionPay and PayPal with one HTTP API.
//
// Every call takes a context.Context, retries what is safe to retry (connection failures, 429,
// 5xx, 409 idempotency_key_in_use) with exponential backoff and jitter, and sends each POST with
// one Idempotency-Key reused on every retry, so a retried create never makes two payments.
// Errors are *Error, comparable with errors.Is against the Err* kinds. A Client is safe for
// concurrent use: run calls in goroutines and cancel them through their context.
package payee

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

const (
	// Version is this SDK's version, sent in User-Agent and Payee-Client.
	Version = "0.1.0"
	// APIVersion is the Payee-Version the SDK's models are written for.
	APIVersion = "2026-11-24"

	DefaultTimeout       = 80 * time.Second
	DefaultMaxRetries    = 2
	DefaultMinRetryDelay = 500 * time.Millisecond
	DefaultMaxRetryDelay = 5 * time.Second
	// maxRetryAfter bounds how long a server's Retry-After may hold a call; a longer one is
	// returned to the caller (Error.RetryAfter) instead of slept through.
	maxRetryAfter = 60 * time.Second
	// maxBody bounds a reply read into memory; payee's largest answers are a few hundred KB.
	maxBody = 16 << 20
)

// settings is what Options set: the client's defaults, then each call's own.
type settings struct {
	baseURL        string
	apiKey         string
	httpClient     *http.Client
	timeout        time.Duration
	maxRetries     int
	minRetryDelay  time.Duration
	maxRetryDelay  time.Duration
	idempotencyKey string
}

// Option configures a Client (NewClient) or one call (the trailing options of every method),
// which overrides the client's setting for that call only.
type Option func(*settings)

// WithBaseURL sets the API's base URL, up to the stage: e.g. http://127.0.0.1:4010/live.
// Default: the PAYEE_URL environment variable.
func WithBaseURL(u string) Option { return func(s *settings) { s.baseURL = strings.TrimRight(u, "/") } }

// WithAPIKey sets the merchant's API key (x-api-key). Default: PAYEE_KEY.
func WithAPIKey(key string) Option { return func(s *settings) { s.apiKey = key } }

// WithHTTPClient sends requests through hc (proxies, TLS, instrumentation).
func WithHTTPClient(hc *http.Client) Option { return func(s *settings) { s.httpClient = hc } }

// WithTimeout bounds each attempt, connect to last byte (default 80 s). The context bounds the
// whole call, retries included.
func WithTimeout(d time.Duration) Option { return func(s *settings) { s.timeout = d } }

// WithMaxRetries sets how many times a failed attempt is retried (default 2; 0 turns retries off).
func WithMaxRetries(n int) Option { return func(s *settings) { s.maxRetries = max(n, 0) } }

// WithRetryDelay sets the backoff: the first retry waits about minDelay, each next one twice as
// long, at most maxDelay, each scaled by a random factor in [0.5, 1).
func WithRetryDelay(minDelay, maxDelay time.Duration) Option {
	return func(s *settings) { s.minRetryDelay, s.maxRetryDelay = minDelay, max(minDelay, maxDelay) }
}

// WithIdempotencyKey sends key as the call's Idempotency-Key instead of a generated one: use
// your own order or refund id so that a retry after a crash replays the first answer. Per call
// only.
func WithIdempotencyKey(key string) Option { return func(s *settings) { s.idempotencyKey = key } }

// Client calls payee's merchant API. Make one with NewClient and share it.
type Client struct {
	settings settings
	// Seams for tests: the clock, the sleep between retries and polls, the jitter source.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func() float64
}

// NewClient makes a client. The base URL and API key come from options or from PAYEE_URL and
// PAYEE_KEY.
func NewClient(opts ...Option) (*Client, error) {
	s := settings{
		baseURL:       strings.TrimRight(os.Getenv("PAYEE_URL"), "/"),
		apiKey:        os.Getenv("PAYEE_KEY"),
		httpClient:    defaultHTTPClient,
		timeout:       DefaultTimeout,
		maxRetries:    DefaultMaxRetries,
		minRetryDelay: DefaultMinRetryDelay,
		maxRetryDelay: DefaultMaxRetryDelay,
	}
	for _, o := range opts {
		o(&s)
	}
	switch {
	case s.baseURL == "":
		return nil, errors.New("payee: no base URL (WithBaseURL or PAYEE_URL)")
	case s.apiKey == "":
		return nil, errors.New("payee: no API key (WithAPIKey or PAYEE_KEY)")
	case s.idempotencyKey != "":
		return nil, errors.New("payee: WithIdempotencyKey is a per-call option: one key for every call would replay the first answer")
	}
	if _, err := url.Parse(s.baseURL); err != nil {
		return nil, fmt.Errorf("payee: base URL: %w", err)
	}
	return &Client{settings: s, now: time.Now, sleep: sleepContext, jitter: mrand.Float64}, nil
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// defaultHTTPClient is every Client's unless WithHTTPClient: net/http's default transport keeps
// only 2 idle connections per host, so calls beyond 2 at once each opened a new connection to
// payee, the one host an SDK client talks to. This one keeps as many as the transport keeps.
var defaultHTTPClient = func() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = t.MaxIdleConns
	return &http.Client{Transport: t}
}()

var userAgent = fmt.Sprintf("payee-go/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)

// newIdempotencyKey is a random UUID (version 4).
func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (it panics instead, Go ≥ 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// call sends one API request, retrying as the package documentation says, and decodes a 2xx
// answer into out (when out is not nil).
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any, opts []Option) error {
	s := c.settings
	for _, o := range opts {
		o(&s)
	}
	target := s.baseURL + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("payee: encoding the request: %w", err)
		}
	}
	// One key for every attempt: the API replays the first answer instead of acting twice.
	// net/http also retries a POST carrying Idempotency-Key by itself when a kept-alive
	// connection turns out dead (a Lambda thawed after a freeze), before any byte came back.
	key := s.idempotencyKey
	if method == http.MethodPost && key == "" {
		key = newIdempotencyKey()
	}
	for attempt := 0; ; attempt++ {
		raw, err := c.attempt(ctx, &s, method, target, payload, key)
		if err == nil {
			if out == nil {
				return nil
			}
			if err := json.Unmarshal(raw, out); err != nil {
				return fmt.Errorf("payee: decoding the answer to %s %s: %w", method, path, err)
			}
			return nil
		}
		if ctx.Err() != nil || !err.retryable() || attempt >= s.maxRetries || err.RetryAfter > maxRetryAfter {
			return err
		}
		// The server knows best when it can answer: its Retry-After is waited exactly.
		delay := err.RetryAfter
		if delay == 0 {
			delay = c.backoff(&s, attempt)
		}
		if serr := c.sleep(ctx, delay); serr != nil {
			return fmt.Errorf("%w (retry abandoned: %w)", err, serr)
		}
	}
}

// backoff is the wait before retry number attempt+1: exponential, capped, with jitter so that
// many clients failing together do not retry together.
func (c *Client) backoff(s *settings, attempt int) time.Duration {
	d := float64(s.minRetryDelay) * math.Pow(2, float64(attempt))
	d = min(d, float64(s.maxRetryDelay))
	return time.Duration(d * (0.5 + 0.5*c.jitter()))
}

// attempt sends the request once: the body of a 2xx answer, or the *Error of anything else.
func (c *Client) attempt(ctx context.Context, s *settings, method, target string, payload []byte, key string) ([]byte, *Error) {
	actx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, method, target, body)
	if err != nil {
		return nil, &Error{Type: TypeConnection, Message: "building the request", Err: err}
	}
	req.Header.Set("x-api-key", s.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Payee-Client", "go/"+Version)
	req.Header.Set("Payee-Version", APIVersion)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := s.httpClient.Do(req)
	if err != nil {
		return nil, &Error{Type: TypeConnection, Message: method + " " + req.URL.Path + " got no answer", Err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, &Error{Type: TypeConnection, Message: method + " " + req.URL.Path + ": reading the answer", HTTPStatus: resp.StatusCode, Err: err}
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return raw, nil
	}
	return nil, errorOf(resp, raw)
}

// errorBody is the API's error shape (the document's Error schema).
type errorBody struct {
	Error *struct {
		Type      ErrorType `json:"type"`
		Code      string    `json:"code"`
		Message   string    `json:"message"`
		Param     string    `json:"param"`
		PayNo     string    `json:"payNo"`
		RequestID string    `json:"requestId"`
	} `json:"error"`
}

// gatewayBody is API Gateway's own refusal (the document's GatewayError), before any function.
type gatewayBody struct {
	Message  string `json:"message"`
	MessageC string `json:"Message"` // an IAM deny spells it so
}

// errorOf reads the API's error shape, or API Gateway's {"message": …} and anything else by
// its status.
func errorOf(resp *http.Response, raw []byte) *Error {
	e := &Error{HTTPStatus: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	var shaped errorBody
	if json.Unmarshal(raw, &shaped) == nil && shaped.Error != nil && shaped.Error.Type != "" {
		x := shaped.Error
		e.Type, e.Code, e.Message, e.Param, e.PayNo, e.RequestID = x.Type, x.Code, x.Message, x.Param, x.PayNo, x.RequestID
		return e
	}
	e.Type = typeOfStatus(resp.StatusCode)
	e.RequestID = resp.Header.Get("x-amzn-RequestId")
	var gateway gatewayBody
	_ = json.Unmarshal(raw, &gateway) // not JSON: the status text below says enough
	switch {
	case gateway.Message != "":
		e.Message = gateway.Message
	case gateway.MessageC != "":
		e.Message = gateway.MessageC
	default:
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// retryAfter reads Retry-After: delay seconds or an HTTP date; 0 when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(secs, 0)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
