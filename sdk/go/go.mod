module github.com/payee-dev/payee/sdk/go

go 1.24
