// Command conformance is the Go SDK's conformance adapter (sdk/CONTRIBUTING.md §3): it reads one
// request per line on stdin, makes the SDK call it names and writes the result, or the SDK's
// error, as one line on stdout. It uses only the SDK's public API.
package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"time"

	payee "github.com/payee-dev/payee/sdk/go"
)

type args struct {
	Client         string                `json:"client"`
	Variant        string                `json:"variant"`
	BaseURL        string                `json:"baseUrl"`
	APIKey         string                `json:"apiKey"`
	MaxRetries     *int                  `json:"maxRetries"`
	TimeoutMs      int64                 `json:"timeoutMs"`
	PayNo          string                `json:"payNo"`
	GroupNo        string                `json:"groupNo"`
	AccountID      string                `json:"accountId"`
	At             time.Time             `json:"at"`
	OutTradeNo     string                `json:"outTradeNo"`
	IdempotencyKey string                `json:"idempotencyKey"`
	Params         json.RawMessage       `json:"params"`
	Statuses       []payee.PaymentStatus `json:"statuses"`
	MaxWaitMs      int64                 `json:"maxWaitMs"`
	MinDelayMs     int64                 `json:"minDelayMs"`
	MaxDelayMs     int64                 `json:"maxDelayMs"`
	RawBody        string                `json:"rawBody"`
	Header         string                `json:"header"`
	Secret         string                `json:"secret"`
	ToleranceSecs  int64                 `json:"toleranceSeconds"`
	Now            *int64                `json:"now"`
	Calls          int                   `json:"calls"`
	Concurrency    int                   `json:"concurrency"`
	Rounds         int                   `json:"rounds"`
}

// listParams, reconciliationParams and pageParams are the protocol's JSON of the SDK's query params.
type listParams struct {
	CompanyID   string    `json:"companyId"`
	OutTradeNo  string    `json:"outTradeNo"`
	Limit       int       `json:"limit"`
	Cursor      string    `json:"cursor"`
	CreatedFrom time.Time `json:"createdFrom"`
	CreatedTo   time.Time `json:"createdTo"`
}

type reconciliationParams struct {
	Day       string `json:"day"`
	PayID     string `json:"payId"`
	CompanyID string `json:"companyId"`
}

type dailyParams struct {
	From      string                `json:"from"`
	To        string                `json:"to"`
	GroupBy   payee.ReportDimension `json:"groupBy"`
	CompanyID string                `json:"companyId"`
}

type pageParams struct {
	Limit  int    `json:"limit"`
	Cursor string `json:"cursor"`
}

type adapter struct {
	clients map[string]*payee.Client
	// What each client was configured with: the benchmark's raw GETs use the same URL and key.
	settings map[string]args
}

func (a *adapter) client(x args) (*payee.Client, error) {
	name := cmp.Or(x.Client, "default")
	c, ok := a.clients[name]
	if !ok {
		return nil, fmt.Errorf("no client %q: configure it first", name)
	}
	return c, nil
}

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

func (x args) wait() payee.WaitOptions {
	return payee.WaitOptions{MaxWait: ms(x.MaxWaitMs), MinDelay: ms(x.MinDelayMs), MaxDelay: ms(x.MaxDelayMs)}
}

func (x args) options() []payee.Option {
	if x.IdempotencyKey == "" {
		return nil
	}
	return []payee.Option{payee.WithIdempotencyKey(x.IdempotencyKey)}
}

func (x args) now() time.Time {
	if x.Now == nil {
		return time.Now()
	}
	return time.Unix(*x.Now, 0)
}

func decode[T any](raw json.RawMessage) (T, error) {
	var v T
	if len(raw) == 0 {
		return v, nil
	}
	err := json.Unmarshal(raw, &v)
	return v, err
}

