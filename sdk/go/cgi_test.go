package wedge

import (
	"bytes"
	"testing"
)

func TestWriteReplyIsACgiResponse(t *testing.T) {
	var out bytes.Buffer
	if err := WriteReply(&out, 404, [][2]string{{"Content-Type", "text/plain"}}, []byte("no\n")); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "Status: 404\nContent-Type: text/plain\n\nno\n" {
		t.Fatalf("got %q", got)
	}
	if !equalFold("Content-Type", "content-type") || equalFold("a", "b") {
		t.Fatal("equalFold")
	}
}
