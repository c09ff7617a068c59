#!/usr/bin/env bash
# Builds the Linux app (a PyInstaller one-folder build) and wraps it as a .deb with dpkg-deb.
# Outputs: build/dist/workshop-app/ and build/workshop-app_VERSION_ARCH.deb.
# Usage: scripts/build-linux.sh            (sets up .venv with the build tools when missing)
#        DEB_COMPRESSION=gzip scripts/build-linux.sh   (faster, larger; CI uses it)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '%s\n' "build-linux: $*" >&2; }

if [ ! -x .venv/bin/pyinstaller ]; then
  bash scripts/setup.sh build
fi
VERSION="$(.venv/bin/python -c 'import workshop_app; print(workshop_app.__version__)')"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

say "rendering icons"
rm -rf build/icons && .venv/bin/python packaging/make_icons.py build/icons >/dev/null

say "building the app (PyInstaller, one folder)"
rm -rf build/dist/workshop-app
.venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath build/dist --workpath build/work \
  packaging/workshop-app.spec

say "wrapping it as a .deb"
STAGE="build/deb/workshop-app_${VERSION}_${ARCH}"
rm -rf "$STAGE" && mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" \
  "$STAGE/usr/share/applications" "$STAGE/usr/share/metainfo" "$STAGE/usr/share/icons"
cp -a build/dist/workshop-app "$STAGE/opt/workshop-app"
# Relative, so the installed tree also runs where it was unpacked (CI checks it that way).
ln -s ../../opt/workshop-app/workshop-app "$STAGE/usr/bin/workshop-app"
cp packaging/linux/org.workshopapp.WorkshopApp.desktop "$STAGE/usr/share/applications/"
cp packaging/linux/org.workshopapp.WorkshopApp.metainfo.xml "$STAGE/usr/share/metainfo/"
cp -a build/icons/hicolor "$STAGE/usr/share/icons/"
SIZE_KB="$(du -sk "$STAGE" | cut -f1)"
sed -e "s/@VERSION@/${VERSION}/" -e "s/@ARCH@/${ARCH}/" -e "s/@SIZE@/${SIZE_KB}/" \
  packaging/linux/control.in > "$STAGE/DEBIAN/control"
DEB="build/workshop-app_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$STAGE" "$DEB" >/dev/null
say "wrote $DEB ($(du -h "$DEB" | cut -f1); installed size $((SIZE_KB / 1024)) MB)"
