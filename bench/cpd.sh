#!/usr/bin/env bash
# make cpd: PMD's copy-paste detector over src/main/java (bench/cpd/pom.xml: maven-pmd-plugin
# 3.28.0, PMD 7, blocks of 100 tokens or more). Prints how many duplicated blocks it found and
# where; writes target/cpd/cpd.xml and target/cpd/reports/cpd.html. Duplicates never fail it.
#   CPD_ROOT=DIR     another checkout to look at (default: this one), e.g. a git worktree
#   CPD_TOKENS=N     minimum block size in tokens (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(cd "${CPD_ROOT:-.}" && pwd)
mvn -B -q -Dstyle.color=never -f bench/cpd/pom.xml pmd:cpd -Dcpd.root="$root" \
  -Dcpd.minimumTokens="${CPD_TOKENS:-100}"
xml=$root/target/cpd/cpd.xml
[ -f "$xml" ] || { echo "error: CPD wrote no $xml" >&2; exit 1; }
# One <duplication lines= tokens=> per block, then one <file .../> per copy (line= before path=).
awk -v root="$root" '
  /<duplication / { n++; match($0, /lines="[0-9]+"/); l = substr($0, RSTART + 7, RLENGTH - 8)
                    match($0, /tokens="[0-9]+"/); t = substr($0, RSTART + 8, RLENGTH - 9)
                    printf "block %d: %s lines, %s tokens, copies at\n", n, l, t; inblock = 1 }
  /<\/duplication>/ { inblock = 0 }
  inblock && / line="/ { match($0, /line="[0-9]+"/); at = substr($0, RSTART + 6, RLENGTH - 7) }
  inblock && / path="/ { match($0, /path="[^"]+"/); p = substr($0, RSTART + 6, RLENGTH - 7)
                         sub(root "/src/main/java/", "", p); printf "  %s:%s\n", p, at }
  END { printf "cpd: %d duplicated block(s) of %s+ tokens in %s/src/main/java\n", n, tokens, root }
' tokens="${CPD_TOKENS:-100}" "$xml"
echo "cpd: report in $xml and ${xml%/cpd.xml}/reports/cpd.html" >&2
