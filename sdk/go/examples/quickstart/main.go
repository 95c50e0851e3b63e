// Command quickstart takes one payment through payee against the local stack (`npm start`):
// create it, show the buyer's action, wait while the buyer pays, then refund part of it.
//
//	PAYEE_URL=… PAYEE_KEY=… go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	payee "github.com/payee-dev/payee/sdk/go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, err := payee.NewClient() // PAYEE_URL and PAYEE_KEY
	if err != nil {
		log.Fatal(err)
	}

	payment, err := client.CreatePayment(ctx, payee.CreatePaymentRequest{
		Method:     payee.MethodAlipayQR,
		OutTradeNo: fmt.Sprintf("A%d", time.Now().UnixNano()),
		Subject:    "T-shirt",
		Amount:     1999, // integer minor units: 19.99 CNY
		Currency:   "CNY",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(payment.PayNo, payment.Status, payment.Action.Value)
	fmt.Println("play the buyer, from the repository's root: npm run sandbox -- pay", payment.PayNo)

	paid, err := client.WaitFor(ctx, payment.PayNo, []payee.PaymentStatus{payee.StatusSucceeded}, payee.WaitOptions{MaxWait: 2 * time.Minute})
	if errors.Is(err, payee.ErrWaitTimeout) {
		log.Fatalf("not paid yet: %v", err)
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(paid.Status, paid.PaidAt.Format(time.RFC3339), paid.ProviderTradeNo)

	refund, err := client.RefundAndWait(ctx, paid.PayNo, payee.CreateRefundRequest{Amount: 500, Reason: "size exchange"}, payee.WaitOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(refund.RefundNo, refund.Status)
}
