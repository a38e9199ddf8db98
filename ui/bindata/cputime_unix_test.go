//go:build unix

package bindata

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, in all
// its threads (the garbage collector's included). On a loaded machine it
// measures the work where wall-clock time also measures the wait.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
