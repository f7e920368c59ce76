#!/usr/bin/env bash
# Fails when a committed guest module (.wasm built by scripts/build-guests.sh) differs from a fresh build of its
# sources, listing the stale or missing files and, for each, which sections differ. Builds in a temporary copy, so
# the work tree is left untouched.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Copy what the build reads (and the committed modules to compare against).
cp -r scripts apps .cargo Cargo.toml Cargo.lock "$tmp/"
tar -C . --exclude=sdk/as/node_modules --exclude=sdk/assemblyscript/node_modules -cf - sdk | tar -C "$tmp" -xf - # the build installs its own packages
for src in wasm-host/src/test/guests benchmarks/src/main/guests verticles/src/test/guests; do
    mkdir -p "$tmp/$(dirname "$src")"
    cp -r "$src" "$tmp/$src"
done
"$tmp/scripts/build-guests.sh" >/dev/null

sections() { # sections FILE: one line per section, "NAME START SIZE COUNT", from wasm-objdump's headers
    local line name start size count
    while IFS= read -r line; do
        [[ $line =~ ^\ *([A-Za-z]+)\ start=(0x[0-9a-f]+).*size=(0x[0-9a-f]+) ]] || continue
        name=${BASH_REMATCH[1]} start=$((BASH_REMATCH[2])) size=$((BASH_REMATCH[3])) count=-
        [[ $line =~ \"([^\"]*)\" ]] && name="$name:${BASH_REMATCH[1]}"
        [[ $line =~ count:\ ([0-9]+) ]] && count=${BASH_REMATCH[1]}
        echo "$name $start $size $count"
    done < <(/usr/bin/wasm-objdump -h "$1")
}

section_bytes() { tail -c +"$(($2 + 1))" "$1" | head -c "$3"; } # section_bytes FILE START SIZE

explain() { # explain COMMITTED FRESH: which sections differ, and how
    local committed=$1 fresh=$2 name start size count
    declare -A old
    while read -r name start size count; do old[$name]="$start $size $count"; done < <(sections "$committed")
    while read -r name start size count; do
        if [ -z "${old[$name]:-}" ]; then
            echo "    section $name: only in the fresh build (size $size, count $count)"
            continue
        fi
        read -r ostart osize ocount <<<"${old[$name]}"
        unset "old[$name]"
        if [ "$osize" != "$size" ] || [ "$ocount" != "$count" ]; then
            echo "    section $name: committed size $osize count $ocount, fresh size $size count $count"
        elif ! cmp -s <(section_bytes "$committed" "$ostart" "$osize") <(section_bytes "$fresh" "$start" "$size"); then
            echo "    section $name: same size and count, other bytes"
        fi
    done < <(sections "$fresh")
    for name in "${!old[@]}"; do echo "    section $name: only in the committed module"; done
}

stale=()
while IFS= read -r fresh; do
    rel=${fresh#"$tmp/"}
    if [ ! -f "$rel" ] || ! cmp -s "$rel" "$fresh"; then stale+=("$rel"); fi
done < <(find "$tmp/apps" "$tmp/wasm-host/src/test/resources/guests" "$tmp/benchmarks/src/main/resources/guests" \
    "$tmp/verticles/src/test/resources/guests" -name '*.wasm' | sort)

if [ ${#stale[@]} -gt 0 ]; then
    echo "guest modules out of date (run scripts/build-guests.sh and commit):" >&2
    for rel in "${stale[@]}"; do
        echo "  $rel" >&2
        if [ -f "$rel" ]; then explain "$rel" "$tmp/$rel" >&2; else echo "    not committed" >&2; fi
    done
    exit 1
fi
echo "guest modules are up to date"
