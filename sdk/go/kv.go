//go:build wasip1

package wedge

import (
	"encoding/binary"
	"math"
	"strings"
	"unsafe"
)

// Kv is a key-value store bound to this app, open for the rest of the request. Keys live in the app's own
// namespace. Failures are Status errors: ErrNotFound, ErrTimeout, ErrUnavailable, ErrValueTooLarge, ...
type Kv struct{ handle uint32 }

// OpenKv opens a store by name: ErrNoSuchStore, or ErrAccessDenied when it is not bound to this app.
func OpenKv(name string) (Kv, error) {
	var h uint32
	err := check(rawKvOpen(strPtr(name), uint32(len(name)), unsafe.Pointer(&h)))
	return Kv{h}, err
}

// Get answers the value; ErrNotFound when there is no such key.
func (kv Kv) Get(key string) ([]byte, error) {
	return readOut(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawKvGet(kv.handle, strPtr(key), uint32(len(key)), buf, cap, outLen)
	})
}

// GetMany answers the values of up to 1000 keys, in order; nil for an absent key.
func (kv Kv) GetMany(keys []string) ([][]byte, error) {
	list := strings.Join(keys, "\x00") + "\x00"
	if len(keys) == 0 {
		list = ""
	}
	raw, err := readOut(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawKvGetMany(kv.handle, strPtr(list), uint32(len(list)), buf, cap, outLen)
	})
	if err != nil {
		return nil, err
	}
	values := make([][]byte, 0, len(keys))
	for i := 0; i+4 <= len(raw); {
		n := le32(raw[i:])
		i += 4
		if n == math.MaxUint32 {
			values = append(values, nil)
			continue
		}
		values = append(values, raw[i:i+int(n)])
		i += int(n)
	}
	return values, nil
}

// Set stores a value; ttlMs 0 keeps it until deleted.
func (kv Kv) Set(key string, value []byte, ttlMs int64) error {
	return check(rawKvSet(kv.handle, strPtr(key), uint32(len(key)), bytesPtr(value), uint32(len(value)), ttlMs))
}

// Delete removes a key; ErrNotFound when there was none.
func (kv Kv) Delete(key string) error {
	return check(rawKvDelete(kv.handle, strPtr(key), uint32(len(key))))
}

// Exists tells whether a key exists.
func (kv Kv) Exists(key string) (bool, error) {
	switch err := check(rawKvExists(kv.handle, strPtr(key), uint32(len(key)))); err {
	case nil:
		return true, nil
	case ErrNotFound:
		return false, nil
	default:
		return false, err
	}
}

// Incr adds delta atomically (a missing key counts as 0) and answers the new value.
func (kv Kv) Incr(key string, delta int64) (int64, error) {
	var value int64
	err := check(rawKvIncr(kv.handle, strPtr(key), uint32(len(key)), delta, unsafe.Pointer(&value)))
	return value, err
}

// Cas sets value only if the current value is expected (nil: only if the key is absent); ErrConflict otherwise.
func (kv Kv) Cas(key string, expected, value []byte) error {
	expectedLen := uint32(len(expected))
	if expected == nil {
		expectedLen = math.MaxUint32
	}
	return check(rawKvCas(kv.handle, strPtr(key), uint32(len(key)), bytesPtr(expected), expectedLen,
		bytesPtr(value), uint32(len(value))))
}

// Scan answers one page of keys matching a glob and the next cursor: start with "" and stop when it is "".
func (kv Kv) Scan(pattern, cursor string, limit uint32) (keys []string, next string, err error) {
	raw, err := readOut(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawKvScan(kv.handle, strPtr(pattern), uint32(len(pattern)), strPtr(cursor), uint32(len(cursor)),
			limit, buf, cap, outLen)
	})
	if err != nil {
		return nil, "", err
	}
	parts := strings.Split(strings.TrimSuffix(string(raw), "\x00"), "\x00")
	return parts[1:], parts[0], nil
}

// ZEntry is a sorted-set member and its score.
type ZEntry struct {
	Score  float64
	Member []byte
}

func zentries(raw []byte) []ZEntry {
	var entries []ZEntry
	for i := 0; i+12 <= len(raw); {
		score := math.Float64frombits(binary.LittleEndian.Uint64(raw[i:]))
		n := int(le32(raw[i+8:]))
		entries = append(entries, ZEntry{score, raw[i+12 : i+12+n]})
		i += 12 + n
	}
	return entries
}

// Zadd adds a member to a sorted set, or updates its score.
func (kv Kv) Zadd(key string, score float64, member []byte) error {
	return check(rawKvZadd(kv.handle, strPtr(key), uint32(len(key)), score, bytesPtr(member), uint32(len(member))))
}

// ZrangeByScore answers members with min <= score <= max (infinities allowed), lowest first, at most limit.
func (kv Kv) ZrangeByScore(key string, min, max float64, limit uint32) ([]ZEntry, error) {
	raw, err := readOut(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawKvZrangeByScore(kv.handle, strPtr(key), uint32(len(key)), min, max, limit, buf, cap, outLen)
	})
	return zentries(raw), err
}

// Zscan answers one page of a sorted set's entries whose member matches a glob, and the next cursor.
func (kv Kv) Zscan(key, pattern, cursor string, limit uint32) (entries []ZEntry, next string, err error) {
	raw, err := readOut(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawKvZscan(kv.handle, strPtr(key), uint32(len(key)), strPtr(pattern), uint32(len(pattern)),
			strPtr(cursor), uint32(len(cursor)), limit, buf, cap, outLen)
	})
	if err != nil {
		return nil, "", err
	}
	end := strings.IndexByte(string(raw), 0)
	if end < 0 {
		end = len(raw)
	}
	return zentries(raw[min(end+1, len(raw)):]), string(raw[:end]), nil
}
