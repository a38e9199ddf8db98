package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// taskMissLimit is how many consecutive replies may leave our task out
// before WaitTask gives up (the API lists only tasks it knows).
const taskMissLimit = 3

// wireTask is one entry of the task query reply. The Java SDK calls the id
// "id"; everyone else "taskId"; both may be numbers or strings.
type wireTask struct {
	TaskID flexText        `json:"taskId"`
	ID     flexText        `json:"id"`
	Status flexInt         `json:"status"`
	Result json.RawMessage `json:"result"`
}

// WaitTask polls GET /api/v1/task/{lib}/{space}/{taskID} until the task
// ends, sleeping with backoff between polls (PollInterval ×1.5 up to
// PollMaxInterval) and returning as soon as ctx ends.
//
// A task still running is status 202, or a finished task whose rows still
// say 202 (as Android treats them). A finished task returns its per-item
// rows (an empty slice for 204 or no result). A failed task (500) returns
// its rows if it has any, else an *APIError with Code CodeTaskFailed. A task
// left out of the reply three times running is ErrNotFound.
func (c *Client) WaitTask(ctx context.Context, taskID string) (rows []ItemResult, err error) {
	defer c.clean(&rows, &err)
	if taskID == "" {
		return nil, errors.New("SMH API: empty task id")
	}
	path := "/api/v1/task/" + url.PathEscape(c.lib) + "/" + url.PathEscape(c.space) + "/" + url.PathEscape(taskID)
	wait, misses := c.poll, 0
	for {
		r, err := c.do(ctx, http.MethodGet, path, nil, nil)
		if err != nil {
			return nil, err
		}
		t, found, err := findTask(r.body, taskID)
		if err != nil {
			return nil, fmt.Errorf("SMH API: bad task reply for task %s: %w", taskID, err)
		}
		switch {
		case !found:
			if misses++; misses >= taskMissLimit {
				return nil, fmt.Errorf("SMH API: task %s missing from %d replies in a row: %w", taskID, misses, ErrNotFound)
			}
		case t.Status.v != http.StatusAccepted:
			rows, done, err := taskOutcome(t, taskID)
			if done || err != nil {
				return rows, err
			}
			misses = 0
		default:
			misses = 0
		}
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, err
		}
		wait = min(wait*3/2, c.pollMax)
	}
}

// findTask picks our task out of the reply array. A reply of one entry
// without any id is taken as ours: we asked for exactly one task.
func findTask(b []byte, taskID string) (wireTask, bool, error) {
	var ts []wireTask
	if err := json.Unmarshal(b, &ts); err != nil {
		return wireTask{}, false, jsonErr(err)
	}
	for _, t := range ts {
		id := t.TaskID.s
		if id == "" {
			id = t.ID.s
		}
		if id == taskID || (id == "" && len(ts) == 1) {
			if err := firstBad(field{"status", t.Status.bad}, field{"taskId", t.TaskID.bad}); err != nil {
				return wireTask{}, false, err
			}
			if !t.Status.set {
				return wireTask{}, false, errors.New(`field "status" is missing`)
			}
			return t, true, nil
		}
	}
	return wireTask{}, false, nil
}

// taskOutcome reads a task that is no longer 202. done is false when a row
// still says 202, meaning the server has not finished every item.
func taskOutcome(t wireTask, taskID string) (rows []ItemResult, done bool, err error) {
	rows, err = taskRows(t.Result)
	if err != nil {
		return nil, true, err
	}
	for _, r := range rows {
		if r.Status == http.StatusAccepted {
			return nil, false, nil
		}
	}
	st := int(t.Status.v)
	if st >= 300 && len(rows) == 0 {
		return nil, true, &APIError{Status: st, Code: CodeTaskFailed, Message: "task " + taskID + " failed"}
	}
	return rows, true, nil
}

// taskRows parses a task's result: the array of per-item rows, or an
// object holding them under "result" like a synchronous reply.
func taskRows(raw json.RawMessage) ([]ItemResult, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return []ItemResult{}, nil
	case raw[0] == '[':
		var ws []wireRow
		if err := json.Unmarshal(raw, &ws); err != nil {
			return nil, jsonErr(err)
		}
		return rowsOf(ws)
	case raw[0] == '{':
		var w wireBatch
		if err := json.Unmarshal(raw, &w); err != nil {
			return nil, jsonErr(err)
		}
		return rowsOf(w.Result)
	}
	return nil, fmt.Errorf(`field "result": unexpected value %s`, badValue(raw))
}
