#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package, tested as an administrator uses it. One subcommand per ctest test:
#   build     cpack -G DEB into $PULSO_PKG_DIR (the fixture of the two others)
#   contents  control fields and Depends, file list, no build paths, validated desktop file, AppStream
#             metainfo, man page and unit; the extracted binary's --version, and --help against the man page
#   install   as root with apt-get: install it on this machine, run the unit's command line as the pulso
#             user, a WebSocket round trip, purge, nothing left behind. Exit 77 (skipped) when not root.
# Environment (set by tests/packaging/CMakeLists.txt): PULSO_PKG_DIR, PULSO_VERSION, PULSO_SOURCE_DIR,
# PULSO_BUILD_DIR, PULSO_CPACK, PULSO_WITH_GUI (ON/OFF).
# PULSO_SKIP_SYSTEM_INSTALL=1 skips the install test on a machine you care about.
set -euo pipefail

: "${PULSO_PKG_DIR:?}" "${PULSO_VERSION:?}" "${PULSO_SOURCE_DIR:?}" "${PULSO_BUILD_DIR:?}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SKIP=77

# What the package must depend on: the shared libraries (found by dpkg-shlibdeps) and the extras listed in
# packaging/CMakeLists.txt. Add a package here when the program starts needing it.
EXPECTED_DEPENDS=(
    libc6 libstdc++6
    libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libqt6httpserver6
    adduser
)
ICON_SIZES=(16 22 24 32 48 64 128 256 512)
EXPECTED_FILES=(
    ./usr/bin/pulso
    ./usr/share/man/man1/pulso.1.gz
    ./usr/share/doc/pulso/copyright
    ./usr/share/doc/pulso/changelog.gz
    ./usr/lib/systemd/system/pulso.service
    ./etc/default/pulso
)
DESKTOP_FILES=(
    ./usr/share/applications/pulso.desktop
    ./usr/share/metainfo/invalid.example.pulso.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/pulso.svg
)
for size in "${ICON_SIZES[@]}"; do
    DESKTOP_FILES+=("./usr/share/icons/hicolor/${size}x${size}/apps/pulso.png")
done
# The console (and with it the desktop integration) can be left out of a build: -DPULSO_BUILD_GUI=OFF.
WITH_GUI="${PULSO_WITH_GUI:-ON}"
if [ "$WITH_GUI" = ON ]; then
    EXPECTED_DEPENDS+=(libqt6gui6 libqt6widgets6)
    EXPECTED_FILES+=("${DESKTOP_FILES[@]}")
fi

failures=0
bad() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
note() { echo "-- $*"; }
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}

find_deb() {
    local debs=()
    mapfile -t debs < <(find "$PULSO_PKG_DIR" -maxdepth 1 -name "pulso_${PULSO_VERSION}_*.deb")
    if [ "${#debs[@]}" -ne 1 ]; then
        echo "FAIL: expected one pulso_${PULSO_VERSION}_*.deb in $PULSO_PKG_DIR, found ${#debs[@]}" >&2
        exit 1
    fi
    DEB="${debs[0]}"
}

cmd_build() {
    : "${PULSO_CPACK:?}"
    rm -rf "$PULSO_PKG_DIR"
    mkdir -p "$PULSO_PKG_DIR"
    "$PULSO_CPACK" --config "$PULSO_BUILD_DIR/CPackConfig.cmake" -G DEB -B "$PULSO_PKG_DIR"
    find_deb
    note "built $DEB ($(stat -c %s "$DEB") bytes)"
}

# check_unit UNIT_FILE [systemd-analyze options]: fails on any complaint (verify exits 0 on unknown keys).
check_unit() {
    local unit="$1"
    shift
    if ! command -v systemd-analyze >/dev/null; then
        note "systemd-analyze not installed: unit not verified"
        return
    fi
    local out
    out="$(systemd-analyze verify "$@" "$unit" 2>&1)" || bad "systemd-analyze verify failed: $out"
    [ -z "$out" ] || bad "systemd-analyze verify complained: $out"
}

