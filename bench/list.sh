#!/usr/bin/env bash
# bench/list.sh: `smhbin list --json --page-size 1000` end to end against
# `smhbin fake-server` with latency, next to the minimal reference client
# (bench/listref) and to the smhbin built from another revision (main by
# default), all against the same server in the same run.
#
#   bench/list.sh                         # 100k items, 20 ms, 3 rounds, before = main
#   bench/list.sh -n 20000 -l 50ms -r 5 -b HEAD~3
#
# Each round runs the three clients one after the other; the report gives
# the median wall time of each, its ratio to the reference client and to
# the ideal ceil(N/1000) x latency, and the peak RSS of the smhbin runs.
set -euo pipefail

items=100000 latency=20ms rounds=3 before=main
while getopts n:l:r:b:h opt; do
	case $opt in
	n) items=$OPTARG ;;
	l) latency=$OPTARG ;;
	r) rounds=$OPTARG ;;
	b) before=$OPTARG ;;
	*) sed -n '2,13p' "$0"; exit 2 ;;
	esac
done

. "$(dirname "$0")/harness.sh" # repo, tmp, unpack, start_emulator

echo "building: this tree, $before, the reference client" >&2
(cd "$repo" && go build -o "$tmp/after" . && go build -o "$tmp/listref" ./bench/listref)
unpack "$before"
(cd "$tmp/src" && go build -o "$tmp/before" .)
start_emulator "$tmp/after" --items "$items" --latency "$latency"

# run NAME CMD...: time one run (ms) into $tmp/NAME.ms, its peak RSS (KB)
# into $tmp/NAME.rss, and check that it printed every item.
run() {
	local name=$1; shift
	local start end
	# A new file each run: rewriting a truncated one makes ext4 flush it
	# as the writer exits (auto_da_alloc), ~40 ms of every client's time.
	rm -f "$tmp/out.json"
	start=$(date +%s%N)
	/usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/out.json"
	end=$(date +%s%N)
	echo $(((end - start) / 1000000)) >>"$tmp/$name.ms"
	cat "$tmp/rss" >>"$tmp/$name.rss"
	local got
	got=$(grep -o '"recycledItemId"' "$tmp/out.json" | wc -l)
	[ "$got" -eq "$items" ] || { echo "$name listed $got items, want $items" >&2; exit 1; }
}

for r in $(seq "$rounds"); do
	echo "round $r of $rounds" >&2
	run reference "$tmp/listref" 1000
	run before "$tmp/before" list --json --page-size 1000
	run after "$tmp/after" list --json --page-size 1000
done

median() { sort -n "$1" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
lat_ms=$(awk -v l="$latency" 'BEGIN {
	if (l ~ /ms$/) { sub(/ms$/, "", l); print l } else if (l ~ /s$/) { sub(/s$/, "", l); print l * 1000 } else print 0 }')
ideal=$(((items + 999) / 1000 * lat_ms))
ref=$(median "$tmp/reference.ms")
printf '%d items, %s per request, %d rounds; ideal ceil(N/1000) x latency = %d ms\n' "$items" "$latency" "$rounds" "$ideal"
printf '%-28s %9s %9s %9s %12s\n' client "median ms" "x ref" "x ideal" "peak RSS MB"
for name in reference before after; do
	m=$(median "$tmp/$name.ms")
	rss=$(median "$tmp/$name.rss")
	label=$name
	case $name in
	reference) label="reference (bench/listref)" ;;
	before) label="smhbin list ($before)" ;;
	after) label="smhbin list (this tree)" ;;
	esac
	awk -v l="$label" -v m="$m" -v ref="$ref" -v ideal="$ideal" -v rss="$rss" \
		'BEGIN { printf "%-28s %9d %9.2f %9.2f %12.1f\n", l, m, m / ref, (ideal > 0 ? m / ideal : 0), rss / 1024 }'
done
