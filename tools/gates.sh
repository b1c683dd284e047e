#!/bin/bash
# Static gates for every patch of the series (commits base..HEAD of build/linux):
#  - checkpatch.pl --strict: no error, warning or check, except those listed
#    with a reason in checkpatch-exceptions.txt;
#  - scripts/kernel-doc -none -Wall on the files the patch touches: no more
#    warnings than before the patch;
#  - bisectable: the patch builds and passes the dma-buf KUnit suites on UML,
#    and those of its .c files UML does not build (GPU drivers) compile with
#    x86_64 allmodconfig at its commit;
# and for the series as a whole:
#  - sparse (C=2, x86_64 allmodconfig) adds no warning to the .c files the
#    series touches, compared to the base.
# Writes "passed failed 0" to build/results/gates (one check per gate and patch).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux
WT=$PWD/build/gates/linux	# a second work tree: build/linux is never touched
res=build/results/gates
top=$PWD
mkdir -p build/results
rm -f "$res"
passed=0 failed=0
ok()   { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

[ -d "$WT" ] || { mkdir -p build/gates; git -C "$TREE" worktree add -q --detach "$WT" base; }
co() { git -C "$WT" checkout -q --detach "$1"; }
SO=$top/build/gates/allmod	# x86_64 allmodconfig objects of $WT

# checkpatch exceptions: "TYPE patch-name-glob reason..."
ignored_types() {
	local type glob reason
	while read -r type glob reason; do
		case $type in ''|\#*) continue ;; esac
		# shellcheck disable=SC2053
		if [[ $1 == $glob ]]; then printf '%s,' "$type"; fi
	done < checkpatch-exceptions.txt
}

kdoc_count() {	# rev file: kernel-doc warnings of file at rev
	git -C "$TREE" cat-file -e "$1:$2" 2>/dev/null || { echo 0; return; }
	mkdir -p "$top/build/gates/kdoc"
	local tmp=$top/build/gates/kdoc/$(basename "$2")
	git -C "$TREE" show "$1:$2" > "$tmp"
	"$TREE/scripts/kernel-doc" -none -Wall "$tmp" 2>&1 | grep -c -i warn || true
}

uml_relevant() {	# commit: does it touch what the gates' UML kernel builds?
	local f ub=$top/build/gates/kunit-uml
	[ -d "$ub" ] || return 0
	for f in $(git -C "$TREE" diff --name-only "$1^" "$1"); do
		case $f in
		Documentation/*|tools/*|scripts/*|MAINTAINERS) ;;	# not built
		include/*|arch/*) return 0 ;;			# used anywhere
		*/*) compgen -G "$ub/$(dirname "$f")/*.o" > /dev/null && return 0 ;;
		*) return 0 ;;				# top-level Makefile, Kconfig
		esac
	done
	return 1
}

# The Kconfig files of the checked-out commit, as one hash.
kconfig_sum() { git -C "$WT" ls-files -s -- '*Kconfig*' | sha256sum; }
allmod_kconfig=

