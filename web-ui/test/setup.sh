#!/usr/bin/env bash
# Installs what the browser tests need, idempotently (a no-op taking milliseconds when all is there):
#   Debian chromium and fonts-wqy-microhei (a CJK font, so the Chinese widget scenario renders its
#   text; apt-get, as root or via sudo) and npm playwright-core (from package-lock.json)
#   into web-ui/test/node_modules. No browser download: the tests use /usr/bin/chromium.
# Outside CI a missing tool only warns (BrowserTest then skips); with CI set it fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

fail() {
  echo "web-ui/test/setup.sh: $*" >&2
  if [[ -n "${CI:-}" ]]; then exit 1; fi
  echo "web-ui/test/setup.sh: continuing; the browser tests will be skipped" >&2
  exit 0
}

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

apt_install() { # installs Debian packages, running apt-get update only when the first try fails
  command -v apt-get >/dev/null 2>&1 || return 1
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q --no-install-recommends "$@" \
    || { as_root apt-get update -q && as_root apt-get install -y -q --no-install-recommends "$@"; }
}

if [[ ! -x /usr/bin/chromium ]]; then
  echo "web-ui/test/setup.sh: installing chromium" >&2
  apt_install chromium >&2 || fail "could not install chromium (needs root or sudo and apt-get)"
fi
if [[ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]]; then
  echo "web-ui/test/setup.sh: installing fonts-wqy-microhei" >&2
  apt_install fonts-wqy-microhei >&2 || fail "could not install fonts-wqy-microhei (needs root or sudo and apt-get)"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "web-ui/test/setup.sh: installing nodejs and npm" >&2
  apt_install nodejs npm >&2 || fail "could not install nodejs and npm"
fi
installed="node_modules/playwright-core/package.json"
wanted="$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' package.json | head -n1)"
if [[ ! -f "$installed" ]] || ! grep -q "\"version\": *\"$wanted\"" "$installed"; then
  echo "web-ui/test/setup.sh: installing playwright-core $wanted" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2 \
    || fail "npm ci failed in web-ui/test"
fi
