package fakesmh_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"smhbin/api/fakesmh"
)

// row is one per-item result, decoded strictly enough to catch type slips.
type row struct {
	Status         json.Number `json:"status"`
	Code           string      `json:"code"`
	Message        string      `json:"message"`
	Path           []string    `json:"path"`
	RecycledItemID json.Number `json:"recycledItemId"`
}

type batchBody struct {
	Result []row       `json:"result"`
	TaskID json.Number `json:"taskId"`
}

func TestBatchRestore(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{AsyncThreshold: -1})
	r := e.call(http.MethodPost, binPath, "restore", `[1, 2, "3", 4, 5, 6, 1, 99999]`)
	if r.status != http.StatusMultiStatus {
		t.Fatalf("mixed batch: %d %s, want 207", r.status, r.body)
	}
	var b batchBody
	r.decode(t, &b)
	want := []struct {
		id, status, code string
		path             []string
	}{
		{"1", "200", "", []string{"docs", "report (1).docx"}},
		{"2", "200", "", []string{"docs", "report (2).docx"}},
		{"3", "404", "DirectoryNotFound", nil},
		{"4", "404", "SourceFileNotFound", nil},
		{"5", "403", "NoPermission", nil},
		{"6", "200", "", []string{"docs", "v1.2 (1)"}},
		{"1", "404", "RecycledItemNotFound", nil},
		{"99999", "404", "RecycledItemNotFound", nil},
	}
	if len(b.Result) != len(want) {
		t.Fatalf("%d rows, want %d: %s", len(b.Result), len(want), r.body)
	}
	for i, w := range want {
		got := b.Result[i]
		if got.RecycledItemID.String() != w.id || got.Status.String() != w.status || got.Code != w.code || !slices.Equal(got.Path, w.path) {
			t.Errorf("row %d = %+v, want %+v", i, got, w)
		}
		if w.code != "" && got.Message == "" {
			t.Errorf("row %d has no message", i)
		}
	}
	if e.srv.RestoreCount(1) != 1 {
		t.Errorf("id 1 restored %d times", e.srv.RestoreCount(1))
	}
	r = e.call(http.MethodPost, binPath, "restore&restore_path_strategy=fallbackToRoot", `[7, 8]`)
	r.decode(t, &b)
	if r.status != http.StatusOK || !slices.Equal(b.Result[0].Path, []string{"clash (1).txt"}) ||
		!slices.Equal(b.Result[1].Path, []string{"clash (2).txt"}) {
		t.Errorf("fallbackToRoot batch: %d %s", r.status, r.body)
	}
}

func TestBatchRestoreRejectsBadBodies(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{AsyncThreshold: -1})
	ids := make([]string, 1001)
	for i := range ids {
		ids[i] = "1"
	}
	for _, body := range []string{"", "{}", "null", "[1.5]", "[-1]", `["x"]`, "[1,", "[" + strings.Join(ids, ",") + "]"} {
		r := e.call(http.MethodPost, binPath, "restore", body)
		if r.status != http.StatusBadRequest || r.errCode(t) != "ParamInvalid" {
			t.Errorf("body %.20q: %d %s", body, r.status, r.body)
		}
	}
	r := e.call(http.MethodPost, binPath, "restore&restore_path_strategy=sideways", "[1]")
	if r.status != http.StatusBadRequest {
		t.Errorf("bad restore_path_strategy: %d", r.status)
	}
	if e.srv.RestoreCount(1) != 0 {
		t.Error("a rejected request restored something")
	}
	// 1000 ids are accepted; the repeats of id 1 fail as already restored.
	if r := e.call(http.MethodPost, binPath, "restore", "["+strings.Join(ids[:1000], ",")+"]"); r.status != http.StatusMultiStatus {
		t.Errorf("1000 ids: %d, want 207", r.status)
	}
	if e.srv.RestoreCount(1) != 1 {
		t.Errorf("id 1 restored %d times", e.srv.RestoreCount(1))
	}
}

// taskRows polls the task API once.
func (e *env) task(list string) []struct {
	TaskID json.Number `json:"taskId"`
	Status json.Number `json:"status"`
	Result []row       `json:"result"`
} {
	e.t.Helper()
	r := e.call(http.MethodGet, taskPath+list, "", "")
	if r.status != http.StatusOK {
		e.t.Fatalf("task %s: %d %s", list, r.status, r.body)
	}
	var out []struct {
		TaskID json.Number `json:"taskId"`
		Status json.Number `json:"status"`
		Result []row       `json:"result"`
	}
	r.decode(e.t, &out)
	return out
}