cmd_contents() {
    find_deb
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT

    # Control fields.
    local field
    [ "$(dpkg-deb -f "$DEB" Package)" = pulso ] || bad "Package is not pulso"
    [ "$(dpkg-deb -f "$DEB" Version)" = "$PULSO_VERSION" ] || bad "Version is not $PULSO_VERSION"
    [ "$(dpkg-deb -f "$DEB" Architecture)" = "$(dpkg --print-architecture)" ] || bad "wrong Architecture"
    for field in Maintainer Description Section Homepage; do
        [ -n "$(dpkg-deb -f "$DEB" "$field")" ] || bad "no $field field"
    done
    local depends dep
    depends="$(dpkg-deb -f "$DEB" Depends)"
    note "Depends: $depends"
    for dep in "${EXPECTED_DEPENDS[@]}"; do
        # Each entry is "name" or "name (>= version)", separated by commas.
        grep -Eq "(^|, )${dep//+/\\+}( \(|,|$)" <<<"$depends" || bad "Depends lacks $dep"
    done

    # Maintainer scripts and conffiles.
    dpkg-deb -e "$DEB" "$WORK/control"
    grep -qx /etc/default/pulso "$WORK/control/conffiles" || bad "/etc/default/pulso is not a conffile"
    local script
    for script in postinst prerm postrm; do
        [ -x "$WORK/control/$script" ] || bad "$script missing or not executable"
        sh -n "$WORK/control/$script" || bad "$script is not valid sh"
    done

    # File list: every expected file, nothing outside /usr and /etc, all owned by root.
    dpkg-deb --fsys-tarfile "$DEB" | tar -tvf - >"$WORK/list"
    local path
    for path in "${EXPECTED_FILES[@]}"; do
        grep -q " ${path}$" "$WORK/list" || bad "missing $path"
    done
    awk '{print $6}' "$WORK/list" | grep -Ev '^\./$|^\./(usr|etc)/' && bad "files outside /usr and /etc"
    awk '$2 != "root/root"' "$WORK/list" | grep . && bad "files not owned by root"
    grep -q '^-rw------- .* \./etc/default/pulso$' "$WORK/list" || bad "/etc/default/pulso is not mode 0600"

    # The payload, extracted as dpkg would install it.
    local root="$WORK/root"
    dpkg-deb -x "$DEB" "$root"
    local dir hits
    for dir in "$PULSO_SOURCE_DIR" "$PULSO_BUILD_DIR"; do
        hits="$(grep -rlF --binary-files=text -- "$dir" "$root" || true)"
        [ -z "$hits" ] || bad "build path $dir inside: $hits"
    done
    local bin="$root/usr/bin/pulso"
    if command -v readelf >/dev/null; then
        readelf -d "$bin" | grep -E 'RPATH|RUNPATH' && bad "the binary has an RPATH/RUNPATH"
    fi
    if command -v file >/dev/null; then
        file -b "$bin" | grep -q 'not stripped' && bad "the binary is not stripped"
    else
        note "file not installed: stripping not checked"
    fi

    # The extracted program runs (against the system's Qt) and says its version.
    local version
    version="$("$bin" --version)" || bad "extracted pulso --version failed"
    [ "$version" = "pulso $PULSO_VERSION" ] || bad "--version printed '$version'"
    note "$version"

    # Man page: every option of --help is documented, and groff has nothing to say about it.
    local help man opt
    help="$("$bin" --help)"
    man="$(gzip -dc "$root/usr/share/man/man1/pulso.1.gz")"
    grep -q "^\.TH PULSO 1 .*\"pulso $PULSO_VERSION\"" <<<"$man" || bad "man page .TH lacks version $PULSO_VERSION"
    while read -r opt; do
        grep -qF -- "${opt//-/\\-}" <<<"$man" || bad "man page does not document $opt"
    done < <(grep -oE -- '--[a-z][a-z-]*' <<<"$help" | sort -u)
    if command -v groff >/dev/null; then
        local warnings
        warnings="$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z <<<"$man" 2>&1)"
        [ -z "$warnings" ] || bad "groff warnings on the man page: $warnings"
    fi

    # Desktop file and AppStream metainfo, icon sizes.
    if [ "$WITH_GUI" = ON ]; then
        local desktop="$root/usr/share/applications/pulso.desktop"
        grep -qx 'Exec=pulso' "$desktop" || bad "desktop file: Exec is not pulso"
        grep -qx 'Icon=pulso' "$desktop" || bad "desktop file: Icon is not pulso"
        if command -v desktop-file-validate >/dev/null; then
            desktop-file-validate "$desktop" || bad "desktop-file-validate"
        else
            note "desktop-file-validate not installed (desktop-file-utils): desktop file not validated"
        fi
        local metainfo="$root/usr/share/metainfo/invalid.example.pulso.metainfo.xml"
        grep -q "<release version=\"$PULSO_VERSION\"" "$metainfo" || bad "metainfo lacks release $PULSO_VERSION"
        if command -v appstreamcli >/dev/null; then
            appstreamcli validate --no-net "$metainfo" || bad "appstreamcli validate"
        else
            note "appstreamcli not installed (appstream): metainfo not validated"
        fi
        if command -v file >/dev/null; then
            for size in "${ICON_SIZES[@]}"; do
                file -b "$root/usr/share/icons/hicolor/${size}x${size}/apps/pulso.png" \
                    | grep -q "PNG image data, $size x $size," || bad "icon ${size}x${size} has the wrong size"
            done
        fi
    else
        [ ! -e "$root/usr/share/applications/pulso.desktop" ] || bad "a menu entry without the console"
    fi

    # Debian's own checks. /etc/default/pulso is 0600 on purpose: it may hold the token.
    if command -v lintian >/dev/null; then
        lintian --fail-on error,warning --suppress-tags non-standard-file-perm "$DEB" \
            || bad "lintian found errors or warnings"
    else
        note "lintian not installed: Debian policy not checked"
    fi

    # The unit, with ExecStart pointed at the extracted program (verify checks that it exists).
    sed "s|/usr/bin/pulso|$bin|" "$root/usr/lib/systemd/system/pulso.service" >"$WORK/pulso.service"
    check_unit "$WORK/pulso.service" --man=no
    finish
}

