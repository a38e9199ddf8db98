package fakesmh

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// task is an asynchronous batch restore. Its rows are computed when it runs
// (at its due time), so the items stay in the bin while it reports 202, as
// on a real server that queues the work.
type task struct {
	id           int64
	ids          []int64
	pathStrategy string
	due          time.Time
	done         bool
	status       int // 200 or 207 once done
	rows         []wireRow
}

// startTaskLocked queues a batch restore and returns its task id.
func (s *Server) startTaskLocked(ids []int64, pathStrategy string) int64 {
	s.nextTask++
	t := &task{
		id:           s.nextTask,
		ids:          append([]int64(nil), ids...),
		pathStrategy: pathStrategy,
		due:          s.now().Add(max(s.opts.TaskDuration, 0)),
	}
	s.tasks[t.id] = t
	s.pending = append(s.pending, t)
	s.stats.Tasks++
	return t.id
}

// settleLocked runs every pending task whose time has come, in the order
// they were accepted. Each runs once: it leaves pending when done.
func (s *Server) settleLocked() {
	if len(s.pending) == 0 {
		return
	}
	now := s.now()
	keep := s.pending[:0]
	for _, t := range s.pending {
		if now.Before(t.due) {
			keep = append(keep, t)
			continue
		}
		s.runTaskLocked(t)
	}
	clear(s.pending[len(keep):])
	s.pending = keep
}

func (s *Server) runTaskLocked(t *task) {
	t.rows, t.status = s.restoreAllLocked(t.ids, t.pathStrategy)
	t.done = true
}

// FinishTasks runs every pending async task now, so tests need not wait
// for TaskDuration.
func (s *Server) FinishTasks() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.pending {
		s.runTaskLocked(t)
	}
	clear(s.pending)
	s.pending = s.pending[:0]
}

// PendingTasks is the number of async tasks still reporting 202.
func (s *Server) PendingTasks() int {
	s.lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// wireTask is one element of the task query's array.
type wireTask struct {
	TaskID int64     `json:"taskId"`
	Status int       `json:"status"`
	Result []wireRow `json:"result,omitempty"`
}

// serveTasks answers GET /api/v1/task/{lib}/{space}/{id,id,…}: 202 while a
// task runs, then 200 or 207 with its rows. Unknown ids are left out.
func (s *Server) serveTasks(w http.ResponseWriter, r *http.Request, list string) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, http.MethodGet)
		return
	}
	var ids []int64
	for _, part := range strings.Split(list, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || id <= 0 {
			writeError(w, http.StatusBadRequest, "ParamInvalid", "Invalid task id list.")
			return
		}
		ids = append(ids, id)
	}
	s.lock()
	out := make([]wireTask, 0, len(ids))
	for _, id := range ids {
		t, ok := s.tasks[id]
		switch {
		case !ok:
		case !t.done:
			out = append(out, wireTask{TaskID: id, Status: http.StatusAccepted})
		default:
			out = append(out, wireTask{TaskID: id, Status: t.status, Result: t.rows})
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}
