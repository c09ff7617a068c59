#!/usr/bin/env bash
# Installs the built .deb into a clean folder and proves the installed app works on its own:
# no Python from the system on PATH, a fresh HOME and data folder. CI runs it after the build.
# Usage: scripts/check-built-app.sh build/workshop-app_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."
DEB="${1:?usage: scripts/check-built-app.sh FILE.deb}"
say() { printf '%s\n' "check-built-app: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb --info "$DEB" >/dev/null || fail "$DEB is not a readable .deb"
dpkg-deb -x "$DEB" "$ROOT/install"
mkdir -p "$ROOT/home" "$ROOT/bin"
# Only the installed app is on PATH: anything it needs from a system Python would fail here.
app() {
  env -i PATH="$ROOT/install/usr/bin:$ROOT/bin" HOME="$ROOT/home" LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen WORKSHOP_HUB_PASSPHRASE="check-built-app passphrase" \
    "$ROOT/install/usr/bin/workshop-app" "$@"
}
DATA="$ROOT/data"

say "installed size: $(du -sh "$ROOT/install" | cut -f1)"
VERSION_LINE="$(app --version)" || fail "--version"
say "$VERSION_LINE"
WID="$(app --data-dir "$DATA" demo)" || fail "creating the demo"
[[ "$WID" =~ ^[0-9a-f-]{36}$ ]] || fail "demo printed '$WID', not a workshop id"
JSON="$(app --data-dir "$DATA" workshops --json)" || fail "workshops --json"
grep -q "\"id\": \"$WID\"" <<<"$JSON" || fail "the demo is not in workshops --json"
say "demo $WID listed as JSON"
SMOKE="$(app --data-dir "$DATA" --smoke-test 2>/dev/null)" || fail "the main window did not paint"
say "${SMOKE#workshop-app }"
app --data-dir "$DATA" report "$WID" --out "$ROOT/report.pdf" >/dev/null || fail "report"
head -c 5 "$ROOT/report.pdf" | grep -q "%PDF-" || fail "report.pdf is not a PDF"
grep -aq "DejaVuSans" "$ROOT/report.pdf" || fail "the report does not embed the bundled font"
say "report written with the bundled fonts ($(du -h "$ROOT/report.pdf" | cut -f1))"
# The print preview and Print… draw pages with PDFium, loaded with ctypes (nothing links to it).
PDFIUM="$(find "$ROOT/install" -name 'libpdfium*' -print -quit)"
[[ -n "$PDFIUM" ]] || fail "PDFium (pypdfium2_raw/libpdfium.so) is missing: no print preview"
say "PDFium for the print preview: ${PDFIUM#"$ROOT/install"}"
HUB="$ROOT/hub"
app --data-dir "$HUB" hub keygen --out "$ROOT/hub.pub" >/dev/null || fail "hub keygen"
app --data-dir "$DATA" install-key "$ROOT/hub.pub" >/dev/null || fail "install-key"
app --data-dir "$DATA" export "$WID" --out "$ROOT/demo.wsbundle" >/dev/null || fail "export"
app --data-dir "$HUB" hub import "$ROOT/demo.wsbundle" --approve-new-laptops >/dev/null ||
  fail "hub import of the demo's bundle"
app --data-dir "$HUB" hub workshops --json | grep -q "\"$WID\"" || fail "the hub lacks the demo"
say "demo exported (signed, encrypted), imported into a hub and listed there"
say "the installed app works on its own"
