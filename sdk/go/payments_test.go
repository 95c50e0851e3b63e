package payee

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// pagedServer serves GET /v1/payments as pages of size per page over n payments, cursor "c<i>"
// naming where the next page starts, and records each query.
func pagedServer(t *testing.T, n, size int, queries *[]string) http.HandlerFunc {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*queries = append(*queries, r.URL.RawQuery)
		mu.Unlock()
		if r.URL.Path != "/live/v1/payments" {
			t.Errorf("path %s", r.URL.Path)
		}
		start := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			start, _ = strconv.Atoi(c[1:])
		}
		var data []map[string]any
		for i := start; i < min(start+size, n); i++ {
			p := map[string]any{}
			for k, v := range aPayment {
				p[k] = v
			}
			p["payNo"] = fmt.Sprintf("P%03d", i)
			data = append(data, p)
		}
		page := map[string]any{"data": data}
		if start+size < n {
			page["nextCursor"] = fmt.Sprintf("c%d", start+size)
		}
		writeJSON(w, 200, page)
	}
}

func TestListPaymentsRangesOverEveryPage(t *testing.T) {
	var queries []string
	c, _ := testClient(t, pagedServer(t, 7, 3, &queries))
	var got []string
	for p, err := range c.ListPayments(context.Background(), ListPaymentsParams{Limit: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.PayNo)
	}
	if fmt.Sprint(got) != "[P000 P001 P002 P003 P004 P005 P006]" {
		t.Errorf("payments %v", got)
	}
	if fmt.Sprint(queries) != "[limit=3 cursor=c3&limit=3 cursor=c6&limit=3]" {
		t.Errorf("queries %q", queries)
	}
}

func TestListPaymentsStopsReadingWhenTheLoopBreaks(t *testing.T) {
	var queries []string
	c, _ := testClient(t, pagedServer(t, 10, 3, &queries))
	n := 0
	for _, err := range c.ListPayments(context.Background(), ListPaymentsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 4 {
			break
		}
	}
	if len(queries) != 2 {
		t.Errorf("%d pages read for 4 payments of pages of 3", len(queries))
	}
}

func TestListPaymentsEndsWithTheError(t *testing.T) {
	var queries []string
	pages := pagedServer(t, 10, 3, &queries)
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "c3" {
			apiError(w, 400, "invalid_request", "parameter_invalid")
			return
		}
		pages(w, r)
	})
	var payNos []string
	var errs []error
	for p, err := range c.ListPayments(context.Background(), ListPaymentsParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		payNos = append(payNos, p.PayNo)
	}
	if len(payNos) != 3 || len(errs) != 1 || !errors.Is(errs[0], ErrInvalidRequest) {
		t.Errorf("payments %v, errors %v", payNos, errs)
	}
}

func TestListPaymentsQuery(t *testing.T) {
	var query string
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		writeJSON(w, 200, map[string]any{"data": []any{}})
	})
	from := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CST", 8*3600))
	_, err := c.ListPaymentsPage(context.Background(), ListPaymentsParams{CompanyID: "C01", Limit: 50, CreatedFrom: from, CreatedTo: from.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "companyId=C01&createdFrom=2026-01-01T19%3A04%3A05Z&createdTo=2026-01-01T20%3A04%3A05Z&limit=50"; query != want {
		t.Errorf("query %s\nwant  %s", query, want)
	}
}

func TestGetPaymentByOutTradeNo(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("outTradeNo") == "A1001" {
			writeJSON(w, 200, map[string]any{"data": []any{aPayment}})
			return
		}
		writeJSON(w, 200, map[string]any{"data": []any{}})
	})
	p, err := c.GetPaymentByOutTradeNo(context.Background(), "A1001")
	if err != nil || p.OutTradeNo != "A1001" {
		t.Fatalf("%+v, %v", p, err)
	}
	if p, err := c.GetPaymentByOutTradeNo(context.Background(), "NOPE"); p != nil || err != nil {
		t.Errorf("no such outTradeNo: %+v, %v", p, err)
	}
}

