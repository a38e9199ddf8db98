#!/usr/bin/env bash
# bench/rss.sh: memory after loading a whole bin into the browser's store.
# Runs `smhbin fake-server` with N items (one process) and bench/loadrss
# (another), built from this tree and from another revision (main by
# default), one after the other against the same server: each lists every
# page of 1,000 through the real client into a bindata.Store and prints
# the live heap per item after a GC, and its RSS now and at its peak.
#
#   bench/rss.sh                  # 1M items, 1 round, before = main
#   bench/rss.sh -n 100000 -r 3 -b HEAD~3
set -euo pipefail

items=1000000 rounds=1 before=main
while getopts n:r:b:h opt; do
	case $opt in
	n) items=$OPTARG ;;
	r) rounds=$OPTARG ;;
	b) before=$OPTARG ;;
	*) sed -n '2,10p' "$0"; exit 2 ;;
	esac
done

. "$(dirname "$0")/harness.sh" # repo, tmp, unpack, start_emulator

echo "building: this tree and $before" >&2
(cd "$repo" && go build -o "$tmp/smhbin" . && go build -o "$tmp/after" ./bench/loadrss)
unpack "$before"
# The loader only needs bindata.New, Reserve, Add and Len, which older
# trees have too: build this tree's loader against theirs.
mkdir -p "$tmp/src/bench/loadrss"
cp "$repo/bench/loadrss/main.go" "$tmp/src/bench/loadrss/"
(cd "$tmp/src" && go build -o "$tmp/before" ./bench/loadrss)

start_emulator "$tmp/smhbin" --items "$items"

for r in $(seq "$rounds"); do
	echo "round $r of $rounds" >&2
	printf '%-8s %-18s ' "$items" "before ($before)"
	"$tmp/before"
	printf '%-8s %-18s ' "$items" "after (this tree)"
	"$tmp/after"
done
