//go:build wasip1

package wedge

// Secret answers the value of the app's secret in force now; ErrNotFound when it has none (yet).
func Secret(name string) (string, error) {
	return readString(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawSecretGet(strPtr(name), uint32(len(name)), buf, cap, outLen)
	})
}

// SecretAt answers the secret's value in force at a time (Unix seconds): its slot with the largest
// effective-from not after it.
func SecretAt(name string, unixSeconds int64) (string, error) {
	return readString(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawSecretGetEffectiveAt(strPtr(name), uint32(len(name)), unixSeconds, buf, cap, outLen)
	})
}

// Dictionary answers the app's dictionary entry, else its env var of that name; ErrNotFound.
func Dictionary(name string) (string, error) {
	return readString(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawDictionaryGet(strPtr(name), uint32(len(name)), buf, cap, outLen)
	})
}

// Env answers the app's env var through the host (WAGI apps also find it with os.Getenv).
func Env(name string) (string, error) {
	return readString(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawEnvGet(strPtr(name), uint32(len(name)), buf, cap, outLen)
	})
}

// ClientInfo answers what the node knows about the client and the PoP by FastEdge's header name
// ("x-real-ip", "geoip-country-code", "pop-city", ...); ErrNotFound when it knows nothing.
func ClientInfo(name string) (string, error) {
	return readString(func(buf ptr, cap uint32, outLen ptr) int32 {
		return rawClientInfo(strPtr(name), uint32(len(name)), buf, cap, outLen)
	})
}

// Log levels.
const (
	LevelTrace = 0
	LevelDebug = 1
	LevelInfo  = 2
	LevelWarn  = 3
	LevelError = 4
)

// Log writes a line to the app's log (values of the app's secrets are shown as ***).
func Log(level int, text string) error {
	return check(rawLog(uint32(level), strPtr(text), uint32(len(text))))
}

// SetUserDiag sets this request's diagnostic text (kept in its log line, counted in the metrics).
func SetUserDiag(text string) error {
	return check(rawSetUserDiag(strPtr(text), uint32(len(text))))
}
