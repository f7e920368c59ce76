//go:build wasip1

package wedge

import "unsafe"

// FetchResponse is the response of an outbound call, buffered in the host for the rest of the request.
type FetchResponse struct {
	Status  int
	Headers [][2]string // in order, names in lower case
	Body    []byte
}

// Fetch calls another server and waits for the whole response (docs/abi.md, "outbound HTTP"). Any HTTP status
// is a successful call; failures are ErrDestinationDenied, ErrInvalidURL, ErrRequestError, ErrTimeout,
// ErrTooManyRequests, ErrResponseTooLarge, ... (the reason is also in the app's log).
func Fetch(method, url string, headers [][2]string, body []byte) (*FetchResponse, error) {
	m := headerMap(headers)
	var h uint32
	status := rawHTTPSend(strPtr(method), uint32(len(method)), strPtr(url), uint32(len(url)), bytesPtr(m),
		uint32(len(m)), bytesPtr(body), uint32(len(body)), unsafe.Pointer(&h))
	if err := check(status); err != nil {
		return nil, err
	}
	var code, size uint32
	if err := check(rawHTTPResponseStatus(h, unsafe.Pointer(&code))); err != nil {
		return nil, err
	}
	rawHeaders, err := readOut(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawHTTPResponseHeaders(h, buf, cap, outLen)
	})
	if err != nil {
		return nil, err
	}
	if err := check(rawHTTPResponseBodySize(h, unsafe.Pointer(&size))); err != nil {
		return nil, err
	}
	data := make([]byte, size)
	for offset := uint32(0); offset < size; {
		var n uint32
		if err := check(rawHTTPResponseBodyRead(h, offset, unsafe.Pointer(&data[offset]), size-offset,
			unsafe.Pointer(&n))); err != nil {
			return nil, err
		}
		if n == 0 {
			data = data[:offset]
			break
		}
		offset += n
	}
	return &FetchResponse{int(code), parseHeaderMap(rawHeaders), data}, nil
}

// Header answers the value of one header (any case), repeated ones joined with ", "; "" when absent.
func (r *FetchResponse) Header(name string) string {
	value := ""
	for _, h := range r.Headers {
		if equalFold(h[0], name) {
			if value != "" {
				value += ", "
			}
			value += h[1]
		}
	}
	return value
}
