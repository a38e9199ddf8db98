#!/usr/bin/env bash
# make.sh — regenerates the README's screenshots from the real smhbin binary.
#
#   screenshots/make.sh            # from anywhere; writes screenshots/*.png and flow.gif
#   SEED=7 screenshots/make.sh     # demo data seed (default: the first of 7, 3, 1…20
#                                  # whose data today has a folder with mixed results)
#   KEEP=1 screenshots/make.sh     # keep the work directory (captures, HTML) for a look
#   SMHBIN=/path/smhbin make.sh    # use this binary instead of building one
#
# How: builds smhbin, runs `smhbin --demo --seed $SEED` (embedded emulator
# with demo data) in tmux on a private socket and config, drives it with
# send-keys and, before every frame, polls `capture-pane -e` until two reads
# in a row are equal. Each capture goes through cells.py (faint → a class
# aha keeps), aha (ANSI → HTML), cells.py again (every non-ASCII character
# in a 1- or 2-cell inline-block, by East Asian Width, so CJK stays on the
# grid) and template.html, then headless chromium takes the PNG. ImageMagick
# assembles flow.gif, each frame captioned with the keys pressed since the
# last one. pick.py chooses, for today's demo data, a folder whose restore
# gives mixed results (restored, renamed, DirectoryNotFound). ssh.png is a
# real SSH session: `smhbin serve` with a throwaway host key and client key,
# and the system ssh client in the pane.
#
# Needs: go, python3, tmux, aha, chromium, ImageMagick (convert), the
# OpenSSH client (ssh, ssh-keygen) and the fonts JetBrains Mono, DejaVu Sans
# Mono and Noto Sans Mono CJK. When run as root on Debian it installs what
# is missing with apt-get (tmux aha chromium openssh-client
# fonts-jetbrains-mono fonts-dejavu-core fonts-noto-cjk imagemagick).
# Not part of the test suite. A few minutes (chromium renders each frame).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
SEEDS=${SEED:-"7 3 $(seq -s ' ' 1 20)"} # the demo data move with the date: try seeds in turn
export LANG=C.UTF-8 LC_ALL=C.UTF-8 # tmux and python must speak UTF-8

# --- tools --------------------------------------------------------------------
need=()
for c in tmux aha chromium convert ssh ssh-keygen; do
	command -v "$c" >/dev/null || need+=("$c")
done
# /usr/local/bin/convert may be a stand-in; ImageMagick proper is /usr/bin/convert.
[[ -x /usr/bin/convert ]] || need+=(imagemagick)
fonts=$(fc-list : family 2>/dev/null || true)
[[ $fonts == *'JetBrains Mono'* ]] || need+=(fonts-jetbrains-mono)
[[ $fonts == *'DejaVu Sans Mono'* ]] || need+=(fonts-dejavu-core)
[[ $fonts == *'Noto Sans Mono CJK'* ]] || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
	pkgs=$(printf '%s\n' "${need[@]}" | sed 's/^convert$/imagemagick/; s/^ssh\(-keygen\)\{0,1\}$/openssh-client/' |
		sort -u | tr '\n' ' ')
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "installing: $pkgs" >&2
		apt-get update -qq
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
	else
		echo "make.sh: missing $pkgs — install them (Debian: apt-get install $pkgs)" >&2
		exit 1
	fi
fi

work=$(mktemp -d /tmp/smhbin-shots.XXXXXX)
sock="$work/tmux.sock"
T() { tmux -u -S "$sock" -f "$work/tmux.conf" "$@"; }
cleanup() {
	T kill-server 2>/dev/null || true
	if [[ ${KEEP:-} == 1 ]]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

cat >"$work/tmux.conf" <<'EOF'
set -g default-terminal tmux-256color
set -g status off
set -g remain-on-exit on
set -g escape-time 0
EOF

# --- the binary and the data --------------------------------------------------
if [[ -n ${SMHBIN:-} ]]; then
	cp "$SMHBIN" "$work/smhbin"
else
	echo "building smhbin" >&2
	(cd "$root" && go build -o "$work/smhbin" .)
fi
# TOTAL CJK_ROW BROWSE_MARKS QUERY VIEW_ROWS MARK_ROWS FAIL_ROW EXPECT
picked=""
for SEED in $SEEDS; do
	if picked=$(python3 "$here/pick.py" "$work/smhbin" "$SEED"); then
		break
	fi
	picked=""
done
[[ -n $picked ]] || { echo "make.sh: no seed of ($SEEDS) has a folder with mixed restore results" >&2; exit 1; }
eval "$picked"
read -ra marks <<<"$MARK_ROWS"
echo "seed $SEED: filter “$QUERY” ($VIEW_ROWS rows), mark rows ${marks[*]}: $EXPECT" >&2

# --- driving the program ------------------------------------------------------
# start COLS ROWS [VAR=value…]: a fresh session running the demo TUI, which
# the functions below drive. run COLS ROWS COMMAND: the same for any
# command. The previous session is killed only once the new one exists, so
# the tmux server never exits in between.
sess=""
start() {
	local cols=$1 rows=$2
	shift 2
	run "$cols" "$rows" "env -u NO_COLOR COLORTERM=truecolor $* '$work/smhbin' --demo --seed $SEED"
}
run() {
	local old=$sess
	sess="s$((${sess#s} + 1))"
	T new-session -d -s "$sess" -x "$1" -y "$2" "$3"
	[[ -z $old ]] || T kill-session -t "$old"
	row=0 pressed=()
}

# keys and typed record what they send in $pressed, which frame() shows
# under the frame: tmux's key names as the help spells them, typed text
# whole and quoted.
pressed=()
keys() {
	T send-keys -t "$sess" "$@"
	local k
	for k in "$@"; do
		case $k in
		Space) k=space ;; Enter) k=enter ;; Escape) k=esc ;; BSpace) k=backspace ;;
		esac
		pressed+=("$k")
	done
}
typed() { T send-keys -t "$sess" -l -- "$1"; pressed+=("“$1”"); } # literal text, CJK included

