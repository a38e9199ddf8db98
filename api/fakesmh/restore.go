package fakesmh

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strconv"
)

// Restore strategies, as sent in the query string.
const (
	conflictAsk       = "ask"
	conflictRename    = "rename"
	conflictOverwrite = "overwrite"
	pathOriginal      = "originalPath"
	pathFallback      = "fallbackToRoot"
)

// Row errors shared by single and batch restores, worded like the docs.
var (
	rowNotFound      = wireRow{Status: 404, Code: "RecycledItemNotFound", Message: "Recycled item not found."}
	rowNoPermission  = wireRow{Status: 403, Code: "NoPermission", Message: "No permission to restore this item."}
	rowSourceMissing = wireRow{Status: 404, Code: "SourceFileNotFound", Message: "Source file not found."}
	rowDirMissing    = wireRow{Status: 404, Code: "DirectoryNotFound", Message: "Directory not found."}
	rowConflict      = wireRow{Status: 409, Code: "SameNameDirectoryOrFileExists", Message: "Same name directory or file exists."}
)

// restoreLocked restores one item and returns its row. It is the only place
// an item leaves the bin by restore, so RestoreCount can never exceed 1:
// a second attempt finds the item gone and answers RecycledItemNotFound.
func (s *Server) restoreLocked(id int64, pathStrategy, conflict string) wireRow {
	row := func(r wireRow) wireRow { r.RecycledItemID = id; return r }
	e, ok := s.entries[id]
	switch {
	case !ok || e.state != inBin:
		return row(rowNotFound)
	case !e.rec.CanRestore:
		return row(rowNoPermission)
	case e.rec.SymlinkBroken:
		return row(rowSourceMissing)
	}
	parent := e.rec.parent()
	if s.parentMissingLocked(e) {
		if pathStrategy != pathFallback {
			return row(rowDirMissing)
		}
		parent = nil
	}
	isDir := e.rec.Type == TypeDir
	target := append(append([]string(nil), parent...), e.rec.Name)
	if existingDir, taken := s.live[joinPath(target)]; taken {
		switch {
		case conflict == conflictAsk:
			return row(rowConflict)
		case conflict == conflictOverwrite && (isDir || existingDir):
			// overwrite replaces files only; for folders it acts as ask.
			return row(rowConflict)
		case conflict == conflictOverwrite:
			// the live file is replaced in place
		default:
			target[len(target)-1] = s.freeNameLocked(parent, e.rec.Name, isDir)
		}
	}
	key := joinPath(target)
	s.live[key] = isDir
	if isDir {
		s.recreated[key] = true
	}
	e.state = restored
	e.finalPath = target
	e.restores++
	s.inBin--
	s.version++
	s.stats.Restored++
	return wireRow{Status: 200, Path: append([]string(nil), target...), RecycledItemID: id}
}

// freeNameLocked finds the first free "name (n).ext" (folders: "name (n)")
// in parent, the way SMH renames on conflict.
func (s *Server) freeNameLocked(parent []string, name string, isDir bool) string {
	base, ext := name, ""
	if !isDir {
		if x := path.Ext(name); x != "" && x != name {
			base, ext = name[:len(name)-len(x)], x
		}
	}
	probe := append(append([]string(nil), parent...), "")
	for n := 1; ; n++ {
		probe[len(probe)-1] = base + " (" + strconv.Itoa(n) + ")" + ext
		if _, taken := s.live[joinPath(probe)]; !taken {
			return probe[len(probe)-1]
		}
	}
}

// pathStrategyParam validates restore_path_strategy (default originalPath).
func pathStrategyParam(w http.ResponseWriter, q url.Values) (string, bool) {
	switch ps := q.Get("restore_path_strategy"); ps {
	case "":
		return pathOriginal, true
	case pathOriginal, pathFallback:
		return ps, true
	}
	writeError(w, http.StatusBadRequest, "ParamInvalid", "restore_path_strategy must be originalPath or fallbackToRoot.")
	return "", false
}

