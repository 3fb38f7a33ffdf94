#!/usr/bin/env bash
# cds-archive.sh [ARCHIVE]: writes the class data sharing archive that mpj/bin/mpjrun.sh reads
# (target/mpj-numerics.jsa by default): the classes one small job loads (the launcher's,
# SLF4J's, the JDK's), dumped when it exits. Rewritten whole, so a reader never sees half.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
out=$(readlink -f "${1:-$root/target/mpj-numerics.jsa}")
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# Its stderr is shown only if it fails: the JVM lists the classes it cannot archive (MPJ's
# Java 5 classes), which is expected.
if ! log=$(MPJ_NUMERICS_CDS=0 "$root/mpj/bin/mpjrun.sh" -XX:ArchiveClassesAtExit="$tmp" \
    -np 2 CollatzSteps --to 1e6 2>&1 >/dev/null) || [ ! -s "$tmp" ]; then
  printf '%s\n' "$log" >&2
  echo "error: no class data sharing archive written to $out" >&2
  exit 1
fi
mv -f "$tmp" "$out"
