#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Pulso authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders pulso.svg into the committed raster icons: hicolor PNGs (Linux), pulso.ico (Windows installer and
# executable), pulso.icns (macOS bundle). Run it after editing pulso.svg and commit the results; the build does
# not need these tools. Debian packages: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

SIZES=(16 22 24 32 48 64 128 256 512)
for size in "${SIZES[@]}"; do
    dir="hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert --width "$size" --height "$size" pulso.svg --output "$dir/pulso.png"
done

# -strip keeps the files reproducible (no timestamps in PNG/ICO chunks).
convert -strip hicolor/{16x16,24x24,32x32,48x48,64x64,128x128,256x256}/apps/pulso.png pulso.ico
png2icns pulso.icns hicolor/{16x16,32x32,48x48,128x128,256x256,512x512}/apps/pulso.png >/dev/null