// serveRestoreOne answers POST …/{id}?restore. The documented body is none;
// whitespace or a JSON object (clients send {}) is accepted too.
func (s *Server) serveRestoreOne(w *statusWriter, q url.Values, id int64, body []byte) {
	if b := bytes.TrimSpace(body); len(b) > 0 {
		var obj map[string]any
		if json.Unmarshal(b, &obj) != nil || obj == nil {
			writeError(w, http.StatusBadRequest, "ParamInvalid", "This request takes no body.")
			return
		}
	}
	conflict := q.Get("conflict_resolution_strategy")
	switch conflict {
	case "":
		conflict = conflictRename // the current official page's default
	case conflictAsk, conflictRename, conflictOverwrite:
	default:
		writeError(w, http.StatusBadRequest, "InvalidConflictResolutionStrategy", "Invalid conflict resolution strategy.")
		return
	}
	ps, ok := pathStrategyParam(w, q)
	if !ok {
		return
	}
	s.lock()
	row := s.restoreLocked(id, ps, conflict)
	reset := s.fault.ResetAfterRestore
	s.mu.Unlock()
	if reset && resetConnection(w) {
		return
	}
	if !row.ok() {
		writeError(w, row.Status, row.Code, row.Message)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Path []string `json:"path"`
	}{row.Path})
}

// serveRestoreBatch answers POST /api/v1/recycled/{lib}/{space}?restore:
// 200 when every row succeeded, 207 otherwise, or 202 {taskId} when the
// batch is larger than the async threshold. Conflicts are always renamed.
func (s *Server) serveRestoreBatch(w *statusWriter, q url.Values, body []byte) {
	ids, msg := parseIDs(body)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "ParamInvalid", msg)
		return
	}
	ps, ok := pathStrategyParam(w, q)
	if !ok {
		return
	}
	s.lock()
	reset := s.fault.ResetAfterRestore
	if t := s.opts.AsyncThreshold; t >= 0 && len(ids) > t {
		taskID := s.startTaskLocked(ids, ps)
		s.mu.Unlock()
		if reset && resetConnection(w) {
			return
		}
		writeJSON(w, http.StatusAccepted, struct {
			TaskID int64 `json:"taskId"`
		}{taskID})
		return
	}
	rows, status := s.restoreAllLocked(ids, ps)
	after, drop := s.fault.StatusAfterRestore, s.fault.DropRows
	s.mu.Unlock()
	if reset && resetConnection(w) {
		return
	}
	if after != 0 {
		writeError(w, after, "InternalServerError", "Internal server error.")
		return
	}
	rows = rows[:len(rows)-min(drop, len(rows))]
	writeJSON(w, status, struct {
		Result []wireRow `json:"result"`
	}{rows})
}

// restoreAllLocked restores ids in order (renaming on conflict) and returns
// the rows with the overall status: 200 if all succeeded, else 207.
func (s *Server) restoreAllLocked(ids []int64, pathStrategy string) ([]wireRow, int) {
	rows := make([]wireRow, len(ids))
	status := http.StatusOK
	for i, id := range ids {
		rows[i] = s.restoreLocked(id, pathStrategy, conflictRename)
		if !rows[i].ok() {
			status = http.StatusMultiStatus
		}
	}
	return rows, status
}

// parseIDs reads a JSON array of recycledItemIds (numbers, or numeric
// strings as some SDKs send). It returns a message when the body is invalid.
func parseIDs(body []byte) ([]int64, string) {
	const bad = "The body must be a JSON array of recycledItemIds."
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '[' {
		return nil, bad
	}
	var raw []json.RawMessage
	if json.Unmarshal(b, &raw) != nil {
		return nil, bad
	}
	if len(raw) > MaxLimit {
		return nil, "At most 1000 recycledItemIds per request."
	}
	ids := make([]int64, len(raw))
	for i, r := range raw {
		text := string(r)
		if len(r) > 0 && r[0] == '"' {
			if json.Unmarshal(r, &text) != nil {
				return nil, bad
			}
		}
		id, err := strconv.ParseInt(text, 10, 64)
		if err != nil || id <= 0 {
			return nil, "Invalid recycledItemId " + strconv.Quote(text) + "."
		}
		ids[i] = id
	}
	return ids, ""
}

// resetConnection closes the connection without a reply, simulating a
// response lost after the server acted. It reports false (and the caller
// replies normally) when the connection cannot be hijacked, e.g. HTTP/2.
func resetConnection(w *statusWriter) bool {
	conn, _, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return false
	}
	_ = conn.Close() // nothing to report: the point is to drop the reply
	return true
}
