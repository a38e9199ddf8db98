package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"smhbin/api"
)

// checkListFormats refuses two output formats at once. --jq is not one of
// them: it runs on the --json array, so --json --jq is allowed, as in gh
// (compileJQ refuses --jq with --csv or --ids).
func checkListFormats(cmd *cobra.Command, asJSON, asCSV, asIDs bool) error {
	var on []string
	for _, f := range []struct {
		name string
		set  bool
	}{{"--json", asJSON}, {"--csv", asCSV}, {"--ids", asIDs}} {
		if f.set {
			on = append(on, f.name)
		}
	}
	if len(on) > 1 {
		return &usageError{msg: fmt.Sprintf("%s and %s cannot be combined", on[0], on[1]), cmdPath: cmd.CommandPath()}
	}
	return nil
}

// idSink prints one decimal id per line: exact whatever its size, and the
// input `smhbin restore -` reads. A script gets ids without a JSON parser
// that could round one above 2^53 to its neighbour.
type idSink struct {
	w   *bufio.Writer
	buf []byte
}

func newIDSink(w io.Writer) *idSink { return &idSink{w: bufio.NewWriter(w)} }

func (s *idSink) item(it *api.Item) error {
	s.buf = strconv.AppendInt(s.buf[:0], it.ID, 10)
	s.buf = append(s.buf, '\n')
	_, err := s.w.Write(s.buf)
	return err
}

// flush after each page, so that a long listing streams into a pipe.
func (s *idSink) flush() error  { return s.w.Flush() }
func (s *idSink) finish() error { return s.w.Flush() }
