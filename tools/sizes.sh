#!/bin/bash
# Measure, with x86_64 defconfig (SMP, no lock debugging), the sizes of the
# structs that embed a fence, in the base tree and in the patched one: the
# probe tools/sizes/fence_sizes.c is compiled against each, and nm reads the
# sizes back. Prints a table and writes it to build/results/sizes.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux
out=build/sizes
mkdir -p "$out" build/results
[ -d "$out/base-src" ] || git -C "$TREE" worktree add -q --detach "$PWD/$out/base-src" base

probe() {	# probe SRC NAME: compile the probe against SRC, print "struct size"
	local src=$1 o=$PWD/$out/$2
	mkdir -p "$o/probe"
	cp tools/sizes/fence_sizes.c tools/sizes/Kbuild "$o/probe/"
	mk() { make -s -C "$src" O="$o" ARCH=x86_64 CC="ccache gcc" "$@"; }
	[ -f "$o/.config" ] || mk defconfig
	mk -j"$(nproc)" modules_prepare
	mk M="$o/probe" fence_sizes.o
	nm -S --size-sort "$o/probe/fence_sizes.o" |
		while read -r _ size _ sym; do [[ $sym == size_* ]] && echo "${sym#size_} $((16#$size))"; done
}

probe "$PWD/$out/base-src" base | sort > "$out/base.txt"
probe "$PWD/$TREE" patched | sort > "$out/patched.txt"
join "$out/base.txt" "$out/patched.txt" |
	awk 'BEGIN { printf "%-18s %6s %8s %6s\n", "struct", "base", "patched", "saved" }
	     { printf "%-18s %6d %8d %6d\n", $1, $2, $3, $2 - $3 }' |
	tee build/results/sizes.txt
