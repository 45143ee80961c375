#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Pulso against pulso-minibroadcast (bench/reference/), the floor any server reaches on this machine, in
# alternating runs of the same pulso-bench fanout scenario: server pinned to CPU 0, bench to CPU 1, a fresh
# server each run. Prints each run's summary lines. Extra arguments go to every pulso-bench run.
#
#   bench/compare-reference.sh                                # 3 pairs of `fanout --rate 100 --duration 10`
#   PULSO_COMPARE_PAIRS=2 bench/compare-reference.sh --events 20000       # as fast as acknowledged
#   PULSO_BENCH_NICE=-10 PULSO_BUILD_DIR=build-ui bench/compare-reference.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
reference="$build/bench/pulso-minibroadcast"
for f in "$bench" "$pulso" "$reference"; do
    if [ ! -x "$f" ]; then
        echo "compare-reference: $f not found; build first (cmake --build $build)" >&2
        exit 2
    fi
done

# The same scheduling group as run-standard.sh (see there): PULSO_BENCH_NICE=-10 needs CAP_SYS_NICE.
if [ -n "${PULSO_BENCH_NICE:-}" ] && [ -z "${PULSO_BENCH_IN_GROUP:-}" ]; then
    export PULSO_BENCH_IN_GROUP=1
    exec setsid bash -c 'echo "$PULSO_BENCH_NICE" > /proc/self/autogroup 2>/dev/null || true; exec "$@"' \
        compare-reference "$0" "$@"
fi
prefix=()
[ -n "${PULSO_BENCH_NICE:-}" ] && prefix=(nice -n "$PULSO_BENCH_NICE")
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--rate 100 --duration 10)
pairs="${PULSO_COMPARE_PAIRS:-3}"
echo "compare-reference: $pairs pairs of: pulso-bench fanout ${args[*]} (server on CPU 0, bench on CPU 1)"
echo "compare-reference: rps_cpus of lo: $(cat /sys/class/net/lo/queues/rx-0/rps_cpus 2>/dev/null || echo n/a)," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$pairs"); do
    for server in "$pulso" "$reference"; do
        echo "== pair $i: $(basename "$server")"
        "${prefix[@]}" "$bench" fanout --spawn "$server" --server-cpu 0 --cpu 1 "${args[@]}" \
            | grep -E '^  (deliveries|latency|lost|cpu) ' || echo "   (run failed)"
    done
done
