#!/usr/bin/env bash
# src/test/dist/run.sh TARBALL: the release tarball as a cluster user meets it. An unprivileged
# user (nobody, when this runs as root), in an empty folder, with a PATH holding only a JDK and
# coreutils (and bash, tar and gzip to unpack and run the scripts), no MPJ_HOME: unpacks it, runs
# --version, --help, PiMonteCarlo and PrimeCount, and requires the results of the source tree's
# own run. Once with Java 17 (java on the PATH) and once with Java 25 (JAVA_HOME, no java on the
# PATH). Then the environment's edges: a broken MPJ_HOME, an MPJ_HOME in MPJ Express's own
# release layout, a JDK older than 17. It fails when it cannot run, unless DIST_TESTS=skip.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
tarball=$(readlink -f "${1:?usage: run.sh TARBALL}")
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}

cannot_run() {
  if [ "${DIST_TESTS:-}" = skip ]; then
    echo "release tests skipped (DIST_TESTS=skip): $1" >&2
    exit 0
  fi
  echo "error: release tests cannot run: $1 (DIST_TESTS=skip skips them)" >&2
  exit 1
}
[ -f "$tarball" ] || cannot_run "no $tarball (make dist)"
for j in "$JDK17" "$JDK25"; do [ -x "$j/bin/java" ] || cannot_run "no JDK at $j"; done
command -v dpkg-query >/dev/null || cannot_run "no dpkg-query to list coreutils' commands"
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || cannot_run "no setpriv (util-linux) to become nobody"
  as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  as_user() { "$@"; }  # already an ordinary user
fi

work=$(mktemp -d /tmp/mpj-dist-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
failures=0
ok() { echo "release test: ok   $*" >&2; }
bad() { echo "release test: FAIL $*" >&2; failures=$((failures + 1)); }

# The PATH: coreutils' commands, bash, tar and gzip, as links in one folder.
tools=$work/tools
mkdir "$tools"
while IFS= read -r f; do
  case "$f" in */bin/*|*/sbin/*) [ -f "$f" ] && [ -x "$f" ] && ln -sf "$f" "$tools/${f##*/}" ;; esac
done < <(dpkg-query -L coreutils)
for t in bash tar gzip; do ln -sf "$(command -v "$t")" "$tools/$t"; done
[ -e "$tools/cat" ] && [ -e "$tools/mktemp" ] || cannot_run "coreutils' commands not found"

