//go:build wasip1

package wedge

import "unsafe"

// The imports of module "wedge" this package uses (docs/abi.md). Go 1.23's go:wasmimport takes only numbers and
// pointers: strings and slices are passed as (pointer, length) pairs.

type ptr = unsafe.Pointer

//go:wasmimport wedge env_get
func rawEnvGet(name ptr, nameLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge secret_get
func rawSecretGet(name ptr, nameLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge secret_get_effective_at
func rawSecretGetEffectiveAt(name ptr, nameLen uint32, at int64, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge dictionary_get
func rawDictionaryGet(name ptr, nameLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge log
func rawLog(level uint32, text ptr, textLen uint32) int32

//go:wasmimport wedge set_user_diag
func rawSetUserDiag(text ptr, textLen uint32) int32

//go:wasmimport wedge client_info
func rawClientInfo(name ptr, nameLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge kv_open
func rawKvOpen(name ptr, nameLen uint32, outHandle ptr) int32

//go:wasmimport wedge kv_get
func rawKvGet(h uint32, key ptr, keyLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge kv_get_many
func rawKvGetMany(h uint32, keys ptr, keysLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge kv_set
func rawKvSet(h uint32, key ptr, keyLen uint32, value ptr, valueLen uint32, ttlMs int64) int32

//go:wasmimport wedge kv_delete
func rawKvDelete(h uint32, key ptr, keyLen uint32) int32

//go:wasmimport wedge kv_exists
func rawKvExists(h uint32, key ptr, keyLen uint32) int32

//go:wasmimport wedge kv_incr
func rawKvIncr(h uint32, key ptr, keyLen uint32, delta int64, outValue ptr) int32

//go:wasmimport wedge kv_cas
func rawKvCas(h uint32, key ptr, keyLen uint32, expected ptr, expectedLen uint32, value ptr, valueLen uint32) int32

//go:wasmimport wedge kv_scan
func rawKvScan(h uint32, pattern ptr, patternLen uint32, cursor ptr, cursorLen uint32, limit uint32,
	buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge kv_zadd
func rawKvZadd(h uint32, key ptr, keyLen uint32, score float64, member ptr, memberLen uint32) int32

//go:wasmimport wedge kv_zrange_by_score
func rawKvZrangeByScore(h uint32, key ptr, keyLen uint32, min float64, max float64, limit uint32,
	buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge kv_zscan
func rawKvZscan(h uint32, key ptr, keyLen uint32, pattern ptr, patternLen uint32, cursor ptr, cursorLen uint32,
	limit uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge queue_publish
func rawQueuePublish(queue ptr, queueLen uint32, topic ptr, topicLen uint32, key ptr, keyLen uint32,
	payload ptr, payloadLen uint32, headers ptr, headersLen uint32) int32

//go:wasmimport wedge queue_last_id
func rawQueueLastID(buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge http_send
func rawHTTPSend(method ptr, methodLen uint32, url ptr, urlLen uint32, headers ptr, headersLen uint32,
	body ptr, bodyLen uint32, outHandle ptr) int32

//go:wasmimport wedge http_response_status
func rawHTTPResponseStatus(h uint32, outStatus ptr) int32

//go:wasmimport wedge http_response_header
func rawHTTPResponseHeader(h uint32, name ptr, nameLen uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge http_response_headers
func rawHTTPResponseHeaders(h uint32, buf ptr, cap uint32, outLen ptr) int32

//go:wasmimport wedge http_response_body_size
func rawHTTPResponseBodySize(h uint32, outLen ptr) int32

//go:wasmimport wedge http_response_body_read
func rawHTTPResponseBodyRead(h uint32, offset uint32, buf ptr, cap uint32, outLen ptr) int32
