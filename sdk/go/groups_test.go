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

var aGroup = map[string]any{
	"groupNo": "G01", "mode": "batch", "status": "open", "memberCount": 2,
	"createdAt": "2026-12-03T00:00:00.000Z", "updatedAt": "2026-12-03T00:00:00.000Z",
	"members": []any{
		map[string]any{"outTradeNo": "A1001", "payNo": "P01KBX", "payment": aPayment},
		map[string]any{"outTradeNo": "A1002", "payNo": "P02", "error": map[string]any{"code": "provider_unavailable", "message": "retry"}},
	},
}

var groupReq = CreateGroupRequest{
	Mode:   ModeBatch,
	Method: MethodAlipayQR,
	Members: []GroupMemberRequest{
		{OutTradeNo: "A1001", Subject: "Tea", Amount: 1000, Currency: "CNY", Details: []DetailLine{
			{AccountOut: "buyer", AccountRec: "shop-7", Amount: 950},
			{AccountOut: "buyer", AccountRec: "fees", Amount: 50, Memo: "fee"},
		}},
		{OutTradeNo: "A1002", Subject: "Cup", Amount: 500, Currency: "CNY", Method: MethodWechatNative},
	},
}

func TestCreateGroupSendsItsMembersAndDetailLines(t *testing.T) {
	var method, path, body string
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		method, path, body = r.Method, r.URL.Path, string(b)
		writeJSON(w, 201, aGroup)
	})
	g, err := c.CreateGroup(context.Background(), groupReq)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"mode":"batch","method":"alipay.qr","members":[` +
		`{"outTradeNo":"A1001","subject":"Tea","amount":1000,"currency":"CNY","details":[{"accountOut":"buyer","accountRec":"shop-7","amount":950},{"accountOut":"buyer","accountRec":"fees","amount":50,"memo":"fee"}]},` +
		`{"method":"wechat.native","outTradeNo":"A1002","subject":"Cup","amount":500,"currency":"CNY"}]}`
	if method != "POST" || path != "/live/v1/groups" || body != want {
		t.Errorf("%s %s\n%s\nwant\n%s", method, path, body, want)
	}
	if g.GroupNo != "G01" || g.Status != GroupOpen || g.Members[0].Payment.PayNo != "P01KBX" || g.Members[1].Payment != nil || g.Members[1].Error.Code != CodeProviderUnavailable {
		t.Errorf("group %+v", g)
	}
}

func TestCreateGroupRetriesWithOneKeyAndBody(t *testing.T) {
	var mu sync.Mutex
	var keys, bodies []string
	c, clock := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		b, _ := io.ReadAll(r.Body)
		keys, bodies = append(keys, r.Header.Get("Idempotency-Key")), append(bodies, string(b))
		if len(keys) == 1 {
			w.Header().Set("Retry-After", "1")
			apiError(w, 503, "provider", "provider_unavailable")
			return
		}
		writeJSON(w, 201, aGroup)
	})
	if _, err := c.CreateGroup(context.Background(), groupReq); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys[0] == "" || keys[1] != keys[0] || bodies[1] != bodies[0] {
		t.Errorf("keys %q, bodies alike %v", keys, len(bodies) == 2 && bodies[0] == bodies[1])
	}
	if !slices.Equal(clock.sleeps, []time.Duration{time.Second}) {
		t.Errorf("sleeps %v", clock.sleeps)
	}
}

func TestGroupEndpoints(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, fmt.Sprintf("%s %s key=%t", r.Method, r.URL.EscapedPath(), r.Header.Get("Idempotency-Key") != ""))
		mu.Unlock()
		switch r.URL.Path {
		case "/live/v1/groups/G01/sync":
			writeJSON(w, 202, map[string]any{"group": aGroup, "members": []any{map[string]any{"payNo": "P01KBX", "provider": "PENDING", "eventId": "E1"}}})
		default:
			writeJSON(w, 200, aGroup)
		}
	})
	ctx := context.Background()
	if _, err := c.GetGroup(ctx, "G/1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CloseGroup(ctx, "G01", WithIdempotencyKey("close-G01")); err != nil {
		t.Fatal(err)
	}
	r, err := c.SyncGroup(ctx, "G01")
	if err != nil {
		t.Fatal(err)
	}
	if r.Group.Members[0].Payment.OutTradeNo != "A1001" || r.Members[0].Provider != ProviderPending || r.Members[0].EventID != "E1" {
		t.Errorf("sync %+v", r)
	}
	want := []string{"GET /live/v1/groups/G%2F1 key=false", "POST /live/v1/groups/G01/close key=true", "POST /live/v1/groups/G01/sync key=true"}
	if !slices.Equal(seen, want) {
		t.Errorf("requests %q", seen)
	}
}

func TestListGroupsRangesOverEveryPage(t *testing.T) {
	var mu sync.Mutex
	var queries []string
	summary := func(no string) map[string]any {
		return map[string]any{"groupNo": no, "mode": "batch", "status": "paid", "memberCount": 1, "createdAt": "2026-12-03T00:00:00Z", "updatedAt": "2026-12-03T00:00:00Z"}
	}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		mu.Unlock()
		if r.URL.Query().Get("cursor") == "" {
			writeJSON(w, 200, map[string]any{"data": []any{summary("G3"), summary("G2")}, "nextCursor": "c1"})
			return
		}
		writeJSON(w, 200, map[string]any{"data": []any{summary("G1")}})
	})
	var got []string
	for g, err := range c.ListGroups(context.Background(), ListGroupsParams{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, g.GroupNo+":"+string(g.Status))
	}
	if fmt.Sprint(got) != "[G3:paid G2:paid G1:paid]" || fmt.Sprint(queries) != "[limit=2 cursor=c1&limit=2]" {
		t.Errorf("groups %v, queries %q", got, queries)
	}
}

func TestListGroupsEndsWithTheError(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { apiError(w, 400, "invalid_request", "parameter_invalid") })
	n := 0
	for _, err := range c.ListGroups(context.Background(), ListGroupsParams{Limit: 500}) {
		if n++; !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("element %d: %v", n, err)
		}
	}
	if n != 1 {
		t.Errorf("%d elements", n)
	}
}

func TestGroupErrorsAreTyped(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	c, clock := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		if r.Method == http.MethodPost {
			apiError(w, 409, "conflict", CodeGroupNotClosable)
			return
		}
		apiError(w, 404, "not_found", CodeResourceMissing)
	})
	_, err := c.CloseGroup(context.Background(), "G01")
	var e *Error
	if !errors.Is(err, ErrConflict) || !errors.As(err, &e) || e.Code != CodeGroupNotClosable || e.HTTPStatus != 409 {
		t.Errorf("close: %#v", err)
	}
	if _, err := c.GetGroup(context.Background(), "G00"); !errors.Is(err, ErrNotFound) {
		t.Errorf("get: %v", err)
	}
	if calls != 2 || len(clock.sleeps) != 0 {
		t.Errorf("%d calls, sleeps %v: a 409 or 404 is not retried", calls, clock.sleeps)
	}
}

func TestPaymentDetailLinesGoAndComeBack(t *testing.T) {
	var sent CreatePaymentRequest
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewDecoder(r.Body).Decode(&sent)
		p := map[string]any{}
		for k, v := range aPayment {
			p[k] = v
		}
		p["details"] = sent.Details
		writeJSON(w, 201, p)
	})
	req := createReq
	req.Details = []DetailLine{{AccountOut: "buyer", AccountRec: "shop", Amount: 1999, Memo: "order A1001"}}
	p, err := c.CreatePayment(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sent.Details, req.Details) || !slices.Equal(p.Details, req.Details) {
		t.Errorf("sent %+v, read back %+v", sent.Details, p.Details)
	}
}
