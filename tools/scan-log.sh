#!/bin/bash
# Usage: scan-log.sh LOG [ALLOWED]
# Fail if the kernel log LOG holds a splat (tools/splat-patterns.txt): any
# lockdep, KASAN, RCU, DEBUG_OBJECTS or kmemleak report, WARNING or BUG, even
# when every KUnit case passed.  ALLOWED (default 0) is the number of splats
# that tests deliberately trigger and count themselves; they are reported,
# and the scan fails if the log holds any other number of them.
set -euo pipefail
log=$1 allowed=${2:-0}
pat=$(dirname "$0")/splat-patterns.txt
n=$(grep -c -E -f "$pat" "$log" || true)
if [ "$n" -ne "$allowed" ]; then
	echo "SPLAT: $log has $n kernel report lines (expected $allowed):"
	grep -n -E -f "$pat" "$log" | head -20
	first=$(grep -n -m1 -E -f "$pat" "$log" | cut -d: -f1)
	echo "--- context of the first one (line $first):"
	sed -n "$((first > 5 ? first - 5 : 1)),$((first + 30))p" "$log"
	exit 1
fi
echo "log scan: $log clean ($n expected report lines)"