# keycaps LABEL: $pressed as a caption (LABEL, then a key a line), runs of
# one key folded into "j ×12".
keycaps() {
	local out="$1" k n=0 prev=""
	for k in "${pressed[@]}" ""; do
		if [[ $k == "$prev" && -n $k ]]; then n=$((n + 1)); continue; fi
		if [[ -n $prev ]]; then
			((n > 1)) && out+=$'\n'"$prev ×$n" || out+=$'\n'"$prev"
		fi
		prev=$k n=1
	done
	printf '%s' "$out"
}

# settle [REGEX [GAP]]: wait until two captures GAP seconds apart (default
# 0.15) are equal and the plain text matches REGEX, so no frame is caught
# half-drawn. The capture is left in $work/last.ans.
settle() {
	local want=${1:-} gap=${2:-0.15} prev="" cur deadline=$((SECONDS + 30))
	while ((SECONDS < deadline)); do
		sleep "$gap"
		cur=$(T capture-pane -e -p -t "$sess")
		if [[ $cur == "$prev" ]] && { [[ -z $want ]] || sed 's/\x1b\[[0-9;:]*m//g' <<<"$cur" | grep -Eq -- "$want"; }; then
			printf '%s\n' "$cur" >"$work/last.ans"
			return 0
		fi
		prev=$cur
	done
	echo "make.sh: the screen did not settle${want:+ on /$want/}; last capture:" >&2
	T capture-pane -p -t "$sess" >&2
	exit 1
}

# settle_past REGEX: settle, and again while the screen matches REGEX
# (something still on its way, such as a thumbnail), for up to 30 s.
settle_past() {
	local deadline=$((SECONDS + 30))
	settle
	while grep -Eq -- "$1" <(sed 's/\x1b\[[0-9;:]*m//g' "$work/last.ans"); do
		((SECONDS < deadline)) || { echo "make.sh: /$1/ stayed on screen" >&2; exit 1; }
		settle "" 0.3
	done
}

# goto ROW: move the cursor to ROW (0-based), one key at a time; $row
# tracks where it is. mark: mark the cursor row (the cursor then moves down).
row=0
goto() {
	while ((row < $1)); do keys j; row=$((row + 1)); done
	while ((row > $1)); do keys k; row=$((row - 1)); done
}
mark() { keys Space; row=$((row + 1)); }

# --- rendering ----------------------------------------------------------------
# render OUT.png COLS ROWS [TITLE [CAPTION]]: the last settled capture as a
# PNG, with TITLE in the window's title bar and CAPTION (see keycaps) under
# the frame.
render() {
	local out=$1 cols=$2 rows=$3 title=${4:-smhbin} caption=${5:-} capH=0 html
	[[ -z $caption ]] || capH=31
	html="$work/$(basename "$out" .png).html"
	python3 "$here/cells.py" sgr <"$work/last.ans" | aha --stylesheet --no-header |
		python3 "$here/cells.py" html "$here/template.html" "$title — ${cols}×${rows}" "$cols" "$rows" \
			${caption:+"$caption"} >"$html"
	# 9×18 px cells, 14/12 px padding, 31 px title bar and 31 px caption
	# (see template.html).
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--disable-background-networking --disable-component-update --disable-sync \
		--no-first-run --user-data-dir="$work/chrome" --force-device-scale-factor=1 \
		--window-size=$((cols * 9 + 28)),$((rows * 18 + 24 + 31 + capH)) \
		--screenshot="$out" "file://$html" >>"$work/chromium.log" 2>&1
	[[ -s $out ]] || { echo "make.sh: chromium made no $out (see $work/chromium.log)" >&2; exit 1; }
}

