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

set +e
allmod_compile "$TREE" "$O" $(allmod_objs "$TREE" < "$list")
set -e
passed=$ALLMOD_PASSED failed=$ALLMOD_FAILED skipped=$ALLMOD_SKIPPED
echo "$passed $failed 0" > "$res"
say "tree-wide compile: $passed objects built, $failed failed, $skipped not in x86_64 allmodconfig"
[ "$failed" -eq 0 ]
