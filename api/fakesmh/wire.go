package fakesmh

import (
	"strconv"
	"time"
)

// isoTime is SMH's time format: UTC with milliseconds and a literal Z.
const isoTime = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(isoTime) }

// wireInfo is the file-info body of GET …/{id}?info.
type wireInfo struct {
	Type                  string            `json:"type"`
	CreationTime          string            `json:"creationTime"`
	ModificationTime      string            `json:"modificationTime"`
	ContentType           string            `json:"contentType"`
	Size                  string            `json:"size"`
	ETag                  string            `json:"eTag"`
	CRC64                 string            `json:"crc64"`
	CosURL                string            `json:"cosUrl"`
	CosURLExpiration      string            `json:"cosUrlExpiration"`
	MetaData              map[string]string `json:"metaData"`
	PreviewByDoc          bool              `json:"previewByDoc"`
	PreviewByCI           bool              `json:"previewByCI"`
	PreviewAsIcon         bool              `json:"previewAsIcon"`
	FileType              string            `json:"fileType"`
	AvailableCosURLs      []string          `json:"availableCosUrls"`
	Labels                []string          `json:"labels"`
	Category              string            `json:"category"`
	LocalCreationTime     string            `json:"localCreationTime"`
	LocalModificationTime string            `json:"localModificationTime"`
}

// infoLocked renders the file info of a recycled item. Directories have no
// content, so no COS URL, eTag or crc64.
func (s *Server) infoLocked(e *entry, now time.Time) wireInfo {
	r := &e.rec
	info := wireInfo{
		Type:                  r.Type,
		CreationTime:          formatTime(r.CreationTime),
		ModificationTime:      formatTime(r.ModificationTime),
		ContentType:           r.ContentType,
		Size:                  strconv.FormatUint(r.Size, 10),
		MetaData:              map[string]string{},
		PreviewByDoc:          r.PreviewByDoc,
		PreviewByCI:           r.PreviewByCI,
		PreviewAsIcon:         r.PreviewAsIcon,
		FileType:              r.FileType,
		AvailableCosURLs:      []string{},
		Labels:                []string{},
		Category:              category(r.FileType, r.Type),
		LocalCreationTime:     formatTime(r.CreationTime),
		LocalModificationTime: formatTime(r.ModificationTime),
	}
	if r.Type == TypeDir {
		return info
	}
	h := mix64(uint64(r.ID))
	info.ETag = `"` + strconv.FormatUint(h, 16) + strconv.FormatUint(mix64(h), 16) + `"`
	info.CRC64 = r.CRC64
	exp := now.Add(time.Hour)
	info.CosURL = "https://" + s.opts.LibraryID + "-1250000000.cos.ap-guangzhou.myqcloud.com/recycled/" +
		strconv.FormatInt(r.ID, 10) + "?sign=q-sign-algorithm%3Dsha1%26q-key-time%3D" +
		strconv.FormatInt(now.Unix(), 10) + "%3B" + strconv.FormatInt(exp.Unix(), 10)
	info.CosURLExpiration = formatTime(exp)
	info.AvailableCosURLs = []string{info.CosURL}
	if r.FileType == "image" {
		info.MetaData["x-smh-meta-source"] = "upload"
	}
	return info
}

// category groups file types the way the SMH console does.
func category(fileType, typ string) string {
	switch {
	case typ == TypeDir:
		return ""
	case fileType == "image", fileType == "video":
		return fileType
	case fileType == "":
		return "other"
	}
	return "doc"
}

// wireRow is one per-item row of a batch restore or task result.
type wireRow struct {
	Status         int      `json:"status"`
	Code           string   `json:"code,omitempty"`
	Message        string   `json:"message,omitempty"`
	Path           []string `json:"path,omitempty"`
	RecycledItemID int64    `json:"recycledItemId"`
}

// ok reports whether the row is a success.
func (r wireRow) ok() bool { return r.Status == 200 }
