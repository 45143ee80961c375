#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6, slow consumers: the same fixed-rate fan-out without and with one stalled client (connects,
# subscribes, never reads), each against a fresh `pulso --headless` (CPU 0; bench on CPU 1), alternating
# RUNS times; the others' p99 with and without, their ratio (target <= 1.5) and the server's RSS over the run.
#
#   bench/slow-consumer.sh                          # $PULSO_BUILD_DIR or ./build
#   RATE=50 SECONDS_PER_RUN=90 EVENT_SIZE=300 RUNS=2 PULSO_BENCH_NICE=-10 bench/slow-consumer.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
rate="${RATE:-50}"
seconds="${SECONDS_PER_RUN:-90}"
size="${EVENT_SIZE:-300}"
runs="${RUNS:-2}"
subscribers="${SUBSCRIBERS:-1000}"
out="${OUT:-$root/bench/results/slow-consumer-$(date -u +%Y%m%d-%H%M)}"

if [ -n "${PULSO_BENCH_NICE:-}" ] && [ -z "${PULSO_BENCH_IN_GROUP:-}" ]; then
    export PULSO_BENCH_IN_GROUP=1
    exec setsid bash -c 'echo "$PULSO_BENCH_NICE" > /proc/self/autogroup 2>/dev/null || true; exec "$@"' \
        slow-consumer "$0" "$@"
fi
for f in "$bench" "$pulso"; do
    [ -x "$f" ] || { echo "slow-consumer: $f not found; build first" >&2; exit 2; }
done
mkdir -p "$out"
pins=()
prefix=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    pins=(--server-cpu 0 --cpu 1)
    prefix=(taskset -c 1)
fi

p99_of() { sed -n 's/.*latency ms .* p99 \([0-9.]*\) .*/\1/p' "$1" | head -1; }
{
    echo "slow consumer: $subscribers subscribers, $rate events/s of ~$size bytes for $seconds s, $runs pairs"
    echo "scheduling: $(cat /proc/self/autogroup 2>/dev/null); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"
} | tee "$out/summary.txt"
for run in $(seq "$runs"); do
    for stalled in 0 1; do
        file="$out/run$run-stalled$stalled.txt"
        echo "== run $run, stalled $stalled: $(uptime)" | tee -a "$out/summary.txt"
        "${prefix[@]}" "$bench" fanout --spawn "$pulso" "${pins[@]}" --subscribers "$subscribers" \
            --rate "$rate" --duration "$seconds" --event-size "$size" --stalled "$stalled" >"$file" || true
        grep -h "latency ms\|lost deliveries\|cpu   \|server RSS  \|stalled client" "$file" | tee -a "$out/summary.txt"
    done
    without="$(p99_of "$out/run$run-stalled0.txt")"
    with="$(p99_of "$out/run$run-stalled1.txt")"
    echo "run $run: p99 without $without ms, with $with ms, ratio $(awk -v a="$with" -v b="$without" \
        'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }') (target <= 1.5)" | tee -a "$out/summary.txt"
done
