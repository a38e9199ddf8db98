package ui

// The largest window the model lays out. A bigger terminal gets a
// 500×250 frame in its top-left corner: frames are built at the window's
// size, so a client claiming 65535×65535 (a pty request over SSH, say)
// would otherwise cost gigabytes per frame. Bubble Tea v2 keeps a cell
// buffer of the whole window per program, which at 1000×500 peaked at
// 128 MiB of heap per session; 500×250 (wider than a 4K screen at a
// small font) costs about 32 MiB.
const (
	MaxWidth  = 500
	MaxHeight = 250
)
