#!/bin/bash
# Compile, with x86_64 allmodconfig (-Werror), every object in build/linux
# that uses the dma-fence API surface the series changes, plus every .c file
# the series touches.  Only those objects are built, after "make prepare".
# Writes "passed failed 0" to build/results/treewide.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux
O=$PWD/build/allmod
res=build/results/treewide
mkdir -p build/results "$O"
rm -f "$res"

# The API surface: files that mention dma_fence and use one of these, and
# every file that mentions a fence and takes some ->lock or .lock (a fence's
# lock is often reached through a driver struct: job->fence.lock).
surface='dma_fence_(init|set_error|signal)|->(ops|lock)\b'
list=$O/users.txt
{
	comm -12 <(git -C "$TREE" grep -l -E "$surface" -- '*.c' | sort) \
		 <(git -C "$TREE" grep -l 'dma_fence' -- '*.c' | sort)
	comm -12 <(git -C "$TREE" grep -l -E '(->|\.)lock\b' -- '*.c' | sort) \
		 <(git -C "$TREE" grep -l -i 'fence' -- '*.c' | sort)
	git -C "$TREE" diff --name-only --diff-filter=AM base..HEAD -- '*.c'
} | grep -v -E '^(tools|Documentation|samples|scripts)/' |
	grep -v -E '^(arch|drivers/dma/ppc4xx|kernel/kcsan)/' | sort -u > "$list"
# Other architectures' files cannot build here, nor can kcsan_test.c without
# CONFIG_KCSAN, which allmodconfig cannot enable.
say "$(wc -l < "$list") files use the changed dma-fence API"

mk() { make -s -C "$TREE" O="$O" ARCH=x86_64 CC="ccache gcc" "$@"; }
mk allmodconfig		# again each time: the series may add Kconfig symbols
mk -j"$(nproc)" prepare

# A file another .c #includes (i915's selftests) is built through it; amdgpu
# builds the other amd/ directories as ../X/file.o from its own Makefile.
objs=$(while read -r f; do
	inc=$(git -C "$TREE" grep -l -E "#include \"([a-z0-9_/.]*/)?$(basename "$f")\"" \
		-- "$(dirname "$(dirname "$f")")/*.c" | grep -v -x -F "$f" | head -1)
	[ -z "$inc" ] || f=$inc
	case $f in
	drivers/gpu/drm/amd/amdgpu/*) ;;
	drivers/gpu/drm/amd/*) f=drivers/gpu/drm/amd/amdgpu/../${f#drivers/gpu/drm/amd/} ;;
	esac
	echo "${f%.c}.o"
done < "$list" | sort -u)
(cd "$O" && rm -f $objs)
set +e
mk -k -j"$(nproc)" $objs > "$O/build.log" 2>&1
rc=$?
set -e
passed=0 failed=0 skipped=0
for obj in $objs; do
	src=$(realpath -m --relative-to=. "${obj%.o}.c")
	if [ -f "$O/$obj" ]; then
		passed=$((passed + 1))
	elif grep -q -F "$src:" "$O/build.log"; then
		failed=$((failed + 1))
		echo "FAIL: $src"
		grep -F -A3 "$src:" "$O/build.log" | head -20 | sed 's/^/    /'
	else
		skipped=$((skipped + 1))	# not built by x86_64 allmodconfig
	fi
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	echo "FAIL: make exited $rc:"; grep -E 'error|Error' "$O/build.log" | head -20
	failed=1
fi
echo "$passed $failed 0" > "$res"
say "tree-wide compile: $passed objects built, $failed failed, $skipped not in x86_64 allmodconfig"
[ "$failed" -eq 0 ]
