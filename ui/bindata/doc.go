// Package bindata is the browser's data side, free of Bubble Tea: the
// store of loaded items with its marks, sort, filter and expiring filter,
// and the groupings into deletion batches and original folders. The UI
// reads it through methods; nothing here touches the terminal.
package bindata
