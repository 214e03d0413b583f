#!/usr/bin/env bash
# Makes sure a Chromium for Playwright exists. Playwright cannot download browsers on this network,
# so the e2e tests drive Debian's package (or whatever CHROMIUM_PATH points to).
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"

# Chinese glyphs for the screenshots the e2e tests keep (the UI is bilingual). Best effort: only
# as root, only when missing, and a failure here does not stop the tests.
if [ "$(id -u)" -eq 0 ] && ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "ensure-chromium: installing fonts-noto-cjk for Chinese text in screenshots..."
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq >/dev/null && apt-get install -y -qq fonts-noto-cjk >/dev/null; } ||
    echo "ensure-chromium: could not install fonts-noto-cjk; screenshots may show boxes for Chinese." >&2
fi

if [ -x "$chromium_path" ]; then
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
  echo "ensure-chromium: point CHROMIUM_PATH at a Chromium/Chrome binary, or unset it to use /usr/bin/chromium." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "ensure-chromium: $chromium_path not found; installing Debian's chromium package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  if [ -x "$chromium_path" ]; then
    echo "ensure-chromium: installed $("$chromium_path" --version 2>/dev/null || echo chromium)"
    exit 0
  fi
  echo "ensure-chromium: apt-get install chromium finished but $chromium_path is still missing." >&2
  exit 1
fi

cat >&2 <<MSG
ensure-chromium: no Chromium at $chromium_path, and not running as root so it cannot be installed.
The end-to-end tests use the system Chromium (Playwright browser downloads are not used). Either:
  sudo apt-get install chromium
or point CHROMIUM_PATH at an existing Chromium/Chrome binary:
  CHROMIUM_PATH=/path/to/chrome npm test
MSG
exit 1
