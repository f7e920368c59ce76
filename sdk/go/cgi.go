package wedge

import (
	"bufio"
	"io"
	"os"
	"strconv"
)

// Reply writes a CGI response (docs/abi.md, "WAGI apps") to stdout: the status, the headers, a blank line and
// the body. WAGI apps answer this way; nothing is sent before the app exits.
func Reply(status int, headers [][2]string, body []byte) error {
	return WriteReply(os.Stdout, status, headers, body)
}

// WriteReply writes a CGI response to w.
func WriteReply(w io.Writer, status int, headers [][2]string, body []byte) error {
	out := bufio.NewWriter(w)
	out.WriteString("Status: " + strconv.Itoa(status) + "\n")
	for _, h := range headers {
		out.WriteString(h[0] + ": " + h[1] + "\n")
	}
	out.WriteString("\n")
	out.Write(body)
	return out.Flush()
}

// equalFold compares ASCII header names without regard to case.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
