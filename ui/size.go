package ui

// The largest window the model lays out. A bigger terminal gets a
// 1000×500 frame in its top-left corner: frames are built at the window's
// size, so a client claiming 65535×65535 (a pty request over SSH, say)
// would otherwise cost gigabytes per frame.
const (
	MaxWidth  = 1000
	MaxHeight = 500
)
