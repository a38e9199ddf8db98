# bench/harness.sh is sourced by the bench scripts. It sets repo (this
# tree) and tmp (a scratch directory removed on exit, with the emulator
# started here), and provides:
#
#   unpack REV                   the tree of revision REV, in $tmp/src
#   start_emulator SMHBIN ARG…   SMHBIN fake-server --addr 127.0.0.1:0 ARG…
#                                in the background, its SMH_* variables
#                                exported once it listens

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
server_pid=
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

unpack() {
	mkdir "$tmp/src"
	git -C "$repo" archive "$1" | tar -x -C "$tmp/src"
}

start_emulator() {
	local bin=$1
	shift
	# No user config may change the runs.
	export HOME=$tmp XDG_CONFIG_HOME=$tmp/config
	"$bin" fake-server --addr 127.0.0.1:0 "$@" >"$tmp/server.out" 2>/dev/null &
	server_pid=$!
	for _ in $(seq 1200); do # a million items take a while to seed
		grep -q '^export ' "$tmp/server.out" 2>/dev/null && break
		sleep 0.1
	done
	eval "$(grep '^export ' "$tmp/server.out")" # SMH_ENDPOINT, SMH_LIBRARY_ID, SMH_ACCESS_TOKEN (the emulator's fake token)
	[ -n "${SMH_ENDPOINT:-}" ] || { echo "the emulator did not start" >&2; exit 1; }
}
