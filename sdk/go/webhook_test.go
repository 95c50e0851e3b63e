package payee

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

type vector struct {
	Name   string `json:"name"`
	Secret string `json:"secret"`
	T      int64  `json:"t"`
	Body   string `json:"body"`
	Header string `json:"header"`
}

// vectors are payee's own: docs/vectors/notification-signature.json, which payee's signer is
// tested against too.
func vectors(t *testing.T) []vector {
	t.Helper()
	raw, err := os.ReadFile("../../docs/vectors/notification-signature.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Vectors []vector }
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) == 0 {
		t.Fatal("no vectors")
	}
	return file.Vectors
}

func TestSignatureVectors(t *testing.T) {
	for _, v := range vectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			at := time.Unix(v.T, 0)
			if got := SignNotification([]byte(v.Body), v.Secret, at); got != v.Header {
				t.Errorf("SignNotification = %s\nwant             %s", got, v.Header)
			}
			if err := VerifySignature([]byte(v.Body), v.Header, v.Secret, DefaultTolerance, at); err != nil {
				t.Errorf("VerifySignature: %v", err)
			}
			if v.Body != "" {
				if err := VerifySignature([]byte(v.Body+" "), v.Header, v.Secret, DefaultTolerance, at); !errors.Is(err, ErrSignatureVerification) {
					t.Errorf("a tampered body verified: %v", err)
				}
			}
			if err := VerifySignature([]byte(v.Body), v.Header, v.Secret+"x", DefaultTolerance, at); !errors.Is(err, ErrSignatureVerification) {
				t.Errorf("another secret verified: %v", err)
			}
			if err := VerifySignature([]byte(v.Body), v.Header, v.Secret, DefaultTolerance, at.Add(301*time.Second)); !errors.Is(err, ErrSignatureVerification) {
				t.Errorf("a stale timestamp verified: %v", err)
			}
		})
	}
}

func TestVerifyNotificationReturnsTheTypedEvent(t *testing.T) {
	v := vectors(t)[0]
	body := []byte(v.Body)
	verified, err := VerifyNotification(body, SignNotification(body, v.Secret, time.Now()), v.Secret, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := verified.Payment
	if verified.Group != nil || n == nil {
		t.Fatalf("a payment's notification verified as %+v", verified)
	}
	if n.ID != "N01KAX9R2Q7Y3M4ZB8C6D5E1FG" || n.Type != EventPaymentSucceeded || n.Data.Status != StatusSucceeded ||
		n.Data.Amount != 1999 || n.Data.PaidAt.IsZero() || n.CreatedAt.IsZero() {
		t.Errorf("notification %+v", n)
	}
	// The vector's own header is a year old: refused as a replay, but good at its own time.
	if _, err := VerifyNotification(body, v.Header, v.Secret, 0); !errors.Is(err, ErrSignatureVerification) {
		t.Errorf("old header: %v", err)
	}
	if n, err := VerifyNotificationAt(body, v.Header, v.Secret, 0, time.Unix(v.T, 0)); err != nil || n.Payment.Data.PayNo != "P01KAX9QZW0G8S5T6V7X2Y3Z4A" {
		t.Errorf("at t: %+v, %v", n, err)
	}
}

func TestVerifyNotificationTypesAGroupsNotification(t *testing.T) {
	var v vector
	for _, x := range vectors(t) {
		if x.Name == "group.paid" {
			v = x
		}
	}
	at := time.Unix(v.T, 0)
	n, err := VerifyNotificationAt([]byte(v.Body), v.Header, v.Secret, 0, at)
	if err != nil {
		t.Fatal(err)
	}
	if n.Payment != nil || n.Group == nil {
		t.Fatalf("a group's notification verified as %+v", n)
	}
	g := n.Group
	if g.Type != EventGroupPaid || g.Data.GroupNo != "G01KAX9QZW0G8S5T6V7X2Y3Z5C" || g.Data.Status != GroupPaid || len(g.Data.Members) != 2 {
		t.Fatalf("group notification %+v", g)
	}
	for i, want := range []struct {
		payNo  string
		amount int64
	}{{"P01KAX9QZW0G8S5T6V7X2Y3Z5A", 1000}, {"P01KAX9QZW0G8S5T6V7X2Y3Z5B", 2500}} {
		m := g.Data.Members[i]
		if m.PayNo != want.payNo || m.Payment == nil || m.Payment.Status != StatusSucceeded || m.Payment.Amount != want.amount {
			t.Errorf("member %d: %+v", i, m)
		}
	}
	tampered := strings.Replace(v.Body, `"amount":2500`, `"amount":2600`, 1)
	if _, err := VerifyNotificationAt([]byte(tampered), v.Header, v.Secret, 0, at); !errors.Is(err, ErrSignatureVerification) {
		t.Errorf("a tampered group body verified: %v", err)
	}
}

func TestVerifyNotificationRefusesASignedNonNotification(t *testing.T) {
	body := []byte("not json")
	_, err := VerifyNotification(body, SignNotification(body, "whsec_x", time.Now()), "whsec_x", 0)
	if !errors.Is(err, ErrSignatureVerification) {
		t.Errorf("err %v", err)
	}
}

func TestToleranceBothWays(t *testing.T) {
	body, secret := []byte(`{}`), "whsec_x"
	at := time.Unix(1764028800, 0)
	header := SignNotification(body, secret, at)
	for offset, ok := range map[time.Duration]bool{
		0: true, 300 * time.Second: true, -300 * time.Second: true,
		301 * time.Second: false, -301 * time.Second: false,
	} {
		err := VerifySignature(body, header, secret, 0, at.Add(offset))
		if (err == nil) != ok {
			t.Errorf("now = t%+v: %v", offset, err)
		}
	}
	if err := VerifySignature(body, header, secret, time.Hour, at.Add(30*time.Minute)); err != nil {
		t.Errorf("a wider tolerance: %v", err)
	}
}

func TestHeaderForms(t *testing.T) {
	body, secret := []byte(`{"id":"N1"}`), "whsec_x"
	at := time.Unix(1764028800, 0)
	good := SignNotification(body, secret, at)
	sig := strings.SplitN(good, "v1=", 2)[1]
	other := strings.Repeat("0", 64)
	for header, ok := range map[string]bool{
		good: true,
		"t=1764028800,v1=" + other + ",v1=" + sig: true, // during a rotation: any v1 may match
		"v1=" + sig + ",t=1764028800":             true,
		"t=1764028800, v1=" + sig:                 true,
		"":                                        false,
		"t=1764028800":                            false,
		"v1=" + sig:                               false,
		"t=+1764028800,v1=" + sig:                 false,
		"t=abc,v1=" + sig:                         false,
		"t=1764028800,v1=" + other:                false,
		"t=1764028800,v1=" + sig[:62]:             false,
		"t=1764028800,v0=" + sig:                  false,
		"t=1764028801,v1=" + sig:                  false, // the timestamp is signed too
	} {
		err := VerifySignature(body, header, secret, 0, at)
		if (err == nil) != ok {
			t.Errorf("%q: %v", header, err)
		}
		if err != nil && !errors.Is(err, ErrSignatureVerification) {
			t.Errorf("%q: %v is not a signature error", header, err)
		}
	}
}
