#!/usr/bin/env bash
# Builds every Wasm guest of the repo: the example apps (apps/NAME/NAME.c -> apps/NAME/NAME.wasm) and the guests
# of tests and benchmarks (MODULE/src/*/guests/* -> MODULE/src/*/resources/guests/*.wasm, see GUEST_DIRS).
# An app folder's other .c files (apps/NAME/*.c besides NAME.c) are linked into its module.
# A C source containing a line starting with WEDGE_HANDLER or WEDGE_MESSAGE_HANDLER is an http or message app: a
# WASI reactor linked with the C SDK (sdk/c/wedge.c and sdk/c/wedge_util.c; the linker drops unused code).
# A C source including "proxy_wasm.h" is a CDN app (a proxy-wasm filter): a WASI reactor exporting malloc and free.
# A C source including "compute.h" (benchmarks' compute guests) is a WASI reactor with plain exports and no SDK;
# one including "md4c-html.h" gets md4c linked in (fetched, see md4c_sources), one including "wedge_util.h" the C
# SDK's helpers (sdk/c/wedge_util.c, which import nothing).
# Any other C source is a plain WASI command (a WAGI app). .wat files are assembled with wat2wasm. .ts files are
# proxy-wasm filters in AssemblyScript, built with FastEdge's SDK (@gcoredev/proxy-wasm-sdk-as) at the versions
# sdk/as/package-lock.json pins, installed with npm ci; a .ts app importing the wedge SDK for AssemblyScript
# (sdk/assemblyscript) is an http or message app, built with that SDK's compiler and config
# (sdk/assemblyscript/asconfig.json).
# An app folder with a go.mod (apps/NAME/go.mod) is a WAGI app in Go, built with Go 1.23 for wasip1 (Debian's
# golang-1.23-go from bookworm-backports) against the wedge Go package in sdk/go. An app folder with a Cargo.toml
# (apps/NAME-rust) is a Rust app on sdk/rust, built offline with Debian's rustc for wasm32-wasi (crates only from
# Debian's librust-*-dev packages, see .cargo/config.toml) at the versions the workspace's Cargo.lock (repo root)
# pins.
# The output is deterministic: the same sources and pinned toolchain give the same bytes (scripts/check-guests.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Every tool the build runs is installed here by name and called by path, so the bytes do not depend on what else
# is on the machine. clang runs wasm-opt after linking whenever it finds one on PATH; it gets a PATH holding only
# its linker, and wasm-opt runs as a step of its own with pinned flags.
CLANG=/usr/lib/llvm-14/bin/clang
WASM_LD=/usr/bin/wasm-ld-14
WASM_OPT=/usr/bin/wasm-opt
WAT2WASM=/usr/bin/wat2wasm
WASM_VALIDATE=/usr/bin/wasm-validate
WASI_RT=/usr/lib/llvm-14/lib/clang/14.0.6/lib/wasi/libclang_rt.builtins-wasm32.a
NODE=/usr/bin/node
NPM=/usr/bin/npm
GO=/usr/lib/go-1.23/bin/go
RUSTC=/usr/bin/rustc
CARGO=/usr/bin/cargo
RUST_CRATES=/usr/share/cargo/registry/http-0.2.7 # librust-http-dev and what it depends on
STB=/usr/include/stb # libstb-dev: single-file C libraries (image-classify; the image templates, _lib/imaging.h)
PYTHON=/usr/bin/python3
# opencv-data: the face-detect template's LBP cascade, turned into a C header at build time (never committed)
FACE_CASCADE=/usr/share/opencv4/lbpcascades/lbpcascade_frontalface_improved.xml
# libwebp (BSD-3) for the image templates' WebP: Debian's source package at exactly this version (its patches, the
# security fixes among them, applied), fetched once into a cache outside the repo; never vendored.
LIBWEBP_VERSION=1.2.4-0.2+deb12u1
GUEST_CACHE=${WEDGE_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wedge-guests}
PACKAGES=(clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 wabt binaryen nodejs npm
    rustc cargo libstd-rust-dev-wasm32 librust-http-dev libstb-dev python3 opencv-data dpkg-dev)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ ! -x "$CLANG" ] || [ ! -x "$WASM_LD" ] || [ ! -x "$WASM_OPT" ] || [ ! -x "$WAT2WASM" ] \
    || [ ! -d /usr/lib/wasm32-wasi ] || [ ! -f "$WASI_RT" ] || [ ! -x "$NODE" ] || [ ! -x "$NPM" ] \
    || [ ! -x "$RUSTC" ] || [ ! -x "$CARGO" ] || [ ! -d /usr/lib/rustlib/wasm32-wasi ] || [ ! -d "$RUST_CRATES" ] \
    || [ ! -f "$STB/stb_image.h" ] || [ ! -x "$PYTHON" ] || [ ! -f "$FACE_CASCADE" ] \
    || ! command -v dpkg-source >/dev/null; then
    echo "installing the guest toolchain (Debian packages: ${PACKAGES[*]})..." >&2
    $SUDO apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}"
