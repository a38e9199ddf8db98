// Command listref is the minimal reference client of bench/list.sh: it
// walks an SMH recycle bin's marker pages one after the other and writes
// the raw items as one JSON array, with nothing else (no checks, no
// retries, no decoding of the items). It shows what the server and the
// network allow, so that `smhbin list` can be measured against it in the
// same run. It reads SMH_ENDPOINT, SMH_LIBRARY_ID and SMH_ACCESS_TOKEN
// (the token is never in argv).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
)

func main() {
	limit := 1000
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: listref [PAGE_SIZE]")
			os.Exit(2)
		}
		limit = n
	}
	if err := run(os.Stdout, limit); err != nil {
		fmt.Fprintln(os.Stderr, "listref:", err)
		os.Exit(1)
	}
}

func run(stdout io.Writer, limit int) error {
	base := os.Getenv("SMH_ENDPOINT") + "/api/v1/recycled/" + url.PathEscape(os.Getenv("SMH_LIBRARY_ID")) + "/-"
	out := bufio.NewWriterSize(stdout, 1<<16)
	out.WriteString("[")
	n, marker := 0, ""
	for {
		q := url.Values{"access_token": {os.Getenv("SMH_ACCESS_TOKEN")}, "limit": {strconv.Itoa(limit)}}
		if marker != "" {
			q.Set("marker", marker)
		}
		resp, err := http.Get(base + "?" + q.Encode())
		if err != nil {
			return fmt.Errorf("request failed") // the error text would hold the token
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return fmt.Errorf("page %d: status %d", n/limit+1, resp.StatusCode)
		}
		var page struct {
			NextMarker json.RawMessage   `json:"nextMarker"`
			Contents   []json.RawMessage `json:"contents"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return err
		}
		for _, it := range page.Contents {
			if n > 0 {
				out.WriteString(",\n")
			}
			out.Write(it)
			n++
		}
		if len(page.NextMarker) == 0 || string(page.NextMarker) == "null" {
			break
		}
		marker = string(page.NextMarker)
		if marker[0] == '"' {
			if err := json.Unmarshal(page.NextMarker, &marker); err != nil {
				return err
			}
		}
	}
	out.WriteString("]\n")
	return out.Flush()
}