// TestEveryEndpoint calls each method once and checks its method, path, query and decoding.
func TestEveryEndpoint(t *testing.T) {
	refund := map[string]any{"refundNo": "R01", "payNo": "P01KBX", "status": "SUCCEEDED", "amount": 500, "currency": "CNY", "createdAt": "2026-11-24T00:00:00Z", "updatedAt": "2026-11-24T00:00:00Z"}
	notification := map[string]any{"notificationId": "N01", "payNo": "P01KBX", "type": "payment.succeeded", "url": "http://127.0.0.1:9000/n", "status": "PENDING",
		"attempts": []any{map[string]any{"n": 1, "at": "2026-11-24T00:00:00Z", "statusCode": 500, "latencyMs": 12}}, "createdAt": "2026-11-24T00:00:00Z", "updatedAt": "2026-11-24T00:00:00Z"}
	routes := map[string]any{
		"GET /live/v1/payments/P01KBX/events": map[string]any{"data": []any{map[string]any{"eventId": "e1", "channel": "alipay", "providerStatus": "TRADE_SUCCESS", "status": "SUCCEEDED",
			"outcome": "applied", "fromStatus": "PENDING", "toStatus": "SUCCEEDED", "amount": 1999, "currency": "CNY", "recordedAt": "2026-11-24T00:00:00Z"}}},
		"POST /live/v1/payments/P01KBX/close":                aPayment,
		"POST /live/v1/payments/P01KBX/sync":                 map[string]any{"payment": aPayment, "provider": map[string]any{"status": "PENDING"}, "eventId": "sync-1", "refunds": []any{map[string]any{"refundNo": "R01", "outcome": "settled"}}},
		"POST /live/v1/payments/P01KBX/refunds":              refund,
		"GET /live/v1/payments/P01KBX/refunds":               map[string]any{"data": []any{refund}},
		"GET /live/v1/payments/P01KBX/notifications":         map[string]any{"data": []any{notification}},
		"POST /live/v1/payments/P01KBX/notifications/resend": notification,
		"GET /live/v1/reports/reconciliation":                map[string]any{"day": "2026-11-23", "data": []any{map[string]any{"payId": "cfg_1", "channel": "alipay", "day": "2026-11-23", "checkedAt": "x", "statementLines": 1, "localPayments": 0, "differences": []any{map[string]any{"kind": "missing_locally", "payNo": "P01X", "provider": map[string]any{"amount": 100, "currency": "CNY", "status": "SUCCESS", "refundedAmount": 0, "at": "x"}}}}}},
		"GET /live/v1/openapi.json":                          map[string]any{"openapi": "3.1.0"},
	}
	seen := map[string]string{}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		route := r.Method + " " + r.URL.Path
		body, ok := routes[route]
		if !ok {
			t.Errorf("unexpected %s", route)
			w.WriteHeader(404)
			return
		}
		seen[route] = r.URL.RawQuery
		writeJSON(w, 200, body)
	})
	ctx := context.Background()
	check := func(what string, ok bool, err error) {
		t.Helper()
		if err != nil || !ok {
			t.Errorf("%s: ok %v, err %v", what, ok, err)
		}
	}
	ev, err := c.ListPaymentEvents(ctx, "P01KBX")
	check("events", err == nil && ev.Data[0].Outcome == OutcomeApplied && ev.Data[0].ToStatus == StatusSucceeded, err)
	p, err := c.ClosePayment(ctx, "P01KBX")
	check("close", err == nil && p.PayNo == "P01KBX", err)
	s, err := c.SyncPayment(ctx, "P01KBX")
	check("sync", err == nil && s.Provider.Status == ProviderPending && s.Refunds[0].Outcome == RefundOutcomeSettled, err)
	r, err := c.CreateRefund(ctx, "P01KBX", CreateRefundRequest{Amount: 500})
	check("refund", err == nil && r.Status == RefundSucceeded, err)
	rl, err := c.ListRefunds(ctx, "P01KBX")
	check("refunds", err == nil && rl.Data[0].RefundNo == "R01", err)
	nl, err := c.ListNotifications(ctx, "P01KBX")
	check("notifications", err == nil && nl.Data[0].Attempts[0].StatusCode == 500, err)
	n, err := c.ResendNotification(ctx, "P01KBX")
	check("resend", err == nil && n.Status == NotificationPending, err)
	rec, err := c.GetReconciliation(ctx, ReconciliationParams{Day: "2026-11-23", PayID: "cfg_1"})
	check("reconciliation", err == nil && rec.Data[0].Differences[0].Kind == DifferenceMissingLocally && rec.Data[0].Differences[0].Provider.Amount == 100, err)
	doc, err := c.GetOpenAPI(ctx)
	check("openapi", err == nil && json.Valid(doc), err)
	if len(seen) != len(routes) {
		t.Errorf("%d of %d routes called", len(seen), len(routes))
	}
	if q := seen["GET /live/v1/reports/reconciliation"]; q != "day=2026-11-23&payId=cfg_1" {
		t.Errorf("reconciliation query %q", q)
	}
}

func TestPathParametersAreEscaped(t *testing.T) {
	var path string
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.EscapedPath()
		writeJSON(w, 200, aPayment)
	})
	if _, err := c.GetPayment(context.Background(), "P01/../x"); err != nil {
		t.Fatal(err)
	}
	if path != "/live/v1/payments/P01%2F..%2Fx" {
		t.Errorf("path %s", path)
	}
}

func TestActionShapes(t *testing.T) {
	var qr, jsapi Action
	if err := json.Unmarshal([]byte(`{"type":"qr_code","value":"weixin://x"}`), &qr); err != nil || qr.Value != "weixin://x" || qr.Params != nil {
		t.Errorf("qr_code: %+v %v", qr, err)
	}
	if err := json.Unmarshal([]byte(`{"type":"jsapi_params","value":{"appId":"wx1","paySign":"s"}}`), &jsapi); err != nil || jsapi.Params["appId"] != "wx1" || jsapi.Value != "" {
		t.Errorf("jsapi_params: %+v %v", jsapi, err)
	}
	for _, a := range []Action{qr, jsapi} {
		b, err := json.Marshal(a)
		var back Action
		if err != nil || json.Unmarshal(b, &back) != nil || fmt.Sprint(back) != fmt.Sprint(a) {
			t.Errorf("round trip of %+v: %s", a, b)
		}
	}
}
