#!/bin/bash
# Install what the project needs on a Debian 12 machine (run as root).
# Cheap when everything is there already.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs="linux-source-6.12=6.12.117-1~deb12u1 build-essential bc bison flex
      libelf-dev libssl-dev cpio kmod rsync python3 python3-ply python3-git git
      ccache sparse coccinelle quilt
      qemu-system-x86 busybox-static python3-matplotlib"
missing=""
for p in $pkgs; do
	name=${p%%=*}
	want=${p#*=}
	have=$(dpkg-query -W -f='${db:Status-Abbrev}${Version}' "$name" 2>/dev/null || true)
	case $have in
	ii*) [ "$name" = "$p" ] || [ "${have#ii }" = "$want" ] || missing="$missing $p" ;;
	*)   missing="$missing $p" ;;
	esac
done
[ -n "$missing" ] || exit 0

[ "$(id -u)" -eq 0 ] || die "missing packages:$missing (run as root, or install them)"
say "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! apt-get install -y -qq --no-install-recommends $missing > /tmp/deps-apt.log 2>&1; then
	# The pinned base may have left the archive: take the newest 6.12.
	grep -q 'linux-source-6.12' /tmp/deps-apt.log || { cat /tmp/deps-apt.log; exit 1; }
	for i in 1 2 3; do
		echo "!!! WARNING: linux-source-6.12=6.12.117-1~deb12u1 is not available: using the newest 6.12 !!!" >&2
	done
	apt-get install -y -qq --no-install-recommends ${missing/=6.12.117-1~deb12u1/}
fi
ccache -M 8G > /dev/null
