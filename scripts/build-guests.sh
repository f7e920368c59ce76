#!/usr/bin/env bash
# Builds every Wasm guest of the repo: the example apps (apps/NAME/NAME.c -> apps/NAME/NAME.wasm) and the host's
# test guests (wasm-host/src/test/guests/* -> wasm-host/src/test/resources/guests/*.wasm).
# A C source containing a line starting with WEDGE_HANDLER is an http app: a WASI reactor linked with the C SDK.
# Any other C source is a plain WASI command (a WAGI app). .wat files are assembled with wat2wasm.
# The output is deterministic: the same sources and toolchain give the same bytes (scripts/check-guests.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WASI_RT=/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a
if ! command -v clang >/dev/null || ! command -v wat2wasm >/dev/null || [ ! -d /usr/lib/wasm32-wasi ] \
    || [ ! -f "$WASI_RT" ]; then
    echo "installing the guest toolchain (Debian packages)..." >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt
fi

CFLAGS=(--target=wasm32-wasi -O2 -Wall -Wextra -Wl,--strip-debug -I sdk/c)
TEST_OUT=wasm-host/src/test/resources/guests

report() { printf '%-56s %8d bytes\n' "$1" "$(stat -c %s "$1")"; }

build_c() { # build_c SOURCE OUTPUT
    local src=$1 out=$2
    if grep -q '^WEDGE_HANDLER' "$src"; then
        clang "${CFLAGS[@]}" -mexec-model=reactor -o "$out" sdk/c/wedge.c "$src"
    else
        clang "${CFLAGS[@]}" -o "$out" "$src"
    fi
    wasm-validate "$out"
    report "$out"
}

for dir in apps/*; do
    name=$(basename "$dir")
    if [ -f "$dir/$name.c" ]; then build_c "$dir/$name.c" "$dir/$name.wasm"; fi
done

mkdir -p "$TEST_OUT"
for src in wasm-host/src/test/guests/*.c; do
    build_c "$src" "$TEST_OUT/$(basename "$src" .c).wasm"
done
for src in wasm-host/src/test/guests/*.wat; do
    out="$TEST_OUT/$(basename "$src" .wat).wasm"
    wat2wasm -o "$out" "$src"
    wasm-validate "$out"
    report "$out"
done