fi
# Go 1.23 (wasip1 came with Go 1.21; bookworm itself has 1.19) is only in bookworm-backports: the suite is
# added when the machine has no source for it, and the package is asked for from it by name.
if [ ! -x "$GO" ]; then
    if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        echo "adding bookworm-backports to the apt sources (for golang-1.23-go)..." >&2
        printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm-backports' \
            'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
            | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null
    fi
    echo "installing Go 1.23 (golang-1.23-go from bookworm-backports)..." >&2
    $SUDO apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -t bookworm-backports golang-1.23-go
fi
{
    echo "guest toolchain:"
    echo "  $("$CLANG" --version | head -1)"
    echo "  wasm-ld $("$WASM_LD" --version)"
    echo "  $("$WASM_OPT" --version)"
    echo "  wat2wasm $("$WAT2WASM" --version)"
    echo "  wasi-libc $(dpkg-query -W -f '${Version}' wasi-libc 2>/dev/null || echo unknown)"
    echo "  node $("$NODE" --version), npm $("$NPM" --version)"
    echo "  $("$GO" version)"
    echo "  $("$RUSTC" --version), $("$CARGO" --version)"
    echo "  libstb-dev $(dpkg-query -W -f '${Version}' libstb-dev 2>/dev/null || echo unknown)"
    echo "  opencv-data $(dpkg-query -W -f '${Version}' opencv-data 2>/dev/null || echo unknown)"
    echo "  libwebp $LIBWEBP_VERSION (Debian source package)"
} >&2
# The AssemblyScript compiler and FastEdge's proxy-wasm SDK, exactly as the lock file pins them.
"$NPM" ci --prefix sdk/as --ignore-scripts --no-audit --no-fund --loglevel=error >&2
ASC=(sdk/as/node_modules/.bin/asc --config sdk/as/asconfig.json --path sdk/as/node_modules)
# The wedge SDK for AssemblyScript http and message apps, with its own pinned compiler.
"$NPM" ci --prefix sdk/assemblyscript --ignore-scripts --no-audit --no-fund --loglevel=error >&2
ASC_WEDGE=(sdk/assemblyscript/node_modules/.bin/asc --config sdk/assemblyscript/asconfig.json)
LINKER_ONLY=$(mktemp -d)
RUST_TARGET=$(mktemp -d)
GENERATED=$(mktemp -d) # headers made from packaged data, on the include path of the guests that name them
UNPACKED=$(mktemp -d)  # sources fetched for a build (md4c)
WEBP_OBJ=""
trap 'rm -rf "$LINKER_ONLY" "$RUST_TARGET" "$GENERATED" "$UNPACKED" ${WEBP_OBJ:+"$WEBP_OBJ"}' EXIT
ln -s "$WASM_LD" "$LINKER_ONLY/$(basename "$WASM_LD")"