commits=$(git -C "$TREE" rev-list --reverse base..HEAD)
i=0
for c in $commits; do
	i=$((i + 1))
	name=$(git -C "$TREE" log -1 --format=%s "$c")
	say "patch $i: $name"
	t0=$SECONDS
	pname=$(printf '%04d' "$i")-$(git -C "$TREE" log -1 --format=%f "$c")

	# checkpatch
	ign=$(ignored_types "$pname")
	if git -C "$TREE" format-patch -1 --stdout "$c" |
	   PATH=/usr/bin:$PATH "$TREE/scripts/checkpatch.pl" --strict --quiet --show-types \
		${ign:+--ignore "$ign"} - > build/gates/checkpatch.out 2>&1; then
		ok
	else
		fail "checkpatch on patch $i ($name):"; sed 's/^/    /' build/gates/checkpatch.out | head -30
	fi

	# kernel-doc: no new warnings in touched files
	kd_bad=0
	for f in $(git -C "$TREE" diff --name-only --diff-filter=AM "$c^" "$c" -- '*.c' '*.h'); do
		before=$(kdoc_count "$c^" "$f") after=$(kdoc_count "$c" "$f")
		if [ "$after" -gt "$before" ]; then
			kd_bad=1
			fail "kernel-doc on patch $i: $f has $after warnings, $before before"
		fi
	done
	[ "$kd_bad" -eq 1 ] || ok

	# bisectable: builds and passes the dma-buf suites on UML. Not for a
	# patch none of whose files is in a directory the UML kernel builds
	# (GPU drivers, documentation, tools): that run would prove nothing;
	# the treewide stage compiles those files.
	co "$c"
	if ! uml_relevant "$c"; then
		echo "    (bisect run skipped: no file of patch $i is built for UML)"
	elif (cd "$WT" && ./tools/testing/kunit/kunit.py run \
		--kunitconfig=drivers/dma-buf --kunitconfig="$top/configs/uml.config" \
		--build_dir="$top/build/gates/kunit-uml" --jobs="$(nproc)" --timeout=600 \
		--make_options=CC="ccache gcc") > build/gates/kunit-uml.out 2>&1; then
		ok
	else
		fail "patch $i does not build or pass on its own ($name):"
		grep -E 'error:|Error|FAILED|CRASHED|not ok' build/gates/kunit-uml.out | head -20 | sed 's/^/    /'
	fi

	# bisectable where UML does not reach: the .c files of the patch that
	# the UML kernel did not build compile at this commit with x86_64
	# allmodconfig (GPU drivers and the like).
	objs=$(git -C "$TREE" diff --name-only --diff-filter=AM "$c^" "$c" -- '*.c' |
		{ grep -v -E '^(tools|Documentation|samples|scripts|arch)/' || true; } |
		while read -r f; do
			[ -f "$top/build/gates/kunit-uml/${f%.c}.o" ] || echo "$f"
		done | allmod_objs "$WT")
	if [ -n "$objs" ]; then
		# allmodconfig again only when a Kconfig file changed since the
		# last one: kbuild itself follows every other change.
		if [ ! -f "$SO/.config" ] || [ "$(kconfig_sum)" != "$allmod_kconfig" ]; then
			allmod_config "$WT" "$SO" > build/gates/allmod.out 2>&1 ||
				{ cat build/gates/allmod.out; die "allmodconfig at patch $i"; }
			allmod_kconfig=$(kconfig_sum)
		fi
		# shellcheck disable=SC2086
		if ALLMOD_CONFIGURED=1 allmod_compile "$WT" "$SO" $objs > build/gates/allmod.out; then
			ok
			echo "    compiled at this commit (x86_64 allmodconfig): $ALLMOD_PASSED objects, $ALLMOD_SKIPPED not in that config"
		else
			fail "patch $i does not compile on its own ($name):"
			sed 's/^/    /' build/gates/allmod.out | head -30
		fi
	fi
	echo "    ($((SECONDS - t0)) s)"
done

# sparse: compare the series' touched .c files on base and on HEAD
files=$(git -C "$TREE" diff --name-only --diff-filter=AM base..HEAD -- '*.c' |
	grep -v -E '^(tools|Documentation|samples|scripts|arch)/' || true)
sparse_run() {	# rev -> warnings, one per line, without line numbers
	co "$1"
	allmod_config "$WT" "$SO"
	local f objs
	# The files of the series this revision has, as allmodconfig builds
	# them (a file another one #includes, amdgpu's ../ paths).
	objs=$(for f in $files; do
		git -C "$WT" cat-file -e "HEAD:$f" 2>/dev/null && echo "$f"
	done | allmod_objs "$WT")
	[ -n "$objs" ] || return 0
	make -k -C "$WT" O="$SO" ARCH=x86_64 CC="ccache gcc" C=2 -j"$(nproc)" $objs 2>&1 |
		grep -E ': (warning|error):' | sed -E 's/:[0-9]+:[0-9]+:/:/' | sort || true
}
if [ -n "$files" ]; then
	sparse_run base > build/gates/sparse-base.txt
	sparse_run "$(git -C "$TREE" rev-parse HEAD)" > build/gates/sparse-head.txt
	new=$(comm -13 build/gates/sparse-base.txt build/gates/sparse-head.txt)
	if [ -z "$new" ]; then
		ok
	else
		fail "sparse: new warnings in files the series touches:"; echo "$new" | head -20 | sed 's/^/    /'
	fi
fi

echo "$passed $failed 0" > "$res"
say "gates: $passed passed, $failed failed over $i patches"
[ "$failed" -eq 0 ]
