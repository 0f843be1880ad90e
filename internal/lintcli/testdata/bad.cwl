{"timestamp":1793491200000,"message":"{\"event\":\"my-queue-worker\",\"success\":\"True\",\"time\":1,\"queue\":\"a\"}","logStreamName":"w/1","logGroupName":"/lintdemo/dev/orders"}
{"timestamp":"soon","message":"x"}
