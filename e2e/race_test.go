//go:build race

package e2e

// raceBuild: under `go test -race` the binary under test is built with the
// race detector too, so a data race in the real program fails its exit
// status check (the detector exits with 66).
const raceBuild = true
