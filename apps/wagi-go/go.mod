module wedge.dev/apps/wagi-go

go 1.23
