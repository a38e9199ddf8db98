package ui

import (
	"charm.land/bubbles/v2/key"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"smhbin/api"
	"smhbin/keymap"
	"smhbin/theme"
	"smhbin/ui/bindata"
	"smhbin/ui/rowlist"
)

// Model is the root of the program. Its methods have pointer receivers:
// the store is large and is mutated only from Update, on the program's
// goroutine.
type Model struct {
	opts Options
	km   keymap.KeyMap
	st   theme.Styles
	data *bindata.Store

	width, height int
	mode          mode
	hintBar       hintCache // the last hint bar drawn (hintcache.go)
	// paneBuf holds the details pane's lines between frames, for reuse;
	// nothing reads it outside a render.
	paneBuf  []detailLine
	details  detailsMemo   // the focused item's detail lines as last laid out (itemDetails)
	shortBuf []key.Binding // the hint bar's bindings, reused (shortHints)
	title    struct {      // the title line drawn last (renderTitle)
		key titleKey
		s   string
	}
	edges struct { // the details pane's borders at width w (paneEdge)
		w           int
		top, bottom string
	}

	// Listing.
	gen        int            // generation of the listing in progress
	loading    bool           // a page request is in flight
	stopFetch  func()         // cancels the last page request (see fetch)
	guard      *api.PageGuard // the listing's endless-paging guard and pacer (see handlePage)
	total      int64          // totalNum of the last page
	complete   bool           // the last page has arrived
	loadErr    error          // the last page error, kept on screen until retried
	failedPage api.Marker     // marker of the page that failed, for ctrl+t
	sortKey    bindata.SortKey
	desc       bool
	spin       spinner.Model
	spinning   bool // a spinner tick is scheduled
	pageCount  int

	sort asyncSort // a local sort running off the Update goroutine

	// Table.
	table       rowlist.Model[rowKey] // the flat table's cursor, window and drawn rows
	anchor      int32                 // item index where a range mark started, -1 when none
	rangeAt     rangeCache            // where the anchor is in the view
	showDetails bool
	detailsSet  bool // the user toggled details, so size changes leave it alone
	rawDetails  bool // the details pane lists every field the server sent
	detScroll   detailsScroll
	absTime     bool

	filter    textinput.Model
	filterErr string // why the prompt's text does not parse ("" when it does)
	status    string
	errMsg    bool
	flash     flashState // how long status stays (see flash.go)

	frame    strings.Builder // the frame View writes, reset each time
	frameLen int             // bytes of the last frame, to size the next one
	minute   time.Time       // the minute rows are drawn in: part of their cache key
	// minuteAfter arms the minute timer (minute.go); tests replace it.
	minuteAfter func(time.Duration) tea.Cmd

	// Grouped views, built from data.view when shown and kept until stale.
	vmode   viewMode
	batches groupView
	folders groupView
	outGen  uint64 // counts bursts of restore events, which change group counts

	// Restoring.
	rr             *restoreRun
	progress       progress.Model // the restore bar, coloured for this terminal
	runSeq         int
	outcomes       map[int64]outcome // by id, across runs, until the item leaves the list
	retryableCount int               // outcomes that are Failed or Skipped
	dialog         dialogState
	emptying       bool // an empty-bin request is in flight

	help helpState    // the help screen's scroll and search
	pv   previewState // the details pane's thumbnails (preview.go)
}

// mode is what has the keyboard: it picks the handler of a key and the
// hints shown.
type mode int

const (
	modeBrowse mode = iota // the table or a grouped view
	modeFilter             // the filter prompt
	modeDialog             // a confirm dialog
	modeHelp               // the help screen
	modeSort               // the sort menu
)

// New builds a Model. It does no I/O: the first page is requested by Init.
func New(opts Options) *Model {
	opts.defaults()
	fi := textinput.New()
	fi.Prompt = "/ "
	fi.Placeholder = "filter names and paths"
	fi.CharLimit = 256
	fi.SetStyles(filterStyles(opts.Styles))
	// The terminal's own cursor, placed by View: a drawn one would be
	// styled text (reverse video) even without colour.
	fi.SetVirtualCursor(false)
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m := &Model{
		opts:     opts,
		km:       opts.KeyMap,
		st:       opts.Styles,
		data:     bindata.New(),
		sortKey:  bindata.SortKeyFor(opts.OrderBy),
		desc:     opts.Order == api.OrderDesc,
		spin:     sp,
		anchor:   -1,
		absTime:  opts.AbsTime,
		filter:   fi,
		outcomes: map[int64]outcome{},
		progress: newProgress(opts.Styles),
		width:    80,
		height:   24,
	}
	m.minuteAfter = func(d time.Duration) tea.Cmd { return minuteTimer(opts.Context, d) }
	m.restore(opts.Remembered)
	m.table = rowlist.New[rowKey](tableRows{m}, m.listKeys())
	m.pv = newPreviewState(opts)
	m.batches = groupView{kind: viewBatches}
	m.folders = groupView{kind: viewFolders}
	m.batches.list = rowlist.New[rowKey](groupRows{m, &m.batches}, m.listKeys())
	m.folders.list = rowlist.New[rowKey](groupRows{m, &m.folders}, m.listKeys())
	m.sizeLists()
	return m
}

