package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/safe"
)

// jqProgram is a compiled --jq expression.
type jqProgram struct {
	code *gojq.Code
}

// compileJQ compiles list's --jq expression before any request, so that a
// mistake in it is a usage error (exit 2). nil when --jq is not given.
// conflict is set when --csv or --ids was given too.
func compileJQ(expr string, cmd *cobra.Command, conflict bool) (*jqProgram, error) {
	usage := func(msg string) error { return &usageError{msg: msg, cmdPath: cmd.CommandPath()} }
	switch {
	case !cmd.Flags().Changed("jq"):
		return nil, nil
	case conflict:
		return nil, usage("--jq runs on the JSON array: it cannot be combined with --csv or --ids")
	case expr == "":
		return nil, usage("--jq needs an expression, such as '.[].recycledItemId'")
	}
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, usage("--jq: " + err.Error())
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, usage("--jq: " + err.Error())
	}
	return &jqProgram{code: code}, nil
}

// jqSink gathers the whole listing, as the JSON array --json prints, and
// runs the expression on it once the last page is in: the expression sees
// every item (as with gh's --jq), and a listing that fails prints nothing.
//
// Numbers are decoded as json.Number, which gojq compares, computes with
// and prints exactly: id 9007199254740993 stays itself, where jq 1.6 and
// any float64 reader print 9007199254740992.
type jqSink struct {
	ctx   context.Context
	w     io.Writer
	prog  *jqProgram
	items []any
	// clean sanitizes the strings printed raw, when stdout is a terminal:
	// a name must not drive it. Into a pipe they stay exact.
	clean bool
}

func newJQSink(ctx context.Context, w io.Writer, prog *jqProgram) *jqSink {
	return &jqSink{ctx: ctx, w: w, prog: prog, clean: isTerminal(w)}
}

func (s *jqSink) item(it *api.Item) error {
	b, err := json.Marshal(it)
	if err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return err
	}
	s.items = append(s.items, v)
	return nil
}

func (s *jqSink) flush() error { return nil }

// finish runs the expression and prints each result on its own line:
// strings raw (as jq -r and gh --jq do), everything else as JSON. Results
// stream out as the expression yields them, so an endless one (repeat)
// does not pile up in memory; Ctrl-C stops it.
func (s *jqSink) finish() error {
	input := s.items
	if input == nil {
		input = []any{} // an empty bin is [], not null
	}
	out := bufio.NewWriter(s.w)
	iter := s.prog.code.RunWithContext(s.ctx, input)
	for {
		v, ok := iter.Next()
		if !ok {
			break
		}
		if err, isErr := v.(error); isErr {
			out.Flush()
			return jqError(err)
		}
		if str, isStr := v.(string); isStr {
			if s.clean {
				str = safe.Text(str)
			}
			out.WriteString(str)
		} else {
			b, _ := gojq.Marshal(v) // never fails for the values gojq yields
			out.Write(b)
		}
		if err := out.WriteByte('\n'); err != nil {
			return err
		}
	}
	return out.Flush()
}

// jqError is the error of a failed expression: exit 1 with gojq's
// message. halt ends the output without an error; halt_error's message is
// the error.
func jqError(err error) error {
	var halt *gojq.HaltError
	if errors.As(err, &halt) {
		if halt.Value() == nil {
			return nil
		}
		msg := "--jq: halted"
		if str, ok := halt.Value().(string); ok {
			msg += ": " + str
		} else if b, e := gojq.Marshal(halt.Value()); e == nil {
			msg += ": " + string(b)
		}
		return &exitError{code: exitFailure, msg: msg}
	}
	return &exitError{code: exitFailure, msg: "--jq: " + err.Error()}
}
