#!/usr/bin/env bash
# Fails when a committed guest module (.wasm built by scripts/build-guests.sh) differs from a fresh build of its
# sources, listing the stale or missing files. Builds in a temporary copy, so the work tree is left untouched.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Copy what the build reads (and the committed modules to compare against).
cp -r scripts sdk apps "$tmp/"
for src in wasm-host/src/test/guests benchmarks/src/main/guests; do
    mkdir -p "$tmp/$(dirname "$src")"
    cp -r "$src" "$tmp/$src"
done
"$tmp/scripts/build-guests.sh" >/dev/null

stale=()
while IFS= read -r fresh; do
    rel=${fresh#"$tmp/"}
    if [ ! -f "$rel" ] || ! cmp -s "$rel" "$fresh"; then stale+=("$rel"); fi
done < <(find "$tmp/apps" "$tmp/wasm-host/src/test/resources/guests" "$tmp/benchmarks/src/main/resources/guests" \
    -name '*.wasm' | sort)

if [ ${#stale[@]} -gt 0 ]; then
    echo "guest modules out of date (run scripts/build-guests.sh and commit):" >&2
    printf '  %s\n' "${stale[@]}" >&2
    exit 1
fi
echo "guest modules are up to date"
