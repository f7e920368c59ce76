#!/usr/bin/env bash
# Installs what the console's browser test (verticles ConsoleBrowserTest) drives: Debian's headless Chromium and
# its ChromeDriver (packages chromium and chromium-driver, /usr/bin/chromium and /usr/bin/chromedriver). Nothing is
# downloaded by the test itself: Selenium is pointed at these two files.
set -euo pipefail

PACKAGES=(chromium chromium-driver)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "installing the browser for the console test (Debian packages: ${PACKAGES[*]})..." >&2
    $SUDO apt-get update -q
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${PACKAGES[@]}"
fi
echo "browser: $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/chromedriver --version)" >&2