// run makes the call op names; Go's one call style is a blocking call under a context.
func (a *adapter) run(ctx context.Context, op string, x args) (any, error) {
	if x.Variant != "" && x.Variant != "sync" {
		return nil, fmt.Errorf("no variant %q", x.Variant)
	}
	if op == "configure" {
		opts := []payee.Option{payee.WithBaseURL(x.BaseURL), payee.WithAPIKey(x.APIKey)}
		if x.MaxRetries != nil {
			opts = append(opts, payee.WithMaxRetries(*x.MaxRetries))
		}
		if x.TimeoutMs > 0 {
			opts = append(opts, payee.WithTimeout(ms(x.TimeoutMs)))
		}
		c, err := payee.NewClient(opts...)
		if err != nil {
			return nil, err
		}
		a.clients[cmp.Or(x.Client, "default")] = c
		a.settings[cmp.Or(x.Client, "default")] = x
		return nil, nil
	}
	switch op {
	case "verifyNotification":
		n, err := payee.VerifyNotificationAt([]byte(x.RawBody), x.Header, x.Secret, time.Duration(x.ToleranceSecs)*time.Second, x.now())
		if err != nil {
			return nil, err
		}
		if n.Group != nil {
			return n.Group, nil
		}
		return n.Payment, nil
	case "verifySignature":
		return nil, payee.VerifySignature([]byte(x.RawBody), x.Header, x.Secret, time.Duration(x.ToleranceSecs)*time.Second, x.now())
	}
	c, err := a.client(x)
	if err != nil {
		return nil, err
	}
	switch op {
	case "createPayment", "createAndWait":
		req, err := decode[payee.CreatePaymentRequest](x.Params)
		if err != nil {
			return nil, err
		}
		if op == "createAndWait" {
			return c.CreateAndWait(ctx, req, x.Statuses, x.wait(), x.options()...)
		}
		return c.CreatePayment(ctx, req, x.options()...)
	case "getPayment":
		return c.GetPayment(ctx, x.PayNo)
	case "listPayments", "listAllPayments":
		p, err := decode[listParams](x.Params)
		if err != nil {
			return nil, err
		}
		params := payee.ListPaymentsParams(p)
		if op == "listPayments" {
			return c.ListPaymentsPage(ctx, params)
		}
		return all(c.ListPayments(ctx, params))
	case "getPaymentByOutTradeNo":
		return c.GetPaymentByOutTradeNo(ctx, x.OutTradeNo)
	case "listPaymentEvents":
		return c.ListPaymentEvents(ctx, x.PayNo)
	case "closePayment":
		return c.ClosePayment(ctx, x.PayNo)
	case "syncPayment":
		return c.SyncPayment(ctx, x.PayNo)
	case "createRefund", "refundAndWait":
		req, err := decode[payee.CreateRefundRequest](x.Params)
		if err != nil {
			return nil, err
		}
		if op == "refundAndWait" {
			return c.RefundAndWait(ctx, x.PayNo, req, x.wait(), x.options()...)
		}
		return c.CreateRefund(ctx, x.PayNo, req, x.options()...)
	case "listRefunds":
		return c.ListRefunds(ctx, x.PayNo)
	case "listNotifications":
		return c.ListNotifications(ctx, x.PayNo)
	case "resendNotification":
		return c.ResendNotification(ctx, x.PayNo)
	case "getReconciliation":
		p, err := decode[reconciliationParams](x.Params)
		if err != nil {
			return nil, err
		}
		return c.GetReconciliation(ctx, payee.ReconciliationParams(p))
	case "getOpenApi":
		return c.GetOpenAPI(ctx)
	case "getDailyReport":
		p, err := decode[dailyParams](x.Params)
		if err != nil {
			return nil, err
		}
		return c.GetDailyReport(ctx, payee.DailyReportParams(p))
	case "createGroup":
		req, err := decode[payee.CreateGroupRequest](x.Params)
		if err != nil {
			return nil, err
		}
		return c.CreateGroup(ctx, req, x.options()...)
	case "getGroup":
		return c.GetGroup(ctx, x.GroupNo)
	case "listGroups", "listAllGroups":
		p, err := decode[pageParams](x.Params)
		if err != nil {
			return nil, err
		}
		if op == "listGroups" {
			return c.ListGroupsPage(ctx, payee.PageParams(p))
		}
		return all(c.ListGroups(ctx, payee.PageParams(p)))
	case "createAccount":
		req, err := decode[payee.CreateAccountRequest](x.Params)
		if err != nil {
			return nil, err
		}
		return c.CreateAccount(ctx, req, x.options()...)
	case "getAccount":
		return c.GetAccount(ctx, x.AccountID)
	case "listAccounts", "listAllAccounts":
		p, err := decode[pageParams](x.Params)
		if err != nil {
			return nil, err
		}
		if op == "listAccounts" {
			return c.ListAccountsPage(ctx, payee.PageParams(p))
		}
		return all(c.ListAccounts(ctx, payee.PageParams(p)))
	case "listAccountFlows", "listAllAccountFlows":
		p, err := decode[pageParams](x.Params)
		if err != nil {
			return nil, err
		}
		if op == "listAccountFlows" {
			return c.ListAccountFlowsPage(ctx, x.AccountID, payee.PageParams(p))
		}
		return all(c.ListAccountFlows(ctx, x.AccountID, payee.PageParams(p)))
	case "getAccountBalance":
		return c.GetAccountBalance(ctx, x.AccountID, payee.AccountBalanceParams{At: x.At})
	case "closeGroup":
		return c.CloseGroup(ctx, x.GroupNo)
	case "syncGroup":
		return c.SyncGroup(ctx, x.GroupNo)
	case "waitFor":
		return c.WaitFor(ctx, x.PayNo, x.Statuses, x.wait())
	case "bench":
		return a.bench(ctx, c, x)
	}
	return nil, fmt.Errorf("unknown op %q", op)
}

