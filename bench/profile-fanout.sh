#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Profiles the server's fan-out path: starts `pulso --headless` on CPU 0, connects the subscribers, then
# records only the broadcast phase (perf, CPU-clock sampling: this VM has no hardware counters) or runs the
# whole server under callgrind, and prints where the CPU went.
#
#   bench/profile-fanout.sh [subscribers=1000] [events=200]            # perf, DWARF call graphs
#   MODE=callgrind bench/profile-fanout.sh 1000 100                    # instruction counts (slow)
#   PULSO_BINARY=/other/pulso SERVER_ENV="QT_NO_GLIB=1" bench/profile-fanout.sh
# Output goes to $OUT (default a new directory under /tmp); open it with `perf report -i $OUT/perf.data`
# or `callgrind_annotate --inclusive=yes $OUT/callgrind.out`. Needs linux-perf or valgrind (Debian).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
subscribers="${1:-1000}"
events="${2:-200}"
mode="${MODE:-perf}"
out="${OUT:-$(mktemp -d /tmp/pulso-profile.XXXXXX)}"
mkdir -p "$out"

server_env=(env ${SERVER_ENV:-})
case "$mode" in
perf) runner=() ;;
callgrind) runner=(valgrind --tool=callgrind "--callgrind-out-file=$out/callgrind.out") ;;
*) echo "profile-fanout: MODE is perf or callgrind" >&2; exit 2 ;;
esac

"${server_env[@]}" taskset -c 0 "${runner[@]}" "$pulso" --headless --port 0 --bind 127.0.0.1 \
    --database "$out/bench.db" > "$out/server.out" 2> "$out/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 300); do
    grep -q 'listening on' "$out/server.out" 2>/dev/null && break
    sleep 0.1
done
port="$(sed -n 's/.*listening on http:\/\/[^ ]*:\([0-9]*\) .*/\1/p' "$out/server.out" | head -1)"
[ -n "$port" ] || { echo "profile-fanout: the server did not start; see $out/server.log" >&2; exit 1; }
echo "server pid $server, port $port, output in $out"

if [ "$mode" = perf ]; then
    # A short warm-up run first, so connection set-up is not in the profile.
    "$bench" fanout --port "$port" --server-pid "$server" --subscribers "$subscribers" --events 5 --cpu 1 >/dev/null
    perf record -e cpu-clock -F 999 --call-graph dwarf,16384 -o "$out/perf.data" -p "$server" \
        > "$out/perf-record.log" 2>&1 &
    recorder=$!
    sleep 1
fi
"$bench" fanout --port "$port" --server-pid "$server" --subscribers "$subscribers" --events "$events" --cpu 1 \
    | tee "$out/bench.txt"
if [ "$mode" = perf ]; then
    kill -INT "$recorder"
    wait "$recorder" || true
fi
kill "$server"
wait "$server" || true
trap - EXIT

if [ "$mode" = perf ]; then
    echo "== by library"
    perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12
    echo "== by function, including callees"
    perf report -i "$out/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -v '^#' \
        | grep -v '^$' | grep -v ' 0x0000' | head -45
else
    callgrind_annotate --inclusive=yes "$out/callgrind.out" 2>/dev/null | head -80
fi