frames=()
# frame: the last settled capture as the next frame of flow.gif, captioned
# with the keys pressed since the last frame.
frame() {
	local f label=pressed
	f=$(printf '%s/flow-%02d.png' "$work" ${#frames[@]})
	((${#pressed[@]})) || label="started: smhbin --demo"
	render "$f" 120 40 smhbin "$(keycaps "$label")"
	frames+=("$f") pressed=()
}

loaded="^ ${TOTAL} items"

# 1–3 and the GIF at 120×40: load, browse, filter, mark, restore, results,
# then retry the failures into the space root.
echo "recording the main flow at 120x40" >&2
start 120 40
# While loading, the spinner turns every ~100 ms: compare reads 20 ms apart.
settle "loaded [1-9][0-9,]* of|$loaded" 0.02 # the listing may finish before the first read
frame
settle "$loaded"
goto "$CJK_ROW"
settle
render "$here/browser-120x40.png" 120 40
frame
keys /
typed "${QUERY:0:5}"
settle
frame
typed "${QUERY:5}"
settle
frame
keys Enter g
row=0
settle 'filter “'
frame
half=$((${#marks[@]} / 2))
for i in "${!marks[@]}"; do
	goto "${marks[i]}"
	mark
	if ((i + 1 == half)); then settle; frame; fi
done
settle "● ${#marks[@]} marked"
frame
keys r
settle 'Restore [0-9,]+ item'
render "$here/confirm-dialog.png" 120 40
frame
keys y
settle 'restored [0-9,]+ of'
frame
# The cursor on a row that failed: the details pane says why.
goto "$FAIL_ROW"
settle
render "$here/restore-results.png" 120 40
frame
keys R
settle 'Retry [0-9,]+ item'
frame
keys t
settle 'destination +fallbackToRoot'
frame
keys y
[[ $EXPECT =~ ([0-9]+)\ failed ]] # the retry's summary: "restored … of <failed>"
settle "restored [0-9,]+ of ${BASH_REMATCH[1]}( |\$)"
frame

echo "80x24 layout" >&2
start 80 24
settle "$loaded"
read -ra bmarks <<<"$BROWSE_MARKS"
for r in "${bmarks[@]}"; do goto "$r"; mark; done
goto "$CJK_ROW"
settle
render "$here/layout-80x24.png" 80 24
keys '?'
settle 'smhbin — keys'
render "$here/help-80x24.png" 80 24

echo "grouped views and the expiring filter at 120x40" >&2
start 120 40
settle "$loaded"
keys b
settle 'DELETION BATCHES'
render "$here/batches.png" 120 40
keys f
settle 'ORIGINAL FOLDERS'
render "$here/folders.png" 120 40
keys f e
settle 'expiring ≤'
render "$here/expiring.png" 120 40

echo "a qualifier query at 120x40" >&2
start 120 40
settle "$loaded"
keys /
typed "type:image size:>1MB"
settle 'size:>1MB'
settle_past 'thumbnail +loading'
render "$here/query.png" 120 40

echo "an SSH session (smhbin serve) at 100x30" >&2
# A throwaway client key and host key; the system ssh client in the pane.
ssh-keygen -q -t ed25519 -N '' -C smhbin-shots -f "$work/client_key"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
T new-session -d -s serve -x 120 -y 10 "env -u NO_COLOR '$work/smhbin' serve --demo --seed $SEED \
	--addr 127.0.0.1:$port --host-key '$work/host_key' --authorized-keys '$work/client_key.pub'"
for _ in $(seq 300); do
	(: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.1
done
run 100 30 "ssh -F /dev/null -i '$work/client_key' -o IdentitiesOnly=yes -o LogLevel=ERROR \
	-o StrictHostKeyChecking=accept-new -o UserKnownHostsFile='$work/known_hosts' \
	-o SetEnv=COLORTERM=truecolor -p $port -t alice@127.0.0.1"
settle "$loaded"
for r in "${bmarks[@]}"; do goto "$r"; mark; done
goto "$CJK_ROW"
settle
render "$here/ssh.png" 100 30 "ssh -p $port alice@127.0.0.1 · smhbin serve"
T kill-session -t serve

echo "NO_COLOR" >&2
start 100 30 NO_COLOR=1
settle "$loaded"
keys /
typed "$QUERY"
keys Enter g
row=0
settle 'filter “'
for r in "${marks[@]}"; do goto "$r"; mark; done
keys r
settle 'Restore [0-9,]+ item'
keys y
settle 'restored [0-9,]+ of'
goto "$FAIL_ROW"
settle
render "$here/no-color.png" 100 30

echo "assembling flow.gif (${#frames[@]} frames)" >&2
last=$((${#frames[@]} - 1))
/usr/bin/convert -delay 120 "${frames[@]:0:last}" -delay 300 "${frames[last]}" \
	-loop 0 +dither -colors 64 -layers Optimize "$here/flow.gif"

ls -l "$here"/*.png "$here"/flow.gif >&2
