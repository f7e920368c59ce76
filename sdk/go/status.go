// Package wedge lets WAGI apps built with Go (GOOS=wasip1 GOARCH=wasm) use the wedge host: key-value stores,
// queue publishing, outbound HTTP, secrets, the dictionary, the client's details and the app's log (docs/abi.md).
// The request itself is CGI: read it from the environment and stdin, write the response to stdout (see Reply).
package wedge

import "strconv"

// Status is the status a wedge import returns; every failure this package reports is a Status, so callers can
// compare errors with errors.Is(err, wedge.ErrNotFound).
type Status int32

// The statuses of docs/abi.md ("Status codes"). Stable: new ones are appended.
const (
	OK                   Status = 0
	ErrNotFound          Status = 1
	ErrBadArgument       Status = 2
	ErrInvalidMemory     Status = 3
	ErrBufferTooSmall    Status = 4
	ErrLimitExceeded     Status = 5
	ErrUnsupported       Status = 6
	ErrAccessDenied      Status = 7
	ErrTimeout           Status = 8
	ErrUnavailable       Status = 9
	ErrInternal          Status = 10
	ErrNoSuchStore       Status = 11
	ErrValueTooLarge     Status = 12
	ErrConflict          Status = 13
	ErrDestinationDenied Status = 14
	ErrInvalidURL        Status = 15
	ErrRequestError      Status = 16
	ErrTooManyRequests   Status = 17
	ErrResponseTooLarge  Status = 18
)

var names = []string{
	"OK", "NOT_FOUND", "BAD_ARGUMENT", "INVALID_MEMORY", "BUFFER_TOO_SMALL", "LIMIT_EXCEEDED", "UNSUPPORTED",
	"ACCESS_DENIED", "TIMEOUT", "UNAVAILABLE", "INTERNAL", "NO_SUCH_STORE", "VALUE_TOO_LARGE", "CONFLICT",
	"DESTINATION_NOT_ALLOWED", "INVALID_URL", "REQUEST_ERROR", "TOO_MANY_REQUESTS", "RESPONSE_TOO_LARGE",
}

// Name is the status's name in docs/abi.md, e.g. "NOT_FOUND".
func (s Status) Name() string {
	if s >= 0 && int(s) < len(names) {
		return names[s]
	}
	return "STATUS_" + strconv.Itoa(int(s))
}

func (s Status) Error() string { return "wedge: " + s.Name() }

// check turns a status into an error (nil for OK).
func check(status int32) error {
	if status == 0 {
		return nil
	}
	return Status(status)
}
