#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the standard benchmark set of issue 8 and prints the table against the targets:
# starts `pulso --headless` on a free port with a temporary database pinned to CPU 0, runs pulso-bench
# pinned to CPU 1, stops the server. Extra arguments go to pulso-bench (e.g. --server-env QT_NO_GLIB=1).
#
#   bench/run-standard.sh                       # uses $PULSO_BUILD_DIR or ./build
#   PULSO_BUILD_DIR=build-bench bench/run-standard.sh --quick
#   PULSO_BINARY=/path/to/other/pulso PULSO_BENCH_WAIT_IDLE=0.3 bench/run-standard.sh --server-env QT_NO_GLIB=1
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
for f in "$bench" "$pulso"; do
    if [ ! -x "$f" ]; then
        echo "run-standard: $f not found; build first (cmake --build $build)" >&2
        exit 2
    fi
done

# PULSO_BENCH_NICE=-10 (needs CAP_SYS_NICE): on a shared machine, run the bench and the server it spawns in a
# session of their own (a scheduler autogroup) at that nice value, so that builds in other sessions cannot take
# most of CPU 0 from the server (with autogroups, a plain `nice` only counts inside one's own session). It takes
# CPU from that other work for the length of the run, and it changes the conditions: say so next to the figures.
prefix=()
if [ -n "${PULSO_BENCH_NICE:-}" ] && [ -z "${PULSO_BENCH_IN_GROUP:-}" ]; then
    echo "run-standard: bench and server in their own scheduling group at nice $PULSO_BENCH_NICE"
    export PULSO_BENCH_IN_GROUP=1
    exec setsid bash -c 'echo "$PULSO_BENCH_NICE" > /proc/self/autogroup 2>/dev/null || true; exec "$@"' \
        run-standard "$0" "$@"
fi
if [ -n "${PULSO_BENCH_NICE:-}" ]; then
    prefix=(nice -n "$PULSO_BENCH_NICE")
    echo "run-standard: $(cat /proc/self/autogroup 2>/dev/null)"
fi

# 15,000 subscribers need 15,000 descriptors in the bench and in the server; the server inherits the bench's
# limit (pulso-bench raises its soft limit to the hard one, or to --nofile when allowed).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 15100 ]; then
    echo "run-standard: warning: open-file limit $(ulimit -n) is below 15,100; the ramp cannot reach 15,000" >&2
fi

# busy_cores SECONDS: cores kept busy by everything on the machine over the next SECONDS seconds.
busy_cores() {
    local a b
    a=($(head -1 /proc/stat)); sleep "$1"; b=($(head -1 /proc/stat))
    local busy=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) ))
    awk -v j="$busy" -v hz="$(getconf CLK_TCK)" -v s="$1" 'BEGIN { printf "%.2f", j / hz / s }'
}

# PULSO_BENCH_WAIT_IDLE=0.3: first wait (up to 30 minutes) until the machine is quieter than 0.3 busy cores.
if [ -n "${PULSO_BENCH_WAIT_IDLE:-}" ]; then
    for _ in $(seq 180); do
        busy="$(busy_cores 10)"
        awk -v b="$busy" -v m="$PULSO_BENCH_WAIT_IDLE" 'BEGIN { exit !(b < m) }' && break
        echo "run-standard: machine busy ($busy cores), waiting for < $PULSO_BENCH_WAIT_IDLE" >&2
    done
fi

load="$(cut -d' ' -f1 /proc/loadavg)"
echo "run-standard: load average $load before the run (other work on this machine skews the figures)"

if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    # The server is pinned to CPU 0 by pulso-bench itself (sched_setaffinity in the child, like taskset -c 0).
    exec "${prefix[@]}" taskset -c 1 "$bench" standard --spawn "$pulso" --server-cpu 0 --cpu 1 "$@"
fi
echo "run-standard: fewer than 2 CPUs (or no taskset): running unpinned, figures are not comparable" >&2
exec "${prefix[@]}" "$bench" standard --spawn "$pulso" --server-cpu -1 --cpu -1 "$@"
