// wagi-go: a WAGI app in Go with only the standard library, built for wasip1. It reads the request body from
// stdin and answers through CGI on stdout: headers, a blank line, then the body. Go's runtime makes it a large
// module (megabytes of code, about 17 MiB of initial memory), which is why the side-by-side benchmark serves it.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

func main() {
	body, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Print("Status: 500\nContent-Type: text/plain\n\ncannot read the body\n")
		return
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fmt.Fprint(out, "Content-Type: text/plain\n\n")
	fmt.Fprintf(out, "Hello from Go! %s %s%s, %d bytes of body\n",
		os.Getenv("REQUEST_METHOD"), os.Getenv("PATH_INFO"), query(), len(body))
}

func query() string {
	if q := os.Getenv("QUERY_STRING"); q != "" {
		return "?" + q
	}
	return ""
}
