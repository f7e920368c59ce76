// kv-go: a WAGI app in Go that counts the visits of each path in a key-value store and publishes each visit to a
// queue; a request with an `x-fetch: URL` header also fetches that URL and reports its status and body. Settings: env STORE (the store, default "visits"), QUEUE (the queue; no publishing without it), TOPIC
// (default "visits").
package main

import (
	"os"
	"strconv"

	"wedge.dev/sdk"
)

func setting(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func fail(status int, what string, err error) {
	wedge.Log(wedge.LevelError, what+": "+err.Error())
	wedge.Reply(status, [][2]string{{"Content-Type", "text/plain"}}, []byte(what+": "+err.Error()+"\n"))
}

func main() {
	path := os.Getenv("PATH_INFO")
	if path == "" {
		path = "/"
	}
	kv, err := wedge.OpenKv(setting("STORE", "visits"))
	if err != nil {
		fail(503, "opening the store", err)
		return
	}
	count, err := kv.Incr("visits:"+path, 1)
	if err != nil {
		fail(503, "counting", err)
		return
	}
	body := "visit " + strconv.FormatInt(count, 10) + " of " + path + "\n"
	if queue := os.Getenv("QUEUE"); queue != "" {
		payload := `{"path":` + strconv.Quote(path) + `,"count":` + strconv.FormatInt(count, 10) + `}`
		id, err := wedge.PublishKeyed(queue, setting("TOPIC", "visits"), path, []byte(payload),
			[][2]string{{"content-type", "application/json"}})
		if err != nil {
			fail(503, "publishing", err)
			return
		}
		body += "published " + id + "\n"
	}
	if url := os.Getenv("HTTP_X_FETCH"); url != "" {
		response, err := wedge.Fetch("GET", url, [][2]string{{"accept", "text/plain"}}, nil)
		if err != nil {
			fail(502, "fetching "+url, err)
			return
		}
		contentType := response.Header("content-type")
		if contentType == "" {
			contentType = "-"
		}
		body += "fetched " + strconv.Itoa(response.Status) + " " + contentType + ": " + string(response.Body)
	}
	wedge.Reply(200, [][2]string{{"Content-Type", "text/plain; charset=utf-8"}}, []byte(body))
}
