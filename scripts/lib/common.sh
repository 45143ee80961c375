#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by scripts/run and scripts/test: install what is missing (Debian 12), configure, build.
set -euo pipefail

PULSO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PULSO_BUILD_DIR="${PULSO_BUILD_DIR:-$PULSO_ROOT/build}"

# Debian packages needed to build and run Pulso.
PULSO_BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev
    qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
    libqt6sql6-sqlite libsqlite3-dev libgl-dev qt6-charts-dev
    dpkg-dev # cpack -G DEB (dpkg-shlibdeps)
)
# Extra packages the tests use (real clients, display-less GUI runs).
PULSO_TEST_PACKAGES=(
    python3 python3-websockets
    desktop-file-utils appstream systemd file groff-base man-db # the package checks (tests/packaging)
    chromium nodejs # the web client's browser test (tests/web); npm: see scripts/test
    clang libclang-rt-14-dev # libFuzzer targets (tests/fuzz, scripts/fuzz)
)

pulso_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

pulso_sudo() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# pulso_install_packages PKG...: apt-get installs only the ones not installed yet.
pulso_install_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing packages (${missing[*]}) and no apt-get: install them by hand (see README.md)." >&2
        return 1
    fi
    pulso_log "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Refresh the package lists once if they are missing or the first attempt fails.
    if ! pulso_sudo apt-get install -y -q --no-install-recommends "${missing[@]}"; then
        pulso_sudo apt-get update -q
        pulso_sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

pulso_configure() {
    if [ ! -f "$PULSO_BUILD_DIR/build.ninja" ]; then
        pulso_log "Configuring in $PULSO_BUILD_DIR"
        cmake -S "$PULSO_ROOT" -B "$PULSO_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    fi
}

pulso_build() {
    pulso_log "Building"
    cmake --build "$PULSO_BUILD_DIR" --parallel "$(nproc)"
}
