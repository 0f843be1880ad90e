package insights_test

import (
	"context"
	"time"
)

func testContext() context.Context { return context.Background() }

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
