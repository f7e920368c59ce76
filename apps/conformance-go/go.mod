module wedge.dev/apps/conformance-go

go 1.23

require wedge.dev/sdk v0.0.0

replace wedge.dev/sdk => ../../sdk/go
