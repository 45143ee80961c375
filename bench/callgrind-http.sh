#!/bin/bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Instructions per REST request, independent of the machine's load: the server runs under callgrind, a
# count-based client (bench/callgrind/drive.py, one keep-alive connection) sends GETs of one sensor, single
# POST /readings and batches, with one WebSocket subscriber on `readings` that answers pings
# (bench/callgrind/wsdrain.py); the counters are zeroed before and dumped after each phase.
#   bench/callgrind-http.sh [LABEL [GETS POSTS BATCHES BATCHSIZE]]   (PULSO_BUILD_DIR, PULSO_BINARY as paths.sh)
# Prints "<label> <phase> n=N instructions=I per_request=I/N"; the profiles stay in /tmp/pulso-callgrind-<label>
# (callgrind_annotate --inclusive=yes <phase>.callgrind). The totals include the background checkpoint
# thread, whose share depends on wall time (subtract Database::startBackgroundCheckpoints' inclusive cost).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
here="$root/bench/callgrind"
LABEL=${1:-run}; G=${2:-1000}; P=${3:-500}; B=${4:-10}; BS=${5:-100}
OUT=/tmp/pulso-callgrind-$LABEL; rm -rf "$OUT"; mkdir -p "$OUT"
valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.%p.out" --dump-instr=no "$pulso" --headless --port 0 \
    --bind 127.0.0.1 --database "$OUT/db.sqlite" >"$OUT/stdout" 2>"$OUT/stderr" &
VPID=$!
trap 'kill $WPID 2>/dev/null || true; kill $VPID 2>/dev/null || true; wait $VPID 2>/dev/null || true' EXIT
WPID=
for _ in $(seq 1 120); do grep -q "listening on" "$OUT/stdout" 2>/dev/null && break; sleep 0.5; done
PORT=$(grep -o 'http://[^ ]*:[0-9]*' "$OUT/stdout" | grep -o '[0-9]*$')
SID=$(python3 "$here/drive.py" "$PORT" setup)
export SID
python3 "$here/wsdrain.py" "$PORT" & WPID=$!
sleep 1
# warm-up: statements prepared, caches filled
python3 "$here/drive.py" "$PORT" get 50; python3 "$here/drive.py" "$PORT" post 50
python3 "$here/drive.py" "$PORT" batch 2 "$BS"
for phase in get post batch; do
    case $phase in get) N=$G ;; post) N=$P ;; batch) N=$B ;; esac
    callgrind_control -z $VPID >/dev/null
    python3 "$here/drive.py" "$PORT" $phase "$N" "$BS"
    callgrind_control -d $phase $VPID >/dev/null
    sleep 0.5
    F=$(ls -t "$OUT"/cg.*.out.* | head -1)
    IR=$(grep -m1 '^summary:' "$F" | awk '{print $2}')
    [ -z "$IR" ] && IR=$(grep -m1 '^totals:' "$F" | awk '{print $2}')
    echo "$LABEL $phase n=$N instructions=$IR per_request=$((IR / N))"
    mv "$F" "$OUT/$phase.callgrind"
done
