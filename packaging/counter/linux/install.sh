#!/bin/sh
# Install the counter's bundle for the current user on Linux (no root, nothing system-wide).
#
#     sh install.sh [BUNDLE_FOLDER]      # default: the boolagold-counter/ folder beside this script
#     sh install.sh --uninstall
#
# The program goes to ~/.local/opt/boolagold-counter, the command to ~/.local/bin, the menu entry
# and icon to ~/.local/share. The shop's data is NOT here: it lives in the user's data folder
# ($XDG_DATA_HOME/BoolaGold, normally ~/.local/share/BoolaGold, or $BOOLAGOLD_DATA_DIR), which
# an upgrade or an uninstall never touches. Installing a newer bundle over an older one is an
# upgrade: the next start backs the database up and migrates it.
set -eu

NAME=boolagold-counter
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
PROGRAM_DIR=$HOME/.local/opt/$NAME
BIN_DIR=$HOME/.local/bin
APPS_DIR=$DATA_HOME/applications
ICON_DIR=$DATA_HOME/icons/hicolor/256x256/apps

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$PROGRAM_DIR"
    rm -f "$BIN_DIR/$NAME" "$APPS_DIR/$NAME.desktop" "$ICON_DIR/$NAME.png"
    echo "removed the BoolaGold counter program; the shop's data was left where it is"
    exit 0
fi

BUNDLE=${1:-$HERE/$NAME}
if [ ! -x "$BUNDLE/$NAME" ]; then
    echo "error: no bundle at $BUNDLE (expected $BUNDLE/$NAME); build it with make package-counter" >&2
    exit 2
fi
# The menu entry and icon ship inside the bundle folder (see counter.spec), or beside this script
# in a checkout.
ASSETS=$BUNDLE/_internal
[ -f "$ASSETS/$NAME.desktop" ] || ASSETS=$HERE/..

mkdir -p "$PROGRAM_DIR.new" "$BIN_DIR" "$APPS_DIR" "$ICON_DIR"
cp -R "$BUNDLE/." "$PROGRAM_DIR.new/"
# Swap in the new program only once it is completely copied.
rm -rf "$PROGRAM_DIR.old"
[ -d "$PROGRAM_DIR" ] && mv "$PROGRAM_DIR" "$PROGRAM_DIR.old"
mv "$PROGRAM_DIR.new" "$PROGRAM_DIR"
rm -rf "$PROGRAM_DIR.old"

ln -sf "$PROGRAM_DIR/$NAME" "$BIN_DIR/$NAME"
cp "$ASSETS/$NAME.png" "$ICON_DIR/$NAME.png"
# A menu entry needs an absolute Exec: ~/.local/bin is not on every desktop session's PATH.
sed -e "s|^Exec=.*|Exec=$PROGRAM_DIR/$NAME|" -e "s|^TryExec=.*|TryExec=$PROGRAM_DIR/$NAME|" \
    "$ASSETS/$NAME.desktop" >"$APPS_DIR/$NAME.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS_DIR" || true

echo "installed $("$PROGRAM_DIR/$NAME" --version) in $PROGRAM_DIR"
echo "start it from the applications menu (BoolaGold Counter) or run: $NAME"
