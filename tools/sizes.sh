#!/bin/bash
# Measure the sizes of the structs that embed a fence, in the base tree and
# in the patched one, for x86_64 defconfig (SMP, no lock debugging) and for
# the configurations where a spinlock is bigger: DEBUG_SPINLOCK, lockdep
# (PROVE_LOCKING) and PREEMPT_RT. The inline lock puts a spinlock_t into
# every fence, so those are where the series costs memory. The probe
# tools/sizes/fence_sizes.c is compiled against each tree and config, and nm
# reads the sizes back. Prints a table per config and writes them to
# build/results/sizes.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux
out=build/sizes
mkdir -p "$out" build/results
[ -d "$out/base-src" ] || git -C "$TREE" worktree add -q --detach "$PWD/$out/base-src" base

# name: options enabled on top of defconfig
configs=(
	"defconfig:"
	"debug-spinlock:DEBUG_SPINLOCK"
	"lockdep:PROVE_LOCKING"
	"preempt-rt:EXPERT PREEMPT_RT"
)

probe() {	# probe SRC NAME OPTIONS: compile the probe, print "struct size"
	local src=$1 o=$PWD/$out/$2 opt
	mkdir -p "$o/probe"
	cp tools/sizes/fence_sizes.c tools/sizes/Kbuild "$o/probe/"
	mk() { make -s -C "$src" O="$o" ARCH=x86_64 CC="ccache gcc" "$@"; }
	if [ ! -f "$o/.config" ]; then
		mk defconfig
		for opt in $3; do "$src/scripts/config" --file "$o/.config" -e "$opt"; done
		mk olddefconfig
		for opt in $3; do
			grep -q "^CONFIG_$opt=y" "$o/.config" ||
				die "$2: CONFIG_$opt did not stick in $o/.config"
		done
	fi
	mk -j"$(nproc)" modules_prepare
	mk M="$o/probe" fence_sizes.o
	nm -S --size-sort "$o/probe/fence_sizes.o" |
		while read -r _ size _ sym; do [[ $sym == size_* ]] && echo "${sym#size_} $((16#$size))"; done
}

for c in "${configs[@]}"; do
	name=${c%%:*} opts=${c#*:}
	probe "$PWD/$out/base-src" "base-$name" "$opts" | sort > "$out/base-$name.txt"
	probe "$PWD/$TREE" "patched-$name" "$opts" | sort > "$out/patched-$name.txt"
	echo "$name${opts:+ (+${opts// /, +})}:"
	join "$out/base-$name.txt" "$out/patched-$name.txt" |
		awk '{ printf "  %-18s %6d %8d %6d\n", $1, $2, $3, $2 - $3 }' |
		sed '1i\  struct               base  patched  saved'
done | tee build/results/sizes.txt
