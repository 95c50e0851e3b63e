package payee

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

func anAccount(id string, overdraft any) map[string]any {
	return map[string]any{
		"accountId": id, "currency": "CNY", "type": "liability", "overdraftLimit": overdraft, "shards": 1,
		"createdAt": "2026-12-03T00:00:00Z",
		"balance": map[string]any{"posted": 0, "pendingIncoming": 1000, "pendingOutgoing": 0, "available": 0,
			"postedDebits": 0, "postedCredits": 0, "pendingDebits": 0, "pendingCredits": 1000},
	}
}

func TestCreateAccountSendsNullOnlyForNoOverdraftLimit(t *testing.T) {
	var mu sync.Mutex
	var bodies, keys []string
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies, keys = append(bodies, string(b)), append(keys, r.Header.Get("Idempotency-Key"))
		n := len(bodies)
		mu.Unlock()
		if n == 1 {
			apiError(w, 503, "unavailable", "service_unavailable")
			return
		}
		writeJSON(w, 201, anAccount("A1", nil))
	})
	ctx := context.Background()
	if _, err := c.CreateAccount(ctx, CreateAccountRequest{Currency: "CNY", Type: AccountLiability, Name: "wallet"}); err != nil {
		t.Fatal(err)
	}
	a, err := c.CreateAccount(ctx, CreateAccountRequest{Currency: "CNY", Type: AccountAsset, NoOverdraftLimit: true, Shards: 8})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"currency":"CNY","type":"liability","name":"wallet"}`,
		`{"currency":"CNY","type":"liability","name":"wallet"}`,
		`{"currency":"CNY","type":"asset","shards":8,"overdraftLimit":null}`,
	}
	if !slices.Equal(bodies, want) || keys[0] == "" || keys[1] != keys[0] || keys[2] == keys[0] {
		t.Errorf("bodies %q, keys %q", bodies, keys)
	}
	if a.OverdraftLimit != nil || a.Balance.PendingIncoming != 1000 {
		t.Errorf("account %+v", a)
	}
}

func TestAccountReadsAndBalanceAtATime(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.EscapedPath()+"?"+r.URL.RawQuery)
		mu.Unlock()
		if r.URL.Path == "/live/v1/accounts/A1/balance" {
			writeJSON(w, 200, map[string]any{"accountId": "A1", "currency": "CNY", "at": "2026-12-01T00:00:00Z", "posted": 500})
			return
		}
		writeJSON(w, 200, anAccount("A/1", 0))
	})
	ctx := context.Background()
	a, err := c.GetAccount(ctx, "A/1")
	if err != nil || a.OverdraftLimit == nil || *a.OverdraftLimit != 0 {
		t.Fatalf("%+v %v", a, err)
	}
	b, err := c.GetAccountBalance(ctx, "A1", AccountBalanceParams{At: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || b.Posted != 500 {
		t.Fatalf("%+v %v", b, err)
	}
	want := []string{"/live/v1/accounts/A%2F1?", "/live/v1/accounts/A1/balance?at=2026-12-01T00%3A00%3A00Z"}
	if !slices.Equal(seen, want) {
		t.Errorf("requests %q", seen)
	}
}

func TestAccountsAndFlowsRangeOverEveryPage(t *testing.T) {
	var mu sync.Mutex
	var queries []string
	flow := func(id string) map[string]any {
		return map[string]any{"flowId": id, "kind": "post", "direction": "credit", "amount": 1000, "currency": "CNY",
			"accountOut": "A2", "accountRec": "A1", "payNo": "P1", "line": 0, "at": "2026-12-03T00:00:00Z"}
	}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		mu.Unlock()
		first := r.URL.Query().Get("cursor") == ""
		switch {
		case r.URL.Path == "/live/v1/accounts/A1/flows" && first:
			writeJSON(w, 200, map[string]any{"data": []any{flow("F2")}, "nextCursor": "f1"})
		case r.URL.Path == "/live/v1/accounts/A1/flows":
			writeJSON(w, 200, map[string]any{"data": []any{flow("F1")}})
		case first:
			writeJSON(w, 200, map[string]any{"data": []any{anAccount("A1", 0)}, "nextCursor": "c1"})
		default:
			writeJSON(w, 200, map[string]any{"data": []any{anAccount("A2", nil)}})
		}
	})
	ctx := context.Background()
	var got []string
	for a, err := range c.ListAccounts(ctx, PageParams{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.AccountID)
	}
	for f, err := range c.ListAccountFlows(ctx, "A1", PageParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.FlowID+":"+string(f.Kind)+":"+string(f.Direction))
	}
	if fmt.Sprint(got) != "[A1 A2 F2:post:credit F1:post:credit]" {
		t.Errorf("ranged %v", got)
	}
	want := []string{"/live/v1/accounts?limit=1", "/live/v1/accounts?cursor=c1&limit=1", "/live/v1/accounts/A1/flows?", "/live/v1/accounts/A1/flows?cursor=f1"}
	if !slices.Equal(queries, want) {
		t.Errorf("queries %q", queries)
	}
}

func TestLedgerDisabledIsAConflict(t *testing.T) {
	c, clock := testClient(t, func(w http.ResponseWriter, r *http.Request) { apiError(w, 409, "conflict", CodeLedgerDisabled) })
	_, err := c.CreateAccount(context.Background(), CreateAccountRequest{Currency: "CNY", Type: AccountAsset})
	var e *Error
	if !errors.Is(err, ErrConflict) || !errors.As(err, &e) || e.Code != CodeLedgerDisabled || len(clock.sleeps) != 0 {
		t.Errorf("%v, sleeps %v", err, clock.sleeps)
	}
}

func TestCreateAccountRequestReadsNullAsNoOverdraftLimit(t *testing.T) {
	for in, want := range map[string]CreateAccountRequest{
		`{"currency":"CNY","type":"asset","overdraftLimit":null}`: {Currency: "CNY", Type: AccountAsset, NoOverdraftLimit: true},
		`{"currency":"CNY","type":"asset","overdraftLimit":5}`:    {Currency: "CNY", Type: AccountAsset, OverdraftLimit: 5},
		`{"currency":"CNY","type":"asset"}`:                       {Currency: "CNY", Type: AccountAsset},
	} {
		var got CreateAccountRequest
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("%s: %+v %v", in, got, err)
		}
		if out, _ := json.Marshal(got); string(out) != in {
			t.Errorf("%s written back as %s", in, out)
		}
	}
}
