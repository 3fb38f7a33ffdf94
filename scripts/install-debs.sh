#!/usr/bin/env bash
# Install the Debian packages named on the command line, only those missing.
# Idempotent: a machine that has them all runs no apt at all.
# Without apt (not Debian): one line naming the packages, and DEBS_HINT (what they are for and
# how else to get there) when the caller gives one.
set -euo pipefail
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "error: no apt on this machine to install Debian's $*${DEBS_HINT:+: $DEBS_HINT}" >&2
  exit 1
fi
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "installing Debian packages: ${missing[*]}" >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
