#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 4, "the console must not slow the server": the same fan-out run against `pulso --headless` and against
# the console (`pulso --page events` under Xvfb, window shown, Event log page visible), their ratio, and the GUI
# thread's event-loop lag (ui/lagprobe.*) while a fixed rate of events flows, with a screenshot of the window.
# As in run-standard.sh, the server process (headless, or the whole console) is pinned to CPU 0 and the bench to
# CPU 1 when there are two CPUs; Xvfb is not pinned.
#
#   bench/console-vs-headless.sh                   # $PULSO_BUILD_DIR or ./build; results in bench/results/console-*
#   SUBSCRIBERS=1000 EVENTS=2000 RATE=5000 RATE_SUBSCRIBERS=10 RATE_SECONDS=20 bench/console-vs-headless.sh
#   PULSO_PIN=0 bench/console-vs-headless.sh       # no pinning
#   PULSO_BENCH_NICE=-10 bench/console-vs-headless.sh   # shared machine: own scheduling group (see run-standard.sh)
#   PHASES="lag" LAG_LOAD=test-events bench/console-vs-headless.sh   # only the lag run, driven by test events
#
# The lag run's events are readings (pulso-bench soak: RATE readings/s in a batch every 20 ms, RATE_SUBSCRIBERS
# clients each filtered to one sensor), because POST /api/v1/ws/test-event, one event per request, does not
# reach 5,000/s on the 2-vCPU machine this was written on (2,601/s headless, see docs/PERFORMANCE.md);
# LAG_LOAD=test-events uses fanout --rate instead.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
subscribers="${SUBSCRIBERS:-1000}"
events="${EVENTS:-2000}"
rate="${RATE:-5000}"
rate_subscribers="${RATE_SUBSCRIBERS:-10}"
rate_seconds="${RATE_SECONDS:-20}"
# Named once, here, to the second, and exported: the script calls itself inside xvfb-run for each phase, and a
# name computed again there landed in another minute's directory when a run crossed a minute boundary.
out="${OUT:-$root/bench/results/console-$(date -u +%Y%m%d-%H%M%S)}"
export OUT="$out"

# --- inside Xvfb: start the console, run the bench against it, take a screenshot, stop it -----------------
if [ "${1:-}" = --inside-xvfb ]; then
    shift
    mode="$1" # throughput | lag
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    # Fresh settings (auto-start on, no saved port or page) and a temporary database.
    export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
    export PULSO_LAG_PROBE=5 PULSO_LAG_PROBE_FILE="$out/lag-$mode.txt"
    pin_server=()
    [ -n "$PIN_SERVER" ] && pin_server=(taskset -c "$PIN_SERVER")
    "${pin_server[@]}" "$pulso" --port 0 --bind 127.0.0.1 --database "$work/console.db" --page events \
        >"$work/stdout" 2>"$out/console-$mode.log" &
    console=$!
    port=""
    for _ in $(seq 100); do
        port="$(sed -n 's/.*listening on http:\/\/[^ ]*:\([0-9]*\) .*/\1/p' "$work/stdout" | head -1)"
        [ -n "$port" ] && break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        echo "console-vs-headless: the console did not report a port" >&2
        kill "$console" 2>/dev/null || true
        exit 3
    fi
    sleep 2 # the window is mapped and painted before the clock starts
    if [ "$mode" = throughput ]; then
        args=(fanout --port "$port" --server-pid "$console" --subscribers "$subscribers" --events "$events")
    elif [ "${LAG_LOAD:-readings}" = test-events ]; then
        args=(fanout --port "$port" --server-pid "$console" --subscribers "$rate_subscribers" --rate "$rate"
            --duration "$rate_seconds" --inflight 16)
    else
        args=(soak --port "$port" --server-pid "$console" --subscribers "$rate_subscribers"
            --sensors "$rate_subscribers" --rate "$rate" --duration "$rate_seconds" --sample-seconds 5 --warmup 0)
    fi
    # Screenshots while events flow: half-way through the run (the lag run's duration is known; the
    # throughput run takes a few seconds after its subscribers connected).
    (
        sleep "$([ "$mode" = lag ] && echo $((rate_seconds / 2 + 1)) || echo 6)"
        import -window root "$out/screenshot-$mode.png" 2>/dev/null || echo "import failed" >&2
    ) &
    shot=$!
    date +%s%3N >"$out/lag-$mode.start"
    set +e
    bench_prefix=()
    if [ -n "$PIN_BENCH" ]; then
        bench_prefix=(taskset -c "$PIN_BENCH")
        args+=(--cpu "$PIN_BENCH")
    fi
    "${bench_prefix[@]}" "$bench" "${args[@]}" | tee "$out/fanout-console-$mode.txt"
    status=${PIPESTATUS[0]}
    set -e
    date +%s%3N >"$out/lag-$mode.end"
    wait "$shot" || true
    kill -TERM "$console" 2>/dev/null || true
    wait "$console" || true
    exit "$status"
fi

