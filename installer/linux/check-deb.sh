#!/usr/bin/env bash
# On demand (not in every CI run): install GridDesk's .deb in a clean Debian 12 made here with
# debootstrap, and use it as a centre would. Run as root on Debian:
#
#   bash installer/linux/check-deb.sh [dist/griddesk_VERSION_amd64.deb] [--keep]
#
# Without a package it builds the bundle and the package first. Packages come from the Debian
# mirror apt uses here. Checked: the package installs with its dependencies; the group and the
# configuration file's mode; the desktop entry and icon; an operator in the group starts the
# demo and its picture shows the map's markers; a user outside the group gets one clear line;
# removing keeps the configuration and the operator's data, purging keeps the data too.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=""
keep=false
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    *) deb="$arg" ;;
  esac
done
if [ -z "$deb" ]; then
  python -m installer build --out dist
  python -m installer deb dist/griddesk --out dist
  deb="$(ls -t dist/griddesk_*.deb | head -n1)"
fi
deb="$(realpath "$deb")"

command -v debootstrap >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
mirror="$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)"
mirror="${mirror:-http://deb.debian.org/debian}"

root="$(mktemp -d /var/tmp/griddesk-chroot.XXXXXX)"
chmod 755 "$root"  # it becomes /, which every user must be able to enter
cleanup() {
  if $keep; then echo "chroot kept in $root"; else rm -rf --one-file-system "$root"; fi
}
trap cleanup EXIT

step() { printf '== %s\n' "$*"; }
fail() { printf 'CHECK FAILED: %s\n' "$*" >&2; exit 1; }

step "debootstrap bookworm (minbase) from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
  || { tail -n 20 "$root.debootstrap.log"; fail "debootstrap"; }
rm -f "$root.debootstrap.log"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/griddesk.deb"

# Everything in the chroot runs in a mount namespace of its own: /proc and /dev/shm (which
# QtWebEngine needs) vanish with it, whatever happens.
unshare --mount --propagation private bash -euo pipefail -s "$root" <<'INSIDE'
root="$1"
mount -t proc proc "$root/proc"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
as_user() {
  local user="$1"; shift
  chroot --userspec="$user:$user" --groups="$(in_root id -Gn "$user" | tr ' ' ',')" "$root" \
    /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="/home/$user" USER="$user" \
    QT_QPA_PLATFORM=offscreen GRIDDESK_ALARM_SOUND=off "$@"
}
fail() { printf 'CHECK FAILED: %s\n' "$*" >&2; exit 1; }

echo "== apt-get install ./griddesk.deb"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/griddesk.deb >/dev/null

echo "== what the package installed"
in_root getent group griddesk >/dev/null || fail "no griddesk group"
mode="$(in_root stat -c '%a %U:%G' /etc/griddesk/griddesk.toml)"
[ "$mode" = "640 root:griddesk" ] || fail "configuration file is $mode"
in_root test -x /usr/bin/griddesk || fail "no /usr/bin/griddesk"
in_root grep -q '^Exec=griddesk$' /usr/share/applications/griddesk.desktop || fail "desktop entry"
in_root grep -q '^Icon=griddesk$' /usr/share/applications/griddesk.desktop || fail "desktop icon"
in_root test -f /usr/share/icons/hicolor/scalable/apps/griddesk.svg || fail "no icon"

echo "== an operator in the griddesk group starts it"
in_root useradd --create-home --shell /bin/bash --groups griddesk zhang
in_root useradd --create-home --shell /bin/bash guest
version="$(as_user zhang griddesk --version)"
echo "   $version"
case "$version" in "GridDesk "*) ;; *) fail "--version printed: $version" ;; esac
# QtWebEngine's own sandbox needs user namespaces, which a chroot in a container may not give:
# the demo runs without it here (a workstation keeps it).
as_user zhang env QTWEBENGINE_DISABLE_SANDBOX=1 griddesk --demo --screenshot /home/zhang/demo.png \
  >/dev/null 2>"$root/tmp/demo.err" || { cat "$root/tmp/demo.err"; fail "the demo did not run"; }
cp "$root/home/zhang/demo.png" "$root.demo.png"
in_root test -f /home/zhang/.local/share/GridDesk/griddesk.db || fail "no embedded database"

echo "== a user outside the group is told why it cannot start"
if as_user guest griddesk --version >/dev/null 2>"$root/tmp/guest.err"; then
  fail "a user outside the griddesk group read the configuration"
fi
[ "$(wc -l <"$root/tmp/guest.err")" = 1 ] || { cat "$root/tmp/guest.err"; fail "not one line"; }
grep -q "griddesk.toml" "$root/tmp/guest.err" || fail "the message names no file"
echo "   $(cat "$root/tmp/guest.err")"

echo "== remove keeps the configuration and the data; purge keeps the data"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq griddesk >/dev/null
in_root test ! -e /opt/griddesk || fail "/opt/griddesk left after remove"
in_root test -f /etc/griddesk/griddesk.toml || fail "remove dropped the configuration"
in_root test -f /home/zhang/.local/share/GridDesk/griddesk.db || fail "remove dropped the data"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq griddesk >/dev/null
in_root test ! -e /etc/griddesk || fail "/etc/griddesk left after purge"
in_root test -f /home/zhang/.local/share/GridDesk/griddesk.db || fail "purge dropped the data"
INSIDE

python -c "import sys; from pathlib import Path; from installer.smoke import check_markers; \
check_markers(Path(sys.argv[1]))" "$root.demo.png" || fail "the demo's picture shows no markers"
$keep || rm -f "$root.demo.png"
echo "the package installs, starts and uninstalls cleanly in Debian 12"
