// Command loadrss is the memory half of bench/rss.sh: it lists a whole
// recycle bin through the real client in pages of 1,000, as the browser
// does, loads every page into a bindata.Store, and prints the live heap
// per item after a GC and the process's resident memory (VmRSS now,
// VmHWM at its peak) from /proc/self/status, then VmRSS once the free
// heap is returned to the system. It reads SMH_ENDPOINT,
// SMH_LIBRARY_ID and SMH_ACCESS_TOKEN (the token is never in argv).
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"smhbin/api"
	"smhbin/ui/bindata"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadrss:", err)
		os.Exit(1)
	}
}

func run() error {
	c, err := api.New(api.Config{Endpoint: os.Getenv("SMH_ENDPOINT"), LibraryID: os.Getenv("SMH_LIBRARY_ID"),
		Token: os.Getenv("SMH_ACCESS_TOKEN")})
	if err != nil {
		return err
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	s := bindata.New()
	var mk api.Marker
	for first := true; ; first = false {
		p, err := c.List(context.Background(), api.ListQuery{Marker: mk, Limit: 1000})
		if err != nil {
			return err
		}
		if first {
			s.Reserve(int(p.TotalNum)) // as the browser does on the first page
		}
		s.Add(p.Items)
		if mk = p.NextMarker; mk == "" {
			break
		}
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	rss, hwm := status("VmRSS:"), status("VmHWM:")
	n := s.Len()
	fmt.Printf("items %d heap %.1f B/item live %.1f MB rss %.1f MB peak %.1f MB\n", n,
		float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(max(n, 1)),
		float64(after.HeapAlloc)/(1<<20), rss/1024, hwm/1024)
	// What returning the free heap to the system would leave (the
	// browser does not do this; the figure shows what it would gain).
	debug.FreeOSMemory()
	fmt.Printf("%-27s after debug.FreeOSMemory: rss %.1f MB\n", "", status("VmRSS:")/1024)
	runtime.KeepAlive(s)
	return nil
}

// status is a /proc/self/status field in KB (0 when absent).
func status(field string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			var kb float64
			fmt.Sscan(rest, &kb)
			return kb
		}
	}
	return 0
}
