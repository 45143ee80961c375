# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the bench scripts: where the repository, the build, the bench and the server are.
#   PULSO_BUILD_DIR  the build directory (default ./build; relative paths are taken from the repository root)
#   PULSO_BINARY     measure another build of the server
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PULSO_BUILD_DIR:-$root/build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
bench="$build/bench/pulso-bench"
pulso="${PULSO_BINARY:-$build/app/pulso}"