// Init starts loading the first page, arms the minute timer (minute.go)
// and asks the terminal for its background colour. Nothing waits for the answer: the first frames use
// the environment's guess, and an answer that differs restyles the screen
// (see setBackground); a terminal that never answers changes nothing.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.startListing(), tea.RequestBackgroundColor, m.minuteCmd())
}

// Update dispatches a message to its handler, then re-derives which keys
// are live so the hint bar never offers a key that does nothing.
func (m *Model) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer func() {
		m.refreshTimes()
		m.sizeLists()   // the progress line or the view's length may have changed
		m.activeGroup() // regroup a stale grouped view here rather than in View
		m.syncKeys()
		cmd = m.flashCmd(cmd)
		if pc := m.syncPreview(); pc != nil { // the cursor's row may have changed
			cmd = tea.Batch(cmd, pc)
		}
	}()
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m, m.handleMouse(msg.(tea.MouseMsg))
	case tea.BackgroundColorMsg:
		m.setBackground(msg.IsDark())
		return m, nil
	case tea.PasteMsg:
		// v2 delivers a paste as one message rather than as keys; only
		// the filter prompt takes text.
		return m, m.handlePaste(msg)
	case pageLoadedMsg:
		return m, m.handlePage(msg)
	case roomMsg:
		m.handleRoom(msg)
		return m, nil
	case sortedMsg:
		return m, m.handleSorted(msg)
	case spinner.TickMsg:
		if !m.loading {
			m.spinning = false // let the spinner stop while idle
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case restoreEventsMsg:
		m.outGen++
		return m, m.handleRestoreEvents(msg)
	case previewTickMsg:
		return m, m.handlePreviewTick()
	case previewMsg:
		return m, m.handlePreview(msg)
	case emptiedMsg:
		return m, m.handleEmptied(msg)
	case statusMsg:
		m.setStatus(msg.text, msg.err)
		return m, nil
	case tokenReloadedMsg:
		return m, m.handleTokenReloaded(msg)
	case flashTickMsg:
		m.handleFlashTick(msg)
		return m, nil
	case minuteMsg:
		return m, m.minuteCmd() // the frame is drawn again after any message
	}
	return m, nil
}

// setBackground rebuilds the styles for the background the terminal
// reported, and drops every row drawn in the old ones.
func (m *Model) setBackground(dark bool) {
	if dark == m.st.Target.Dark {
		return
	}
	t := m.st.Target
	t.Dark = dark
	m.st = theme.New(m.st.Palette, t)
	w := m.progress.Width()
	m.progress = newProgress(m.st)
	m.progress.SetWidth(w)
	m.filter.SetStyles(filterStyles(m.st))
	m.table.Flush()
	m.batches.list.Flush()
	m.folders.list.Flush()
}

// filterStyles are the filter prompt's styles for st: plain without
// colour, and a cursor that does not blink (blink ticks would redraw the
// screen twice a second over SSH for nothing).
func filterStyles(st theme.Styles) textinput.Styles {
	fs := textinput.DefaultStyles(st.Target.Dark)
	if st.Target.NoColor {
		fs = textinput.Styles{}
	}
	fs.Cursor.Blink = false
	return fs
}

// resize records the terminal size and re-derives everything that depends
// on it.
func (m *Model) resize(w, h int) {
	w, h = min(max(w, 1), MaxWidth), min(max(h, 1), MaxHeight) // see MaxWidth
	m.width, m.height = w, h
	if !m.detailsSet {
		m.showDetails = w >= wideWidth
	}
	m.filter.SetWidth(max(1, w-20))
	m.progress.SetWidth(min(30, max(w/4, 0)))
	m.sizeLists()
}

// refreshTimes moves the rows' clock to the current minute: rows say
// "3 minutes ago", and the minute is part of their cache key. It runs on
// every message (keys, pages, spinner ticks) and costs one clock read.
func (m *Model) refreshTimes() {
	m.minute = m.opts.Now().Truncate(time.Minute)
}
