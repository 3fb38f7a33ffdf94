#!/usr/bin/env bash
# Assemble a working MPJ Express home in mpj/ from Debian's libmpj-java.
#
# Debian's layout (symlinks into /usr/share/java, conf under /etc) breaks MPJ's
# own class-path logic, so the home gets real copies of every jar in one lib/.
# log4j 1.2.17 is replaced by reload4j (its maintained, CVE-fixed fork) under
# the file names MPJ's manifests and daemon expect.
set -euo pipefail
home=${1:?usage: assemble-mpj-home.sh MPJ_HOME RELOAD4J_JAR}
reload4j=${2:?usage: assemble-mpj-home.sh MPJ_HOME RELOAD4J_JAR}
src=/usr/share/mpj/lib

[ -d "$src" ] || { echo "error: $src not found: is libmpj-java installed?" >&2; exit 1; }
[ -f "$reload4j" ] || { echo "error: reload4j jar not found at $reload4j" >&2; exit 1; }

tmp=$(mktemp -d "$home/.lib.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Copy the versionless names (they are symlinks to the versioned jars).
for link in "$src"/*.jar; do
  name=$(basename "$link")
  case "$name" in *-[0-9]*.jar) continue ;; esac
  cp -L "$link" "$tmp/$name"
done
for jar in commons-cli commons-io commons-codec; do
  cp -L "/usr/share/java/$jar.jar" "$tmp/$jar.jar"
done
cp "$reload4j" "$tmp/log4j-1.2.jar"
cp "$reload4j" "$tmp/log4j-1.2.11.jar"
# The niodev daemon starts ranks with runtime.daemon.Wrapper from lib/wrapper.jar.
cp "$tmp/daemon.jar" "$tmp/wrapper.jar"

for jar in mpj mpi mpjdev mpiExp smpdev xdev mpjbuf niodev hybdev starter daemon runtimecommon; do
  [ -f "$tmp/$jar.jar" ] || { echo "error: $jar.jar missing from libmpj-java" >&2; exit 1; }
done

# mktemp made the folder for its owner only: other users of a shared install read it too.
chmod a+rX "$tmp" "$tmp"/*.jar
rm -rf "$home/lib" "$home/conf"
mkdir -p "$home/conf" "$home/logs"
cp -L /usr/share/mpj/conf/mpjexpress.conf "$home/conf/mpjexpress.conf"
mv "$tmp" "$home/lib"
trap - EXIT
echo "assembled MPJ Express home in $home" >&2