# --- outside --------------------------------------------------------------------------------------------
# PULSO_BENCH_NICE=-10: as in run-standard.sh, the whole run (bench, server or console, Xvfb) in a scheduling
# group of its own at that nice value, so builds in other sessions disturb it less; say so next to the figures.
if [ -n "${PULSO_BENCH_NICE:-}" ] && [ -z "${PULSO_BENCH_IN_GROUP:-}" ]; then
    export PULSO_BENCH_IN_GROUP=1
    exec setsid bash -c 'echo "$PULSO_BENCH_NICE" > /proc/self/autogroup 2>/dev/null || true; exec "$@"' \
        console-vs-headless "$0" "$@"
fi
for f in "$bench" "$pulso"; do
    [ -x "$f" ] || { echo "console-vs-headless: $f not found; build first" >&2; exit 2; }
done
for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "console-vs-headless: $tool not found (apt-get install xvfb imagemagick)" >&2; exit 2; }
done
mkdir -p "$out"
export out pulso bench subscribers events rate rate_subscribers rate_seconds
phases="${PHASES:-headless console lag}"
export PIN_SERVER="" PIN_BENCH=""
bench_prefix=()
if [ "${PULSO_PIN:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    PIN_SERVER=0
    PIN_BENCH=1
    bench_prefix=(taskset -c 1)
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# lag_summary FILE START_MS END_MS: p50/p99/max of the lag samples taken during the run.
lag_summary() {
    awk -v s="$2" -v e="$3" '$1 >= s && $1 <= e { print $2 }' "$1" | sort -g | awk '
        { v[NR] = $1 } END {
            if (NR == 0) { print "no samples"; exit }
            i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
            printf "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d ticks of 20 ms)", v[int((NR + 1) / 2)], v[i99], v[NR], NR }'
}
rate_of() { sed -n 's/.*: \([0-9]*\) deliveries\/s.*/\1/p' "$1" | head -1; }

{
    echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(uname -r)"
    if [ -n "$PIN_SERVER" ]; then
        echo "pinning: server process (headless, or the whole console) on CPU $PIN_SERVER, bench on CPU $PIN_BENCH, Xvfb unpinned"
    else
        echo "pinning: none"
    fi
    echo "scheduling: $(cat /proc/self/autogroup 2>/dev/null)"
    echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
} | tee "$out/summary.txt"

if [[ " $phases " == *" headless "* ]]; then
echo "== headless: fanout $subscribers subscribers x $events events, as fast as acknowledged; $(uptime)" | tee -a "$out/summary.txt"
pins=()
[ -n "$PIN_SERVER" ] && pins=(--server-cpu "$PIN_SERVER" --cpu "$PIN_BENCH")
"${bench_prefix[@]}" "$bench" fanout --spawn "$pulso" "${pins[@]}" \
    --subscribers "$subscribers" --events "$events" | tee "$out/fanout-headless.txt"
fi

if [[ " $phases " == *" console "* ]]; then
    echo "== console (--page events, Xvfb): the same fanout; $(uptime)" | tee -a "$out/summary.txt"
    xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside-xvfb throughput || echo "console-vs-headless: the throughput run failed (exit $?)" | tee -a "$out/summary.txt"
fi

if [[ " $phases " == *" lag "* ]]; then
    echo "== console: $rate events/s (${LAG_LOAD:-readings}) for $rate_seconds s to $rate_subscribers subscribers, lag probe on; $(uptime)" \
        | tee -a "$out/summary.txt"
    xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside-xvfb lag || echo "console-vs-headless: the lag run failed (exit $?)" | tee -a "$out/summary.txt"
fi

headless="$(rate_of "$out/fanout-headless.txt" 2>/dev/null || true)"
console="$(rate_of "$out/fanout-console-throughput.txt" 2>/dev/null || true)"
{
    echo
    [ -n "$headless$console" ] && echo "fan-out headless: ${headless:-?} deliveries/s; console: ${console:-?} deliveries/s;" \
        "ratio $(awk -v c="${console:-0}" -v h="${headless:-0}" 'BEGIN { if (h > 0) printf "%.1f%%", 100 * c / h; else print "?" }') (target >= 80%)"
    [ -f "$out/lag-lag.end" ] && echo "GUI lag during the $rate events/s run: $(lag_summary "$out/lag-lag.txt" "$(cat "$out/lag-lag.start")" "$(cat "$out/lag-lag.end")") (target < 50 ms)"
    [ -f "$out/lag-throughput.end" ] && echo "GUI lag during the console fanout run: $(lag_summary "$out/lag-throughput.txt" "$(cat "$out/lag-throughput.start")" "$(cat "$out/lag-throughput.end")")"
    [ -f "$out/fanout-console-lag.txt" ] && grep -h "events/s)\|readings/s  \|^soak totals\|lost " "$out/fanout-console-lag.txt" | sed 's/^/lag run: /'
    echo "screenshots: $out/screenshot-throughput.png $out/screenshot-lag.png"
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out/summary.txt"
