// Package fakesmh is an in-process emulator of the Tencent Cloud Smart Media
// Hosting (SMH) recycle-bin API, faithful to the wire format of the real
// service: integer recycledItemIds, decimal-string sizes, ISO-8601 times with
// milliseconds, originalPath including the item's own name, an integer
// nextMarker that is absent on the last page and totalNum in both paging
// modes.
//
// A Server is an http.Handler over a deterministic, seeded store that looks
// like a real team's recycle bin (deep folders, CJK names, bursts of
// deletions, items that conflict, lost their parent or may not be restored).
// Previews of images and videos redirect to generated thumbnails (coloured
// shapes and the name's initials, drawn from the seed) on the emulator's
// own origin, behind a signed, token-free URL like real storage's.
// It serves the client's tests, the restore engine's and the TUI's, the CLI's
// `fake-server` command and the product's demo mode. It speaks plain HTTP;
// use Listen for a loopback listener or wrap the Server in httptest.
//
// The emulator deliberately shares no code with the api package: it writes
// what a real server writes, so the client's decoding is really exercised.
package fakesmh

import "time"

// Marker styles for Options.MarkerStyle.
const (
	// MarkerInt emits nextMarker as a JSON number, like the doc example.
	MarkerInt = "int"
	// MarkerString emits nextMarker as a JSON string such as "m:100123",
	// like the SDK models that type it as string.
	MarkerString = "string"
)

// Defaults applied by New to zero Options fields.
const (
	DefaultLibraryID      = "smhdemo"
	DefaultSpaceID        = "-"
	DefaultToken          = "demo-token"
	DefaultItems          = 3000
	DefaultAsyncThreshold = 200
	DefaultTaskDuration   = 1500 * time.Millisecond
	DefaultLimit          = 20
	DefaultRetentionDays  = 30
	// MaxLimit is the largest limit, page_size or batch size accepted.
	MaxLimit = 1000
	// MaxPageWindow caps page×page_size in page mode, as the JS SDK documents.
	MaxPageWindow = 10000
	// LifecycleInterval is the minimum time between two lifecycle changes.
	LifecycleInterval = 10 * time.Minute
)

// Options configure a Server. The zero value is a usable demo library.
type Options struct {
	// LibraryID is the only library served; others answer 404 LibraryNotFound.
	LibraryID string
	// SpaceID is the only space served ("-" = single-tenant); others answer
	// 404 SpaceNotFound. It is also the spaceId of every item.
	SpaceID string
	// Token is the access token every recycle-bin and task request must carry
	// as access_token; anything else answers 403 InvalidAccessToken.
	Token string
	// LibrarySecret, when set, must be sent by token requests. Empty accepts any.
	LibrarySecret string
	// Items is the number of seeded items: 0 means DefaultItems, -1 an empty bin.
	Items int
	// Seed makes the data: the same seed (and Now) gives identical items.
	Seed int64
	// Now is the reference time for removal times and remainingTime.
	// Zero means time.Now() when New is called.
	Now time.Time
	// MediaLibrary makes images and videos type "image"/"video" instead of
	// "file", as in a media-type library.
	MediaLibrary bool
	// Latency is added to every request; a cancelled request stops waiting.
	Latency time.Duration
	// AsyncThreshold: batch restores with more ids answer 202 {taskId}.
	// 0 means DefaultAsyncThreshold; a negative value never goes async.
	AsyncThreshold int
	// TaskDuration is how long an async task reports 202 before it runs.
	// 0 means DefaultTaskDuration; a negative value finishes at the first poll.
	TaskDuration time.Duration
	// MarkerStyle is MarkerInt (default) or MarkerString.
	MarkerStyle string
	// FailEvery, when > 0, makes every Nth counted request answer 500.
	FailEvery int
	// TokenExpiresAfter, when > 0, makes counted requests after the Nth
	// answer 403 InvalidAccessToken until the token is renewed.
	TokenExpiresAfter int
	// NoDeleteGrant makes the token one issued without delete_recycled
	// (nor admin / space_admin): delete, batch delete and empty answer
	// 403 NoPermission and change nothing.
	NoDeleteGrant bool
	// DefaultLimit is the marker-mode page size when limit is absent (20).
	DefaultLimit int
	// RetentionDays is the bin's retention (30); remainingTime derives from it.
	RetentionDays int
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.LibraryID == "" {
		o.LibraryID = DefaultLibraryID
	}
	if o.SpaceID == "" {
		o.SpaceID = DefaultSpaceID
	}
	if o.Token == "" {
		o.Token = DefaultToken
	}
	if o.Items == 0 {
		o.Items = DefaultItems
	}
	if o.Items < 0 {
		o.Items = 0
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	o.Now = o.Now.UTC().Truncate(time.Millisecond)
	if o.AsyncThreshold == 0 {
		o.AsyncThreshold = DefaultAsyncThreshold
	}
	if o.TaskDuration == 0 {
		o.TaskDuration = DefaultTaskDuration
	}
	if o.MarkerStyle == "" {
		o.MarkerStyle = MarkerInt
	}
	if o.DefaultLimit <= 0 {
		o.DefaultLimit = DefaultLimit
	}
	if o.DefaultLimit > MaxLimit {
		o.DefaultLimit = MaxLimit
	}
	if o.RetentionDays <= 0 {
		o.RetentionDays = DefaultRetentionDays
	}
	return o
}
