#!/usr/bin/env bash
# Renders the app icon from its SVG sources into the PNGs and the .ico the app and the installer
# use. Run by hand after editing assets/icon.svg or assets/icon-16.svg; the outputs are committed.
# Needs Debian's librsvg2-bin (rsvg-convert) and icoutils (icotool).
# 16 px comes from its own pixel-grid drawing: the full drawing blurs into a smudge that small.
set -euo pipefail
cd "$(dirname "$0")/../assets"
rsvg-convert -w 16 -h 16 icon-16.svg -o icons/icon-16.png
for size in 32 48 256; do rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/icon-$size.png"; done
rsvg-convert -w 512 -h 512 icon.svg -o icon.png
# Windows picks the size it needs from the .ico; 256 is stored as PNG (Vista and later read that).
icotool -c -o icon.ico icons/icon-16.png icons/icon-32.png icons/icon-48.png -r icons/icon-256.png
