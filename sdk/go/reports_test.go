package payee

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
)

func TestGetDailyReportSendsItsQueryAndReadsTheRows(t *testing.T) {
	var mu sync.Mutex
	var queries []string
	c, clock := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		n := len(queries)
		mu.Unlock()
		if n > 1 {
			apiError(w, 400, "invalid_request", CodeParameterInvalid)
			return
		}
		writeJSON(w, 200, map[string]any{"from": "2026-12-01", "to": "2026-12-02", "groupBy": "method", "data": []any{map[string]any{
			"day": "2026-12-01", "group": "alipay.qr", "currency": "CNY",
			"created": map[string]any{"count": 4, "amount": 4000}, "succeeded": map[string]any{"count": 3, "amount": 3000},
			"closed": map[string]any{"count": 1, "amount": 1000}, "failed": map[string]any{"count": 0, "amount": 0},
			"refunded": map[string]any{"count": 0, "amount": 0}, "successRate": 0.75, "averageTicket": 1000,
			"timeToPay": map[string]any{"count": 3, "p50Ms": 2000, "p95Ms": 5000}, "callbackLatency": map[string]any{"count": 0},
		}}})
	})
	ctx := context.Background()
	r, err := c.GetDailyReport(ctx, DailyReportParams{From: "2026-12-01", To: "2026-12-02", GroupBy: DimensionMethod})
	if err != nil {
		t.Fatal(err)
	}
	row := r.Data[0]
	if r.GroupBy != DimensionMethod || row.Currency != "CNY" || row.Succeeded.Count != 3 || *row.SuccessRate != 0.75 || row.TimeToPay.P95Ms != 5000 || row.CallbackLatency.Count != 0 {
		t.Errorf("report %+v", r)
	}
	if _, err := c.GetDailyReport(ctx, DailyReportParams{From: "2026-12-01", To: "2027-02-01"}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("a refused range: %v", err)
	}
	want := []string{"/live/v1/reports/daily?from=2026-12-01&groupBy=method&to=2026-12-02", "/live/v1/reports/daily?from=2026-12-01&to=2027-02-01"}
	if len(queries) != 2 || queries[0] != want[0] || queries[1] != want[1] || len(clock.sleeps) != 0 {
		t.Errorf("queries %q, sleeps %v", queries, clock.sleeps)
	}
}
