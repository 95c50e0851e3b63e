package payee

import (
	"encoding/json"
	"errors"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// manifest.json states what this SDK covers of docs/openapi.json (sdk/CONTRIBUTING.md §2); the
// root's `npm run sdk:contract` compares it with the document. These tests keep it true of the
// code: its models, enum values, query parameters and error codes are computed here from the
// SDK's own types, and its operations and error types must name methods and kinds that exist.
// After changing the SDK: go test -run TestManifest -update

var update = flag.Bool("update", false, "rewrite manifest.json from the code")

type manifestFile struct {
	Language   string              `json:"language"`
	Package    string              `json:"package"`
	Adapter    adapterCommand      `json:"adapter"`
	Operations map[string]string   `json:"operations"`
	ErrorTypes map[string]string   `json:"errorTypes"`
	Models     map[string][]string `json:"models"`
	ErrorCodes []string            `json:"errorCodes"`
}

type adapterCommand struct {
	Command []string `json:"command"`
}

// operations maps each merchant operationId to the methods of *Client that call it.
var operations = map[string][]string{
	"createPayment":      {"CreatePayment", "CreateAndWait"},
	"getPayment":         {"GetPayment", "WaitFor"},
	"listPayments":       {"ListPayments", "ListPaymentsPage", "GetPaymentByOutTradeNo"},
	"listPaymentEvents":  {"ListPaymentEvents"},
	"closePayment":       {"ClosePayment"},
	"syncPayment":        {"SyncPayment"},
	"createRefund":       {"CreateRefund", "RefundAndWait"},
	"listRefunds":        {"ListRefunds"},
	"listNotifications":  {"ListNotifications"},
	"resendNotification": {"ResendNotification"},
	"getReconciliation":  {"GetReconciliation"},
	"getOpenApi":         {"GetOpenAPI"},
	"createGroup":        {"CreateGroup"},
	"getGroup":           {"GetGroup"},
	"listGroups":         {"ListGroups", "ListGroupsPage"},
	"closeGroup":         {"CloseGroup"},
	"syncGroup":          {"SyncGroup"},
	"createAccount":      {"CreateAccount"},
	"getAccount":         {"GetAccount"},
	"listAccounts":       {"ListAccounts", "ListAccountsPage"},
	"listAccountFlows":   {"ListAccountFlows", "ListAccountFlowsPage"},
	"getAccountBalance":  {"GetAccountBalance"},
	"getDailyReport":     {"GetDailyReport"},
}

// kinds maps each API error type to the sentinel its errors match.
var kinds = map[ErrorType]struct {
	name string
	err  error
}{
	TypeInvalidRequest: {"ErrInvalidRequest", ErrInvalidRequest},
	TypeAuthentication: {"ErrAuthentication", ErrAuthentication},
	TypeNotFound:       {"ErrNotFound", ErrNotFound},
	TypeConflict:       {"ErrConflict", ErrConflict},
	TypeIdempotency:    {"ErrIdempotency", ErrIdempotency},
	TypeProvider:       {"ErrProviderUnavailable", ErrProviderUnavailable},
	TypeUnavailable:    {"ErrServiceUnavailable", ErrServiceUnavailable},
	TypeInternal:       {"ErrAPI", ErrAPI},
}

// models are the document's component schemas the SDK models, by the schema's name.
var models = map[string]reflect.Type{
	"Account":              reflect.TypeFor[Account](),
	"AccountBalance":       reflect.TypeFor[AccountBalance](),
	"AccountList":          reflect.TypeFor[AccountList](),
	"CreateAccountRequest": reflect.TypeFor[CreateAccountRequest](),
	"DailyReport":          reflect.TypeFor[DailyReport](),
	"FlowList":             reflect.TypeFor[FlowList](),
	"CreateGroupRequest":   reflect.TypeFor[CreateGroupRequest](),
	"CreatePaymentRequest": reflect.TypeFor[CreatePaymentRequest](),
	"CreateRefundRequest":  reflect.TypeFor[CreateRefundRequest](),
	"Error":                reflect.TypeFor[errorBody](),
	"Group":                reflect.TypeFor[Group](),
	"GroupList":            reflect.TypeFor[GroupList](),
	"GroupNotification":    reflect.TypeFor[GroupNotification](),
	"GroupSyncResult":      reflect.TypeFor[GroupSyncResult](),
	"Notification":         reflect.TypeFor[Notification](),
	"NotificationList":     reflect.TypeFor[NotificationList](),
	"Payment":              reflect.TypeFor[Payment](),
	"PaymentEventList":     reflect.TypeFor[PaymentEventList](),
	"PaymentList":          reflect.TypeFor[PaymentList](),
	"PaymentNotification":  reflect.TypeFor[PaymentNotification](),
	"ReconciliationList":   reflect.TypeFor[ReconciliationList](),
	"Refund":               reflect.TypeFor[Refund](),
	"RefundList":           reflect.TypeFor[RefundList](),
	"SyncResult":           reflect.TypeFor[SyncResult](),
}

// enums are the exported lists of every value of an enum type. A type without one (EventType)
// is an open string in the document too.
var enums = map[reflect.Type]any{
	reflect.TypeFor[PaymentStatus]():      PaymentStatuses,
	reflect.TypeFor[Method]():             Methods,
	reflect.TypeFor[ActionType]():         ActionTypes,
	reflect.TypeFor[EventOutcome]():       EventOutcomes,
	reflect.TypeFor[ProviderStatus]():     ProviderStatuses,
	reflect.TypeFor[RefundOutcome]():      RefundOutcomes,
	reflect.TypeFor[RefundStatus]():       RefundStatuses,
	reflect.TypeFor[NotificationStatus](): NotificationStatuses,
	reflect.TypeFor[DifferenceKind]():     DifferenceKinds,
	reflect.TypeFor[ErrorType]():          ErrorTypes,
	reflect.TypeFor[GroupMode]():          GroupModes,
	reflect.TypeFor[GroupStatus]():        GroupStatuses,
	reflect.TypeFor[AccountType]():        AccountTypes,
	reflect.TypeFor[FlowKind]():           FlowKinds,
	reflect.TypeFor[FlowDirection]():      FlowDirections,
	reflect.TypeFor[ReportDimension]():    ReportDimensions,
}

func enumValues(t reflect.Type) []string {
	list, ok := enums[t]
	if !ok {
		return nil
	}
	v := reflect.ValueOf(list)
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	slices.Sort(out)
	return out
}

var timeType = reflect.TypeFor[time.Time]()

// fieldsOf lists a model's field paths as sdk/conformance/surface.ts does: `a.b`, `list[].c`,
// enum values after `: `, a field holding another model by its name.
func fieldsOf(t reflect.Type, self, prefix string, out map[string][]string) {
	named := map[reflect.Type]string{}
	for name, m := range models {
		named[m] = name
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		path := prefix + name
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		out[path] = nil
		switch {
		case named[ft] != "" && named[ft] != self:
			out[path] = []string{named[ft]}
		case ft.Kind() == reflect.Slice && named[ft.Elem()] != "":
			out[path] = []string{named[ft.Elem()] + "[]"}
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && ft.Elem() != timeType:
			fieldsOf(ft.Elem(), self, path+"[].", out)
		case ft.Kind() == reflect.Struct && ft != timeType:
			fieldsOf(ft, self, path+".", out)
		default:
			out[path] = enumValues(ft)
		}
	}
}

func listOf(fields map[string][]string) []string {
	var out []string
	for path, values := range fields {
		if len(values) > 0 {
			path += ": " + strings.Join(values, "|")
		}
		out = append(out, path)
	}
	slices.Sort(out)
	return out
}

// queryOf lists the query parameters a params type sends: each field set, and those sent even
// when zero are required.
func queryOf[P interface{ values() map[string][]string }](zero P) []string {
	full := reflect.New(reflect.TypeOf(zero)).Elem()
	for i := range full.NumField() {
		switch f := full.Field(i); f.Kind() {
		case reflect.String:
			f.SetString("x")
		case reflect.Int:
			f.SetInt(1)
		default:
			f.Set(reflect.ValueOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
		}
	}
	required := zero.values()
	var out []string
	for name := range full.Interface().(P).values() {
		if _, ok := required[name]; ok {
			name += " (required)"
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

func manifestOfCode() manifestFile {
	m := manifestFile{
		Language:   "go",
		Package:    "github.com/payee-dev/payee/sdk/go",
		Adapter:    adapterCommand{Command: []string{"go", "run", "./conformance"}},
		Operations: map[string]string{},
		ErrorTypes: map[string]string{},
		Models:     map[string][]string{},
		ErrorCodes: slices.Sorted(slices.Values(ErrorCodes)),
	}
	for op, methods := range operations {
		m.Operations[op] = "Client." + strings.Join(methods, ", Client.")
	}
	for t, k := range kinds {
		m.ErrorTypes[string(t)] = k.name
	}
	for name, t := range models {
		fields := map[string][]string{}
		fieldsOf(t, name, "", fields)
		m.Models[name] = listOf(fields)
	}
	m.Models["listPayments.query"] = queryOf(listQuery{})
	m.Models["getReconciliation.query"] = queryOf(reconciliationQuery{})
	m.Models["listGroups.query"] = queryOf(pageQuery{})
	m.Models["listAccounts.query"] = queryOf(pageQuery{})
	m.Models["listAccountFlows.query"] = queryOf(pageQuery{})
	m.Models["getAccountBalance.query"] = queryOf(balanceQuery{})
	m.Models["getDailyReport.query"] = queryOf(dailyQuery{})
	return m
}

// listQuery and reconciliationQuery give queryOf the params types with values() as a plain map.
type listQuery ListPaymentsParams
type reconciliationQuery ReconciliationParams
type pageQuery PageParams
type balanceQuery AccountBalanceParams
type dailyQuery DailyReportParams

func (q listQuery) values() map[string][]string           { return ListPaymentsParams(q).values() }
func (q reconciliationQuery) values() map[string][]string { return ReconciliationParams(q).values() }
func (q pageQuery) values() map[string][]string           { return PageParams(q).values() }
func (q balanceQuery) values() map[string][]string        { return AccountBalanceParams(q).values() }
func (q dailyQuery) values() map[string][]string          { return DailyReportParams(q).values() }

func TestManifestIsTrueOfTheCode(t *testing.T) {
	want := manifestOfCode()
	if *update {
		b, err := json.MarshalIndent(want, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("manifest.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile("manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var got manifestFile
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		b, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("manifest.json does not say what the code does; after checking the SDK against docs/openapi.json, run go test -run TestManifest -update. The code says:\n%s", b)
	}
}

func TestManifestNamesWhatExists(t *testing.T) {
	client := reflect.TypeFor[*Client]()
	for op, methods := range operations {
		for _, name := range methods {
			if _, ok := client.MethodByName(name); !ok {
				t.Errorf("%s: no method Client.%s", op, name)
			}
		}
	}
	for typ, k := range kinds {
		if !errors.Is(&Error{Type: typ}, k.err) {
			t.Errorf("an error of type %s does not match %s", typ, k.name)
		}
	}
	if len(kinds) != len(ErrorTypes) {
		t.Errorf("%d kinds for %d error types", len(kinds), len(ErrorTypes))
	}
}

// TestEnumListsHoldEveryConstant reads the package's source: each enum list (and ErrorCodes)
// must hold every constant declared of its type, so that a value added is a value listed.
func TestEnumListsHoldEveryConstant(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string][]string{} // type name, or "Code" for the untyped Code* constants
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok || len(spec.Values) != 1 {
				return true
			}
			lit, ok := spec.Values[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			value, _ := strconv.Unquote(lit.Value)
			if ident, ok := spec.Type.(*ast.Ident); ok {
				declared[ident.Name] = append(declared[ident.Name], value)
			} else if strings.HasPrefix(spec.Names[0].Name, "Code") {
				declared["Code"] = append(declared["Code"], value)
			}
			return true
		})
	}
	check := func(name string, listed []string) {
		slices.Sort(listed)
		d := slices.Sorted(slices.Values(declared[name]))
		if !slices.Equal(d, listed) {
			t.Errorf("%s: declared %v, listed %v", name, d, listed)
		}
	}
	for typ := range maps.Keys(enums) {
		if typ == reflect.TypeFor[ErrorType]() {
			continue // ErrorTypes lists the API's types; the SDK declares its own besides
		}
		check(typ.Name(), enumValues(typ))
	}
	check("Code", slices.Clone(ErrorCodes))
}
