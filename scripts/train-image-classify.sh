#!/usr/bin/env bash
# Retrains the image-classify template's model (apps/templates/image-classify/train.py) from Debian's
# dataset-fashion-mnist with Debian's numpy, and writes model.h (the weights the guest compiles in), model.json
# (the held-out accuracy) and samples/ into the template's folder. Run it only to change the model: the weights are
# committed and scripts/build-guests.sh compiles them as they are. Then run scripts/build-guests.sh and commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=/usr/bin/python3 # Debian's, so the numpy below is the one it imports
PACKAGES=(python3 python3-numpy dataset-fashion-mnist)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ ! -x "$PYTHON" ] || ! "$PYTHON" -c 'import numpy' 2>/dev/null \
    || [ ! -f /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ]; then
    echo "installing the training tools and data (Debian packages: ${PACKAGES[*]})..." >&2
    $SUDO apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}"
fi
echo "numpy $("$PYTHON" -c 'import numpy; print(numpy.__version__)')," \
    "dataset-fashion-mnist $(dpkg-query -W -f '${Version}' dataset-fashion-mnist)" >&2
# One thread: summation order, and so the last bits of the weights, must not depend on the machine's cores.
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$PYTHON" apps/templates/image-classify/train.py apps/templates/image-classify