# --- install: the package on this machine ----------------------------------------------------------------

SERVER_PID=""
INSTALLED=""
cleanup_install() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$INSTALLED" ] && dpkg-query -W -f='${Status}' pulso 2>/dev/null | grep -qv 'not-installed'; then
        echo "cleanup: purging pulso" >&2
        apt-get purge -y -q -o DPkg::Lock::Timeout=300 pulso >/dev/null 2>&1 || dpkg --purge pulso || true
    fi
    [ -z "${WORK:-}" ] || rm -rf "$WORK"
}

apt_get() {
    DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 "$@"
}

cmd_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "SKIP: installing the package needs root (CI runs as root)"
        exit "$SKIP"
    fi
    if ! command -v apt-get >/dev/null; then
        echo "SKIP: no apt-get on this machine"
        exit "$SKIP"
    fi
    if [ "${PULSO_SKIP_SYSTEM_INSTALL:-0}" = 1 ]; then
        echo "SKIP: PULSO_SKIP_SYSTEM_INSTALL=1"
        exit "$SKIP"
    fi
    if dpkg-query -W -f='${Status}' pulso 2>/dev/null | grep -qv 'not-installed' \
        || getent passwd pulso >/dev/null || [ -e /var/lib/pulso ] || [ -e /usr/bin/pulso ]; then
        echo "SKIP: a pulso package, user, /var/lib/pulso or /usr/bin/pulso is already on this machine; not touching it"
        exit "$SKIP"
    fi
    find_deb
    WORK="$(mktemp -d)"
    trap cleanup_install EXIT

    INSTALLED=1
    apt_get install --no-install-recommends "$DEB"
    dpkg-query -W -f='${Status}' pulso | grep -q 'install ok installed' || bad "dpkg does not list pulso as installed"
    [ "$(command -v pulso)" = /usr/bin/pulso ] || bad "pulso is not /usr/bin/pulso on PATH"
    local version
    version="$(pulso --version)" || bad "pulso --version failed"
    [ "$version" = "pulso $PULSO_VERSION" ] || bad "pulso --version printed '$version'"
    note "installed: $version"

    # postinst: a system user with no login and no home of its own; the unit is installed, not enabled.
    local entry uid shell
    entry="$(getent passwd pulso)" || bad "postinst did not create the pulso user"
    uid="$(cut -d: -f3 <<<"$entry")"
    shell="$(cut -d: -f7 <<<"$entry")"
    [ "${uid:-1000}" -lt 1000 ] || bad "pulso is not a system user (uid $uid)"
    [[ "$shell" == */nologin || "$shell" == */false ]] || bad "pulso has a login shell ($shell)"
    getent group pulso >/dev/null || bad "no pulso group"
    [ "$(stat -c '%a %U' /etc/default/pulso)" = "600 root" ] || bad "/etc/default/pulso is not 0600 root"
    ls /etc/systemd/system/*.wants/pulso.service 2>/dev/null && bad "pulso.service is enabled"
    local unit=/usr/lib/systemd/system/pulso.service
    [ -f "$unit" ] || bad "no $unit"
    if command -v man >/dev/null && man -w pulso >/dev/null 2>&1; then
        check_unit "$unit"
    else
        check_unit "$unit" --man=no
    fi

    # Run what the unit runs, as systemd would: /var/lib/pulso made by StateDirectory=, the variables from
    # Environment= and /etc/default/pulso, then ExecStart as the pulso user. Port 0 and the loopback
    # address keep the test off the network; the program prints the port it got.
    install -d -o pulso -g pulso -m 0750 /var/lib/pulso
    local exec_line
    exec_line="$(sed -n 's/^ExecStart=//p' "$unit")"
    [ -n "$exec_line" ] || bad "no ExecStart in the unit"
    local -a command
    (
        set -a
        while read -r assignments; do
            eval "$assignments"
        done < <(sed -n 's/^Environment=//p' "$unit")
        # shellcheck disable=SC1091
        . /etc/default/pulso
        # shellcheck disable=SC2034 # used by the eval below
        PULSO_PORT=0 PULSO_BIND=127.0.0.1
        set +a
        eval "set -- $exec_line"
        printf '%s\n' "$@"
    ) >"$WORK/argv"
    mapfile -t command <"$WORK/argv"
    note "ExecStart expands to: ${command[*]}"
    setpriv --reuid=pulso --regid=pulso --init-groups -- \
        env -i PATH=/usr/bin:/bin PULSO_TOKEN=packaging-test QT_ENABLE_REGEXP_JIT=0 "${command[@]}" \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    local port=""
    for _ in $(seq 200); do
        port="$(sed -n 's|^pulso: listening on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$WORK/server.log")"
        [ -n "$port" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        cat "$WORK/server.log" >&2
        bad "the server did not start"
        finish
    fi
    note "server pid $SERVER_PID on port $port"
    /usr/bin/python3 "$HERE/ws_roundtrip.py" --port "$port" || bad "WebSocket round trip"
    [ "$(stat -c %U /var/lib/pulso/pulso.db 2>/dev/null)" = pulso ] || bad "no /var/lib/pulso/pulso.db owned by pulso"
    kill -TERM "$SERVER_PID"
    local code=0
    wait "$SERVER_PID" || code=$?
    SERVER_PID=""
    [ "$code" -eq 0 ] || bad "the server exited with $code after SIGTERM"
    sed 's/^/   server: /' "$WORK/server.log"

    # Purge: nothing of the package, its user or its data is left.
    dpkg-query -L pulso | sort >"$WORK/files"
    apt_get purge pulso
    INSTALLED=""
    dpkg-query -W -f='${Status}' pulso 2>/dev/null | grep -qv 'not-installed' && bad "dpkg still knows pulso"
    dpkg -L pulso >/dev/null 2>&1 && bad "dpkg -L pulso still lists files"
    local f left=""
    while read -r f; do
        [ -f "$f" ] && left="$left $f"
    done <"$WORK/files"
    [ -z "$left" ] || bad "files left after purge:$left"
    for f in /usr/bin/pulso /etc/default/pulso /var/lib/pulso /usr/lib/systemd/system/pulso.service; do
        [ ! -e "$f" ] || bad "$f left after purge"
    done
    getent passwd pulso >/dev/null && bad "the pulso user is left after purge"
    getent group pulso >/dev/null && bad "the pulso group is left after purge"
    note "purged"
    finish
}

case "${1:-}" in
build) cmd_build ;;
contents) cmd_contents ;;
install) cmd_install ;;
*)
    echo "usage: $0 build|contents|install" >&2
    exit 2
    ;;
esac