# A 16 KiB stack (the default is 64 KiB) lets small apps start with one 64 KiB page: every request allocates and
# zeroes the initial memory on Wasmtime (Chicory copies on write from one image per module), a per-request cost.
# Only stb's own folder is on the include path (never /usr/include: those are the build machine's libc headers).
CFLAGS=(--target=wasm32-wasi -O2 -Wall -Wextra -Wl,--strip-debug -Wl,-z,stack-size=16384 -I sdk/c -I "$STB")
# Source folder and output folder of each set of guests, in pairs.
GUEST_DIRS=(
    wasm-host/src/test/guests wasm-host/src/test/resources/guests
    benchmarks/src/main/guests benchmarks/src/main/resources/guests
    verticles/src/test/guests verticles/src/test/resources/guests
)

"$PYTHON" scripts/cascade-to-c.py "$FACE_CASCADE" face_cascade >"$GENERATED/face_cascade.h"

# libwebp's sources: apt-get source with a private sources list (the machine's apt configuration is left alone;
# apt checks the files against bookworm's signed index), unpacked with Debian's patches applied. Any failure stops
# the build: there is no fallback to other bytes. The pool keeps only a package's current version: when Debian
# replaces this one, the build fails until LIBWEBP_VERSION is moved on (and the modules rebuilt and committed).
fetch_libwebp() { # prints the unpacked source folder
    local dir="$GUEST_CACHE/libwebp-$LIBWEBP_VERSION" work
    if [ ! -f "$dir/src/webp/encode.h" ]; then
        mkdir -p "$GUEST_CACHE"
        work=$(mktemp -d "$GUEST_CACHE/libwebp.XXXXXX")
        mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
        echo 'deb-src http://deb.debian.org/debian bookworm main' >"$work/apt/sources.list"
        local apt=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache")
        echo "fetching libwebp $LIBWEBP_VERSION (Debian source package)..." >&2
        (cd "$work" && apt-get "${apt[@]}" -q update >&2 \
            && apt-get "${apt[@]}" -q source --download-only "libwebp=$LIBWEBP_VERSION" >&2 \
            && dpkg-source -x "libwebp_$LIBWEBP_VERSION.dsc" src >&2) || {
            rm -rf "$work"
            echo "error: could not fetch libwebp $LIBWEBP_VERSION from deb.debian.org" >&2
            return 1
        }
        rm -rf "$dir" && mv "$work/src" "$dir" && rm -rf "$work"
    fi
    echo "$dir"
}

