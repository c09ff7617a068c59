#!/usr/bin/env bash
# Prepares a machine for Workshop App: the Debian libraries Qt needs (when missing), a virtual
# environment in .venv, and the package with the extras asked for. Safe to run again: it only
# does what is missing. Usage: scripts/setup.sh [EXTRAS] [gui]
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${1:-}"
WANT_GUI="${2:-}"

say() { printf '%s\n' "workshop-app setup: $*" >&2; }

# Offscreen Qt (tests) needs these; a real window needs the xcb ones too (shared/PLATFORM.md).
DEBS=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core)
# The tests render printed pages to images (pdftoppm) to read their QR codes back.
if [ "$EXTRAS" = "test" ]; then
  DEBS+=(poppler-utils)
fi
# Building the app (tests in CI, or scripts/build-linux.sh) strips and inspects binaries.
if [ "$EXTRAS" = "test" ] || [ "$EXTRAS" = "build" ]; then
  DEBS+=(binutils)
fi
if [ "$WANT_GUI" = "gui" ]; then
  DEBS+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libxcb-xinerama0)
fi

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      say "please install these Debian packages (as root): $*"; return 1; fi
  fi
  say "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq </dev/null >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
    </dev/null >/dev/null
}

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for deb in "${DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$deb")
  done
  PY="$(find_python || true)"
  if [ -z "$PY" ]; then missing+=(python3 python3-venv); fi
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
fi

PY="$(find_python)" || { say "Python 3.11 or newer is needed and was not found."; exit 1; }
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $("$PY" --version)"
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    ver="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    apt_install "python${ver}-venv" || apt_install python3-venv
    "$PY" -m venv .venv
  fi
fi

# Reinstall only when the dependency list changed.
spec=".[${EXTRAS}]"; [ -z "$EXTRAS" ] && spec="."
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-${EXTRAS:-base}"
if [ ! -f "$stamp" ]; then
  say "installing Python packages ($spec)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
  touch "$stamp"
fi
# The app's own modules, byte-compiled as an installed app's are (pip and PyInstaller do it):
# where PYTHONDONTWRITEBYTECODE is set, every start would otherwise compile them again. Quick
# when nothing changed; a failure here only costs start-up time.
.venv/bin/python -m compileall -q workshop_app >/dev/null 2>&1 || true