// timed runs task calls times, concurrency goroutines at once, and returns the milliseconds it took.
func timed(calls, concurrency int, task func() error) (float64, error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, concurrency)
	started := time.Now()
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(calls) {
				if err := task(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return float64(time.Since(started).Microseconds()) / 1000, <-errs
}

// bench times GetPayment against the same GET through net/http as a careful caller sets it up
// for this many calls in flight (every connection kept alive: the default transport keeps only 2
// idle per host), its body decoded as plain JSON: after an untimed warm-up of each, rounds
// alternating which goes first.
func (a *adapter) bench(ctx context.Context, c *payee.Client, x args) (any, error) {
	s := a.settings[cmp.Or(x.Client, "default")]
	target := s.BaseURL + "/v1/payments/" + url.PathEscape(x.PayNo)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = x.Concurrency
	hc := &http.Client{Transport: transport}
	raw := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return err
		}
		req.Header.Set("x-api-key", s.APIKey)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("raw GET answered %d", resp.StatusCode)
		}
		var payment map[string]any
		return json.Unmarshal(body, &payment)
	}
	sdk := func() error {
		_, err := c.GetPayment(ctx, x.PayNo)
		return err
	}
	for _, task := range []func() error{raw, sdk} {
		if _, err := timed(x.Concurrency*4, x.Concurrency, task); err != nil {
			return nil, err
		}
	}
	var rawMs, sdkMs float64
	for i := range x.Rounds {
		share := x.Calls / x.Rounds
		if i < x.Calls%x.Rounds {
			share++
		}
		tasks, totals := []func() error{raw, sdk}, []*float64{&rawMs, &sdkMs}
		if i%2 == 1 {
			tasks[0], tasks[1], totals[0], totals[1] = sdk, raw, &sdkMs, &rawMs
		}
		for j, task := range tasks {
			ms, err := timed(share, x.Concurrency, task)
			if err != nil {
				return nil, err
			}
			*totals[j] += ms
		}
	}
	return map[string]any{"rawMs": rawMs, "sdkMs": sdkMs, "variant": fmt.Sprintf("sync (%d goroutines)", x.Concurrency)}, nil
}

type sdkError struct {
	Kind         string `json:"kind"`
	Class        string `json:"class"`
	Message      string `json:"message"`
	Status       int    `json:"status,omitempty"`
	Code         string `json:"code,omitempty"`
	Param        string `json:"param,omitempty"`
	PayNo        string `json:"payNo,omitempty"`
	RequestID    string `json:"requestId,omitempty"`
	RetryAfterMs int64  `json:"retryAfterMs,omitempty"`
	Last         any    `json:"last,omitempty"`
}

func errorOf(err error) sdkError {
	var apiErr *payee.Error
	var timeout *payee.WaitTimeoutError
	switch {
	case errors.As(err, &timeout):
		e := sdkError{Kind: "wait_timeout", Class: "*payee.WaitTimeoutError", Message: err.Error(), PayNo: timeout.PayNo, Last: timeout.Payment}
		if timeout.Refund != nil {
			e.Last = timeout.Refund
		}
		return e
	case errors.As(err, &apiErr):
		return sdkError{
			Kind: string(apiErr.Type), Class: "*payee.Error", Message: err.Error(), Status: apiErr.HTTPStatus, Code: apiErr.Code,
			Param: apiErr.Param, PayNo: apiErr.PayNo, RequestID: apiErr.RequestID, RetryAfterMs: apiErr.RetryAfter.Milliseconds(),
		}
	}
	return sdkError{Kind: "adapter", Class: fmt.Sprintf("%T", err), Message: err.Error()}
}

func main() {
	out := json.NewEncoder(os.Stdout)
	write := func(v any) {
		if err := out.Encode(v); err != nil {
			fmt.Fprintln(os.Stderr, "conformance adapter: writing:", err)
			os.Exit(1)
		}
	}
	write(map[string]any{"ready": map[string]any{"sdk": "go", "version": payee.Version, "variants": []string{"sync"}}})
	a := &adapter{clients: map[string]*payee.Client{}, settings: map[string]args{}}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		if len(in.Bytes()) == 0 {
			continue
		}
		var req struct {
			ID   int64           `json:"id"`
			Op   string          `json:"op"`
			Args json.RawMessage `json:"args"`
		}
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, "conformance adapter: a line that is not a request:", err)
			os.Exit(1)
		}
		x, err := decode[args](req.Args)
		var result any
		if err == nil {
			result, err = a.run(context.Background(), req.Op, x)
		}
		if err != nil {
			write(map[string]any{"id": req.ID, "ok": false, "error": errorOf(err)})
			continue
		}
		write(map[string]any{"id": req.ID, "ok": true, "result": result})
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "conformance adapter: reading:", err)
		os.Exit(1)
	}
}

// all collects every item of an auto-paginating sequence, or its error.
func all[T any](items iter.Seq2[T, error]) ([]T, error) {
	out := []T{}
	for item, err := range items {
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}
