//go:build wasip1

package wedge

import "math"

// Publish publishes a message without a key to a topic of a queue bound to this app, waits until it is durable
// and answers its id. Failures: ErrAccessDenied (topic not bound),
// ErrNoSuchStore (unknown queue), ErrTimeout (may or may not be stored), ErrUnavailable, ErrBadArgument.
func Publish(queue, topic string, payload []byte, headers [][2]string) (string, error) {
	return publish(queue, topic, nil, payload, headers)
}

// PublishKeyed publishes with a key: messages of one key are delivered in publish order.
func PublishKeyed(queue, topic, key string, payload []byte, headers [][2]string) (string, error) {
	return publish(queue, topic, &key, payload, headers)
}

func publish(queue, topic string, key *string, payload []byte, headers [][2]string) (string, error) {
	var keyPtr ptr
	keyLen := uint32(math.MaxUint32)
	if key != nil {
		keyPtr, keyLen = strPtr(*key), uint32(len(*key))
	}
	m := headerMap(headers)
	status := rawQueuePublish(strPtr(queue), uint32(len(queue)), strPtr(topic), uint32(len(topic)), keyPtr, keyLen,
		bytesPtr(payload), uint32(len(payload)), bytesPtr(m), uint32(len(m)))
	if err := check(status); err != nil {
		return "", err
	}
	return readString(func(buf ptr, cap uint32, outLen ptr) int32 { return rawQueueLastID(buf, cap, outLen) })
}