func TestAsyncRestore(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{AsyncThreshold: 2, TaskDuration: time.Hour})
	if r := e.call(http.MethodPost, binPath, "restore", "[10, 2]"); r.status != http.StatusOK {
		t.Fatalf("2 ids at threshold 2: %d, want a synchronous 200", r.status)
	}
	r := e.call(http.MethodPost, binPath, "restore", "[1, 3, 9]")
	var b batchBody
	r.decode(t, &b)
	if r.status != http.StatusAccepted || b.TaskID == "" || b.Result != nil {
		t.Fatalf("3 ids: %d %s, want 202 {taskId}", r.status, r.body)
	}
	if _, err := b.TaskID.Int64(); err != nil {
		t.Fatalf("taskId %q is not an integer", b.TaskID)
	}
	id := b.TaskID.String()
	running := e.task(id)
	if len(running) != 1 || running[0].Status.String() != "202" || running[0].Result != nil {
		t.Fatalf("running task: %+v", running)
	}
	if !e.srv.InBin(1) || e.srv.PendingTasks() != 1 {
		t.Fatal("items left the bin before the task ran")
	}
	e.srv.FinishTasks()
	for range 2 { // polling again must not run the task again
		done := e.task(id + ",987654")
		if len(done) != 1 || done[0].TaskID.String() != id || done[0].Status.String() != "207" {
			t.Fatalf("finished task: %+v", done)
		}
		rows := done[0].Result
		// 3 fails first (its folder is restored after it), then 9 and 1 succeed.
		if len(rows) != 3 || rows[0].Status.String() != "200" || rows[1].Code != "DirectoryNotFound" || rows[2].Status.String() != "200" {
			t.Errorf("task rows: %+v", rows)
		}
	}
	for _, id := range []int64{1, 9} {
		if e.srv.RestoreCount(id) != 1 {
			t.Errorf("RestoreCount(%d) = %d", id, e.srv.RestoreCount(id))
		}
	}
	if got := e.task("987654"); len(got) != 0 {
		t.Errorf("unknown task: %+v", got)
	}
	if r := e.call(http.MethodGet, taskPath+"12,x", "", ""); r.status != http.StatusBadRequest {
		t.Errorf("bad task list: %d", r.status)
	}
	if r := e.call(http.MethodPost, taskPath+id, "", ""); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST task: %d", r.status)
	}
}

func TestAsyncTaskFinishesOnItsOwn(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{AsyncThreshold: 1, TaskDuration: 20 * time.Millisecond})
	var b batchBody
	e.call(http.MethodPost, binPath, "restore", "[1, 2]").decode(t, &b)
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := e.task(b.TaskID.String())
		if len(got) == 1 && got[0].Status.String() == "200" && len(got[0].Result) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("task still %+v", got)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if e.srv.RestoreCount(1) != 1 || e.srv.RestoreCount(2) != 1 {
		t.Error("task rows not applied exactly once")
	}
}

func TestAsyncImmediateAndDefaultThreshold(t *testing.T) {
	e := fixtureEnv(t, fakesmh.Options{AsyncThreshold: 1, TaskDuration: -1})
	var b batchBody
	e.call(http.MethodPost, binPath, "restore", "[1, 2]").decode(t, &b)
	if got := e.task(b.TaskID.String()); len(got) != 1 || got[0].Status.String() != "200" {
		t.Errorf("negative TaskDuration: first poll gave %+v", got)
	}
	seeded := newEnv(t, fakesmh.Options{TaskDuration: time.Hour})
	ids := seeded.srv.IDs()
	for n, want := range map[int]int{200: http.StatusMultiStatus, 201: http.StatusAccepted} {
		body, _ := json.Marshal(ids[:n])
		if r := seeded.call(http.MethodPost, binPath, "restore", string(body)); r.status != want {
			// 200 seeded ids include non-restorable ones, hence 207
			t.Errorf("%d ids with the default threshold: %d, want %d", n, r.status, want)
		}
		ids = ids[n:]
	}
}
