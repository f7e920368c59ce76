// conformance-go: the conformance app (apps/conformance-c/README.md gives the routes and the exact answers) as a
// WAGI app on the Go package: the request comes from CGI (environment, stdin), the answer is CGI on stdout.
package main

import (
	"errors"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"wedge.dev/sdk"
)

var answerHeaders = [][2]string{{"content-type", "text/plain; charset=utf-8"}, {"x-conformance", "1"}}

func answer(status int, body string) {
	wedge.Reply(status, answerHeaders, []byte(body))
}

func failed(status int, what string, err error) {
	name := wedge.ErrInternal.Name()
	var s wedge.Status
	if errors.As(err, &s) {
		name = s.Name()
	}
	answer(status, what+" failed: "+name+"\n")
}

func dash(value string, err error) string {
	if err != nil {
		return "-"
	}
	return value
}

// queryParam is the first "name=" parameter of the query, %XX-decoded ('+' stays, as in the C SDK).
func queryParam(query, name string) (string, bool) {
	for _, piece := range strings.Split(query, "&") {
		if value, ok := strings.CutPrefix(piece, name+"="); ok {
			if decoded, err := url.PathUnescape(value); err == nil {
				return decoded, true
			}
			return value, true
		}
	}
	return "", false
}

func echo(path, query string) {
	body, _ := io.ReadAll(os.Stdin)
	header := os.Getenv("HTTP_X_ECHO")
	if _, ok := os.LookupEnv("HTTP_X_ECHO"); !ok {
		header = "-"
	}
	answer(200, "method="+os.Getenv("REQUEST_METHOD")+"\npath="+path+"\nquery="+query+"\nx-echo="+header+
		"\nbody="+string(body)+"\n")
}

func counter() {
	kv, err := wedge.OpenKv("conformance")
	if err != nil {
		failed(503, "store", err)
		return
	}
	current := int64(0)
	value, err := kv.Get("counter")
	if err == nil {
		current, _ = strconv.ParseInt(string(value), 10, 64)
	} else if !errors.Is(err, wedge.ErrNotFound) {
		failed(503, "store", err)
		return
	}
	next := strconv.FormatInt(current+1, 10)
	if err := kv.Set("counter", []byte(next), 0); err != nil {
		failed(503, "store", err)
		return
	}
	answer(200, "counter="+next+"\n")
}

func publish() {
	body, _ := io.ReadAll(os.Stdin)
	_, err := wedge.PublishKeyed("bus", "conformance", "conformance-key", body, [][2]string{{"x-conformance", "1"}})
	if err != nil {
		failed(503, "publish", err)
		return
	}
	answer(202, "published\n")
}

func fetch(query string) {
	target, ok := queryParam(query, "url")
	if !ok {
		answer(400, "missing url\n")
		return
	}
	response, err := wedge.Fetch("GET", target, nil, nil)
	if err != nil {
		failed(502, "fetch", err)
		return
	}
	answer(200, "status="+strconv.Itoa(response.Status)+"\n"+string(response.Body))
}

func secret(query string) {
	at := int64(0)
	if text, ok := queryParam(query, "at"); ok {
		at, _ = strconv.ParseInt(text, 10, 64)
	}
	answer(200, "now="+dash(wedge.Secret("TOKEN"))+";at="+dash(wedge.SecretAt("TOKEN", at))+"\n")
}

func main() {
	path := os.Getenv("SCRIPT_NAME") + os.Getenv("PATH_INFO")
	query := os.Getenv("QUERY_STRING")
	switch path {
	case "/hello":
		answer(200, "hello from wedge\n")
	case "/echo":
		echo(path, query)
	case "/counter":
		counter()
	case "/publish":
		publish()
	case "/fetch":
		fetch(query)
	case "/secret":
		secret(query)
	case "/env":
		answer(200, "GREETING="+dash(wedge.Env("GREETING"))+"\n")
	case "/error":
		// Go WAGI apps have no error path of their own: the 500 the Rust SDK answers for an Err, by hand.
		wedge.Reply(500, [][2]string{{"content-type", "text/plain; charset=utf-8"}}, []byte("conformance error"))
	default:
		answer(404, "no such route\n")
	}
}