# libwebp compiled once per build into objects the image templates link (the linker keeps what they call):
# decoder, encoder, their dsp and utils and sharpyuv, without the files for other CPUs' SIMD. NDEBUG drops its
# asserts, and the prefix map keeps the cache's path out of the bytes.
build_libwebp() { # build_libwebp SOURCE_DIR OUT_DIR
    local src=$1 out=$2 file
    for file in "$src"/src/{dec,enc,dsp,utils}/*.c "$src"/sharpyuv/*.c; do
        case $file in *_neon.c | *_sse2.c | *_sse41.c | *_msa.c | *_mips*.c) continue ;; esac
        clang_wasm -c -DNDEBUG -w "-ffile-prefix-map=$src=libwebp" -I "$src" -I "$src/src" \
            -o "$out/$(basename "$(dirname "$file")")_$(basename "$file" .c).o" "$file"
    done
}
report() { printf '%-56s %8d bytes\n' "$1" "$(stat -c %s "$1")"; }

clang_wasm() { PATH="$LINKER_ONLY" "$CLANG" "${CFLAGS[@]}" "$@"; }

WEBP_SRC=$(fetch_libwebp)
WEBP_OBJ=$(mktemp -d)
build_libwebp "$WEBP_SRC" "$WEBP_OBJ"
mapfile -t WEBP_OBJECTS < <(find "$WEBP_OBJ" -name '*.o' | LC_ALL=C sort)

# md4c 0.4.8 (MIT; Markdown to HTML), for the guests including "md4c-html.h" (ComputeBenchmark's markdown): not
# kept in the repo but fetched once from Debian's source package through a private apt sources list (the
# machine's apt configuration is untouched) into a cache, then checked against the pinned sha256. Debian's mirror
# serves the orig tarball but answers 404 for the package's debian.tar.xz, so apt-get's exit status cannot be the
# test: the tarball and its checksum are; anything else is a hard error.
MD4C_TARBALL=md4c_0.4.8.orig.tar.gz
MD4C_SHA256=4a457df853425b6bb6e3457aa1d1a13bccec587a04c38c622b1013a0da41439f
MD4C_CACHE=$GUEST_CACHE
MD4C_SRC=""
md4c_sources() { # sets MD4C_SRC to md4c's src/ folder, unpacked in this build's temporary folder
    [ -n "$MD4C_SRC" ] && return
    local apt="$MD4C_CACHE/apt"
    if [ ! -f "$MD4C_CACHE/$MD4C_TARBALL" ]; then
        echo "fetching md4c's sources (Debian source package md4c)..." >&2
        mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial"
        echo 'deb-src http://deb.debian.org/debian bookworm main' >"$apt/sources.list"
        local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
        apt-get "${opts[@]}" -q update >&2
        (cd "$MD4C_CACHE" && apt-get "${opts[@]}" -q source --download-only md4c=0.4.8-1 >&2) || true
    fi
    if ! echo "$MD4C_SHA256  $MD4C_CACHE/$MD4C_TARBALL" | sha256sum --check --status 2>/dev/null; then
        echo "error: $MD4C_CACHE/$MD4C_TARBALL is missing or not the pinned md4c 0.4.8 (sha256 $MD4C_SHA256)" >&2
        exit 1
    fi
    tar -xzf "$MD4C_CACHE/$MD4C_TARBALL" -C "$UNPACKED"
    MD4C_SRC="$UNPACKED/md4c-release-0.4.8/src"
}

build_c() { # build_c SOURCE OUTPUT [MORE_SOURCES...]: the app's other .c files are linked in too
    local src=$1 out=$2 extra=()
    shift 2
    # The image templates: stb's and libwebp's headers and libwebp's objects, and a 256 KiB stack (stb's PNG
    # inflater keeps its tables on the stack).
    if grep -q '^#include "\(../\)*\(apps/templates/\)\?_lib/imaging.h"' "$src"; then
        extra=(-isystem "$STB" -isystem "$WEBP_SRC/src" -Wl,-z,stack-size=262144)
        set -- "$@" "${WEBP_OBJECTS[@]}"
    fi
    if grep -q '^#include "face_cascade.h"' "$src"; then extra+=(-I "$GENERATED"); fi
    if grep -q '^#include "compute.h"' "$src" && grep -q '^#include "wedge_util.h"' "$src"; then
        extra+=(-I sdk/c) # a compute guest on the C SDK's helpers (sha256.c): they need only the C library
        set -- "$@" sdk/c/wedge_util.c
    fi
    if grep -q '^#include "md4c-html.h"' "$src"; then
        md4c_sources
        extra+=(-isystem "$MD4C_SRC")
        set -- "$@" "$MD4C_SRC/md4c.c" "$MD4C_SRC/md4c-html.c" "$MD4C_SRC/entity.c"
    fi
    if grep -q '^#include "proxy_wasm.h"' "$src"; then
        clang_wasm "${extra[@]}" -mexec-model=reactor -Wl,--export=malloc -Wl,--export=free -o "$out" "$src" "$@"
    elif grep -Eq '^WEDGE_(MESSAGE_)?HANDLER' "$src"; then
        clang_wasm "${extra[@]}" -mexec-model=reactor -o "$out" sdk/c/wedge.c sdk/c/wedge_util.c "$src" "$@"
    elif grep -q '^#include "compute.h"' "$src"; then
        # plain exports (ComputeBenchmark's guests, benchmarks/src/main/guests/compute.h): a reactor, no SDK, and
        # no asserts (release code, as a deployer would build it)
        clang_wasm "${extra[@]}" -DNDEBUG -mexec-model=reactor -o "$out" "$src" "$@"
    else
        clang_wasm -o "$out" "$src" "$@"
    fi
    # The flags clang itself would pass: the committed modules are optimised this way.
    "$WASM_OPT" -O2 "$out" -o "$out"
    "$WASM_VALIDATE" "$out"
    report "$out"
}

build_ts() { # build_ts SOURCE OUTPUT
    if grep -q 'sdk/assemblyscript/assembly' "$1"; then
        "${ASC_WEDGE[@]}" "$1" -o "$2"
    else
        "${ASC[@]}" "$1" -o "$2"
    fi
    "$WASM_VALIDATE" "$2"
    report "$2"
}

# Go builds are reproducible given the same toolchain: no paths (-trimpath), no VCS stamp or build id, no cgo, no
# network or toolchain switch, and only the settings named here (GOENV=off ignores the user's go env file).
build_go() { # build_go APP_DIR OUTPUT
    local out
    out=$(realpath -m "$2")
    (cd "$1" && env GOENV=off GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOWORK=off CGO_ENABLED=0 \
        GOOS=wasip1 GOARCH=wasm GOWASM= "$GO" build -trimpath -buildvcs=false -ldflags='-s -w -buildid=' -o "$out" .)
    "$WASM_VALIDATE" "$2"
    report "$2"
}

# Rust apps: a cdylib for wasm32-wasi with a 64 KiB stack (the default 1 MiB would be 16 pages of initial memory
# per request). Cargo runs with its own empty home, so only the repo's .cargo/config.toml (offline, Debian's
# crates) applies; the repo's path is remapped, so the bytes do not depend on where the repo is.
build_rust() { # build_rust APP_DIR OUTPUT
    local dir=$1 out=$2 crate
    crate=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1 | tr - _)
    CARGO_HOME="$RUST_TARGET/home" PATH=/usr/bin:/bin RUSTC="$RUSTC" \
        RUSTFLAGS="-C link-arg=-zstack-size=65536 --remap-path-prefix=$PWD=/wedge" \
        "$CARGO" build --quiet --release --locked --offline --target wasm32-wasi \
        --manifest-path "$dir/Cargo.toml" --target-dir "$RUST_TARGET/target"
    "$WASM_OPT" -Oz --strip-debug --strip-producers "$RUST_TARGET/target/wasm32-wasi/release/$crate.wasm" -o "$out"
    "$WASM_VALIDATE" "$out"
    report "$out"
}

# apps/templates/NAME/ holds the templates (docs/templates.md); apps/templates itself builds nothing.
for dir in apps/* apps/templates/*; do
    name=$(basename "$dir")
    if [ -f "$dir/$name.c" ]; then
        mapfile -t more < <(find "$dir" -maxdepth 1 -name '*.c' ! -name "$name.c" | LC_ALL=C sort)
        build_c "$dir/$name.c" "$dir/$name.wasm" "${more[@]}"
    fi
    if [ -f "$dir/Cargo.toml" ]; then build_rust "$dir" "$dir/$name.wasm"; fi
    if [ -f "$dir/$name.ts" ]; then build_ts "$dir/$name.ts" "$dir/$name.wasm"; fi
    if [ -f "$dir/go.mod" ]; then build_go "$dir" "$dir/$name.wasm"; fi
done

for ((i = 0; i < ${#GUEST_DIRS[@]}; i += 2)); do
    src_dir=${GUEST_DIRS[i]} out_dir=${GUEST_DIRS[i + 1]}
    mkdir -p "$out_dir"
    for src in "$src_dir"/*.c; do
        [ -e "$src" ] && build_c "$src" "$out_dir/$(basename "$src" .c).wasm"
    done
    for src in "$src_dir"/*.ts; do
        [ -e "$src" ] && build_ts "$src" "$out_dir/$(basename "$src" .ts).wasm"
    done
    for src in "$src_dir"/*.wat; do
        [ -e "$src" ] || continue
        out="$out_dir/$(basename "$src" .wat).wasm"
        "$WAT2WASM" -o "$out" "$src"
        "$WASM_VALIDATE" "$out"
        report "$out"
    done
done
