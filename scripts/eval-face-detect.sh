#!/usr/bin/env bash
# Runs the face-detect template (apps/templates/face-detect) over every picture of three Debian packages and
# prints, per picture, the faces it found: OpenCV's sample pictures (opencv-doc), darknet's (darknet) and
# scikit-image's (python3-skimage). The packages are downloaded and unpacked into a temporary folder, never
# installed. The module is served once by `wedge run` on Wasmtime on a loopback port; settings are passed on:
#
#   scripts/eval-face-detect.sh                            # the defaults
#   scripts/eval-face-detect.sh MIN_FACE=20 MIN_HITS=3     # other settings
#
# Output: one line per picture, "faces=N" and the boxes' JSON, then a count of pictures with and without faces.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$work" && apt-get download opencv-doc darknet python3-skimage >/dev/null 2>&1) \
    || { echo "eval-face-detect: apt-get download failed (run apt-get update first)" >&2; exit 1; }
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
mapfile -t pictures < <(find "$work/root/usr/share/doc/opencv-doc/examples/data" "$work/root/usr/share/darknet/data" \
    "$work/root/usr/lib/python3/dist-packages/skimage/data" -maxdepth 1 \( -name '*.jpg' -o -name '*.png' \) | LC_ALL=C sort)

port=$((20000 + RANDOM % 20000))
settings=()
for setting in "$@"; do settings+=(-e "$setting"); done
./wedge run --engine wasmtime -p "$port" --host 127.0.0.1 --timeout-ms 600000 "${settings[@]}" \
    apps/templates/face-detect/face-detect.wasm >"$work/node.log" 2>&1 &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$server" 2>/dev/null || { cat "$work/node.log" >&2; exit 1; }
    sleep 1
done

with=0 without=0 unread=0
for picture in "${pictures[@]}"; do
    answer=$(curl -s --data-binary @"$picture" "http://127.0.0.1:$port/")
    name=${picture#"$work/root/usr/"}
    case $answer in
        '{"faces":[]'*) without=$((without + 1)); echo "faces=0 $name" ;;
        '{"faces":'*) with=$((with + 1)); echo "faces=$(grep -o '"x"' <<<"$answer" | wc -l) $name ${answer%%],*}]" ;;
        *) unread=$((unread + 1)); echo "unread  $name $answer" ;;
    esac
done
echo "pictures: ${#pictures[@]}; with faces: $with; without: $without; not read: $unread (settings: ${*:-defaults})"