result_of() { local r=${1#*\"result\":}; [ "$r" != "$1" ] && echo "${r%%,\"wallSeconds\"*}"; }
want_pi=$(result_of "$(mpj/bin/mpjrun.sh -np 4 PiMonteCarlo --samples 1e6 --json 2>/dev/null)")
want_pc=$(result_of "$(mpj/bin/mpjrun.sh -np 4 PrimeCount --to 1e8 --json 2>/dev/null)")
[ -n "$want_pi" ] && [ -n "$want_pc" ] || cannot_run "the source tree's own runs failed (make build)"
name=$(basename "$tarball" .tar.gz)
version=${name#mpj-numerics-}

# in_home CASE ENV... -- SCRIPT: runs SCRIPT with bash as the user, in the case's empty home,
# with only the ENV given; stdout to CASE.out, stderr to CASE.err; returns its status.
user_run() {
  local dir=$1 tag=$2
  shift 2
  as_user env -i HOME="$dir" LANG=C.UTF-8 "$@" >"$dir/$tag.out" 2>"$dir/$tag.err" </dev/null
}

check_case() {  # check_case LABEL JAVA_FEATURE ENV...
  local label=$1 feature=$2 dir
  shift 2
  dir=$work/$label
  mkdir "$dir"
  cp "$tarball" "$dir/"
  chmod 644 "$dir/$name.tar.gz"
  [ "$(id -u)" = 0 ] && chown -R 65534:65534 "$dir"
  local t0 t1
  t0=$(date +%s.%N)
  if ! user_run "$dir" first "$@" bash -c "cd '$dir' && tar xzf '$name.tar.gz' && cd '$name' && bin/mpjrun.sh -np 4 PiMonteCarlo --samples 1e6 --json"; then
    bad "$label: unpack and PiMonteCarlo: $(head -c 400 "$dir/first.err")"
    return
  fi
  t1=$(date +%s.%N)
  echo "release timing: $label: unpack to first result $(echo "$t1 - $t0" | bc -l | xargs printf '%.2f') s" >&2
  local home=$dir/$name
  [ "$(result_of "$(cat "$dir/first.out")")" = "$want_pi" ] && ok "$label: PiMonteCarlo's result is the source tree's" \
    || bad "$label: PiMonteCarlo: $(cat "$dir/first.out") vs $want_pi"
  if user_run "$dir" pc "$@" bash -c "cd '$home' && bin/mpjrun.sh -np 4 PrimeCount --to 1e8 --json" \
      && [ "$(result_of "$(cat "$dir/pc.out")")" = "$want_pc" ]; then
    ok "$label: PrimeCount's result is the source tree's"
  else
    bad "$label: PrimeCount: $(cat "$dir/pc.out") $(head -c 300 "$dir/pc.err")"
  fi
  # From another folder, through a symbolic link, as a modulefile's PATH would run it.
  if user_run "$dir" version "$@" bash -c "cd '$dir' && ln -s '$home/bin/mpjrun.sh' mpjrun && ./mpjrun --version" \
      && grep -Eqx "mpj-numerics $version \(built [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\)" "$dir/version.out" \
      && grep -qx "MPJ Express 0.44 ($home)" "$dir/version.out" \
      && grep -q "^Java $feature[.+]" "$dir/version.out"; then
    ok "$label: --version: $(tr '\n' ';' <"$dir/version.out")"
  else
    bad "$label: --version: $(cat "$dir/version.out" "$dir/version.err")"
  fi
  if user_run "$dir" help "$@" bash -c "cd '$home' && bin/mpjrun.sh --help && bin/mpjrun.sh PiMonteCarlo --help && bin/mpjrun.sh PrimeCount --version" \
      && grep -q "PiMonteCarlo, " "$dir/help.out" && grep -q -- "--seed N " "$dir/help.out" \
      && grep -qx "MPJ Express 0.44 ($home)" "$dir/help.out"; then
    ok "$label: --help, JOB --help, JOB --version"
  else
    bad "$label: --help: $(head -c 300 "$dir/help.out") $(head -c 300 "$dir/help.err")"
  fi
  if [ "$(id -u)" = 0 ]; then
    local other
    other=$(find "$home" ! -uid 65534 -print -quit)
    [ -z "$other" ] && ok "$label: every file the run made is the user's" || bad "$label: $other is not the user's"
  fi
}

check_case java17 17 PATH="$JDK17/bin:$tools"
check_case java25 25 PATH="$tools" JAVA_HOME="$JDK25"

# The environment's edges, on the Java 17 case's unpacked release.
home=$work/java17/$name
edge() {  # edge LABEL EXPECTED_STATUS EXPECTED_STDERR_REGEX ENV... -- ARGS
  local label=$1 want=$2 regex=$3 status=0
  shift 3
  user_run "$work/java17" edge "$@" || status=$?
  if [ "$status" = "$want" ] && [ "$(grep -c . "$work/java17/edge.err")" -le 1 ] && grep -Eq "$regex" "$work/java17/edge.err"; then
    ok "$label: exit $status, $(cat "$work/java17/edge.err")"
  else
    bad "$label: exit $status: $(head -c 400 "$work/java17/edge.err")"
  fi
}
edge "an MPJ_HOME without MPJ Express" 1 "^error: MPJ_HOME=$work/java17 is not an MPJ Express home" \
  PATH="$JDK17/bin:$tools" MPJ_HOME="$work/java17" "$home/bin/mpjrun.sh" -np 2 Hello
mkdir -p "$work/java17/old-jdk/bin"
printf 'JAVA_VERSION="11.0.24"\n' >"$work/java17/old-jdk/release"
printf '#!/bin/sh\necho "this JDK is too old to run" >&2\nexit 1\n' >"$work/java17/old-jdk/bin/java"
chmod 755 "$work/java17/old-jdk/bin/java"
edge "a JDK 11 in JAVA_HOME" 1 "^error: .*Java 11; mpj-numerics needs Java 17 or newer" \
  PATH="$tools" JAVA_HOME="$work/java17/old-jdk" "$home/bin/mpjrun.sh" -np 2 Hello
edge "no java at all" 1 "^error: no java on the PATH" PATH="$tools" "$home/bin/mpjrun.sh" -np 2 Hello
# MPJ Express's own release names log4j log4j-1.2.11.jar only.
own=$work/java17/mpj-v0_44
mkdir -p "$own/lib" "$own/conf"
cp "$home"/lib/*.jar "$own/lib/"
rm "$own/lib/log4j-1.2.jar" "$own/lib/mpj-numerics.jar"
cp "$home/conf/mpjexpress.conf" "$own/conf/"
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$work/java17"
if user_run "$work/java17" own PATH="$JDK17/bin:$tools" MPJ_HOME="$own" bash -c \
    "'$home/bin/mpjrun.sh' --version && '$home/bin/mpjrun.sh' -np 4 PiMonteCarlo --samples 1e6 --json" \
    && grep -qx "MPJ Express 0.44 ($own)" "$work/java17/own.out" \
    && [ "$(result_of "$(tail -n 1 "$work/java17/own.out")")" = "$want_pi" ]; then
  ok "an MPJ_HOME of MPJ Express's own layout is the one used, same result"
else
  bad "an MPJ_HOME of MPJ Express's own layout: $(cat "$work/java17/own.out") $(head -c 400 "$work/java17/own.err")"
fi

echo "release test: $(du -k "$tarball" | cut -f1) KiB tarball; $failures failures" >&2
[ "$failures" = 0 ]
