//go:build wasip1

package wedge

import (
	"encoding/binary"
	"unsafe"
)

// Helpers shared by the calls: Go values as (pointer, length) pairs, out-buffers grown on BUFFER_TOO_SMALL.

// bytesPtr is the address of a slice's first byte (nil for an empty slice, which the host accepts with length 0).
func bytesPtr(b []byte) ptr {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}

// strPtr is the address of a string's bytes; the host only reads them.
func strPtr(s string) ptr {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.StringData(s))
}

const firstCap = 256

// readOut calls an out-buffer import, retrying once with the size the host asked for.
func readOut(call func(buf ptr, cap uint32, outLen ptr) int32) ([]byte, error) {
	capacity := uint32(firstCap)
	for {
		buf := make([]byte, capacity)
		var n uint32
		status := call(unsafe.Pointer(&buf[0]), capacity, unsafe.Pointer(&n))
		if Status(status) == ErrBufferTooSmall && n > capacity {
			capacity = n
			continue
		}
		if err := check(status); err != nil {
			return nil, err
		}
		return buf[:n], nil
	}
}

// readString is readOut's answer as a string.
func readString(call func(buf ptr, cap uint32, outLen ptr) int32) (string, error) {
	b, err := readOut(call)
	return string(b), err
}

// headerMap serialises headers as `name NUL value NUL` pairs.
func headerMap(headers [][2]string) []byte {
	var out []byte
	for _, h := range headers {
		out = append(append(append(append(out, h[0]...), 0), h[1]...), 0)
	}
	return out
}

// parseHeaderMap reads `name NUL value NUL` pairs.
func parseHeaderMap(m []byte) [][2]string {
	var headers [][2]string
	var fields []string
	start := 0
	for i, c := range m {
		if c != 0 {
			continue
		}
		fields = append(fields, string(m[start:i]))
		start = i + 1
		if len(fields) == 2 {
			headers = append(headers, [2]string{fields[0], fields[1]})
			fields = fields[:0]
		}
	}
	return headers
}

func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
