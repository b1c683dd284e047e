#!/bin/bash
# Usage: scan-log.sh LOG
# Fail if the kernel log LOG holds a splat (tools/splat-patterns.txt): any
# lockdep, KASAN, RCU, DEBUG_OBJECTS or kmemleak report, WARNING or BUG, even
# when every KUnit case passed. The WARNINGs that tests trigger on purpose are
# listed in tools/expected-warnings.txt: each must appear exactly once (as
# often as it is listed), so a deliberate one can neither hide a real one
# nor silently stop happening. KCSAN=1 marks the log of a KCSAN kernel
# (below).
set -euo pipefail
log=$1
dir=$(dirname "$0")
splats=$(grep -n -E -f "$dir/splat-patterns.txt" "$log" || true)
# Logs of runs without the deliberate warnings set NO_EXPECTED_WARNINGS=1.
expected=
[ -n "${NO_EXPECTED_WARNINGS:-}" ] ||
	expected=$(grep -v -E '^(#|$)' "$dir/expected-warnings.txt" || true)
bad=0

# A regex listed N times must match N warnings (N WARN_ON_ONCE sites).
while read -r want re; do
	[ -n "$re" ] || continue
	n=$(printf '%s\n' "$splats" | grep -c -E "$re" || true)
	if [ "$n" -ne "$want" ]; then
		echo "SPLAT: the deliberate warning /$re/ appears $n times, expected $want"
		bad=1
	fi
done < <(printf '%s\n' "$expected" | sort | uniq -c)

other=$(printf '%s\n' "$splats" | grep -v -E "${expected:-^$}" | grep -v '^$' || true)
# KCSAN=1: the data-race run. A run without KCSAN would pass for nothing;
# the races of code outside the series, listed with their reasons in
# tools/kcsan-known.txt, are shown, not counted.
if [ -n "${KCSAN:-}" ]; then
	if ! grep -q 'kcsan: enabled early' "$log"; then
		echo "FAIL: KCSAN did not start in $log"
		bad=1
	fi
	known=$(grep -v -E '^(#|$)' "$dir/kcsan-known.txt")
	printf '%s\n' "$other" | grep -E "$known" | sed 's/^/known, not the series (see kcsan-known.txt): /' || true
	other=$(printf '%s\n' "$other" | grep -v -E "$known" || true)
fi
if [ -n "$other" ]; then
	echo "SPLAT: $log holds kernel reports:"
	printf '%s\n' "$other" | head -20
	first=$(printf '%s\n' "$other" | head -1 | cut -d: -f1)
	echo "--- context of the first one (line $first):"
	sed -n "$((first > 5 ? first - 5 : 1)),$((first + 30))p" "$log"
	bad=1
fi
[ "$bad" -eq 0 ] || exit 1
echo "log scan: $log clean ($(printf '%s\n' "$expected" | grep -c . || true) deliberate warnings seen once each)"
