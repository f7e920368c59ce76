#!/usr/bin/env bash
# Builds every Wasm guest of the repo: the example apps (apps/NAME/NAME.c -> apps/NAME/NAME.wasm) and the guests
# of tests and benchmarks (MODULE/src/*/guests/* -> MODULE/src/*/resources/guests/*.wasm, see GUEST_DIRS).
# A C source containing a line starting with WEDGE_HANDLER or WEDGE_MESSAGE_HANDLER is an http or message app: a
# WASI reactor linked with the C SDK (sdk/c/wedge.c and sdk/c/wedge_util.c; the linker drops unused code).
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

# A 16 KiB stack (the default is 64 KiB) lets small apps start with one 64 KiB page: every request allocates and
# zeroes the initial memory, so it is a per-request cost.
CFLAGS=(--target=wasm32-wasi -O2 -Wall -Wextra -Wl,--strip-debug -Wl,-z,stack-size=16384 -I sdk/c)
# Source folder and output folder of each set of guests, in pairs.
GUEST_DIRS=(
    wasm-host/src/test/guests wasm-host/src/test/resources/guests
    benchmarks/src/main/guests benchmarks/src/main/resources/guests
)

report() { printf '%-56s %8d bytes\n' "$1" "$(stat -c %s "$1")"; }

build_c() { # build_c SOURCE OUTPUT
    local src=$1 out=$2
    if grep -Eq '^WEDGE_(MESSAGE_)?HANDLER' "$src"; then
        clang "${CFLAGS[@]}" -mexec-model=reactor -o "$out" sdk/c/wedge.c sdk/c/wedge_util.c "$src"
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

for ((i = 0; i < ${#GUEST_DIRS[@]}; i += 2)); do
    src_dir=${GUEST_DIRS[i]} out_dir=${GUEST_DIRS[i + 1]}
    mkdir -p "$out_dir"
    for src in "$src_dir"/*.c; do
        [ -e "$src" ] && build_c "$src" "$out_dir/$(basename "$src" .c).wasm"
    done
    for src in "$src_dir"/*.wat; do
        [ -e "$src" ] || continue
        out="$out_dir/$(basename "$src" .wat).wasm"
        wat2wasm -o "$out" "$src"
        wasm-validate "$out"
        report "$out"
    done
done
