#!/usr/bin/env bash
# make-dist.sh VERSION OUT.tar.gz: the release tarball, from what make build made. Unpacked by
# anyone anywhere, it needs only a JDK 17 or newer: its top folder is the bundled MPJ Express
# home (bin/, lib/, conf/, as MPJ's own release lays it out), with the project's jar in lib/.
#
#   bin/mpjrun.sh, bin/mpjdaemon.sh   the launch scripts
#   lib/                              MPJ Express's jars (Debian's libmpj-java, log4j as
#                                     reload4j), mpj-numerics.jar and its JVM options table
#   conf/mpjexpress.conf              MPJ Express's configuration
#   jobs/                             the SLURM batch scripts
#   logs/                             where the batch scripts write (SLURM does not create it)
#   modulefiles/mpj-numerics          an Lmod / Environment Modules modulefile template
#   doc/                              the output contract (OUTPUT.md, report.schema.json)
#   licenses/                         the licence of every bundled jar
#   INSTALL                           the steps from download to first result
set -euo pipefail
version=${1:?usage: make-dist.sh VERSION OUT.tar.gz}
out=${2:?usage: make-dist.sh VERSION OUT.tar.gz}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
name=mpj-numerics-$version
jar=$root/target/mpj-numerics.jar
for f in "$jar" "$root/target/mpj-numerics.jvm-options" "$root/mpj/lib/starter.jar" "$root/mpj/conf/mpjexpress.conf"; do
  [ -f "$f" ] || { echo "error: $f missing: run 'make build' first" >&2; exit 1; }
done

stage=$(mktemp -d "$root/target/dist.XXXXXX")
trap 'rm -rf "$stage"' EXIT
top=$stage/$name
mkdir -p "$top"/{bin,lib,conf,jobs,logs,modulefiles,doc,licenses}

cp "$root/mpj/bin/mpjrun.sh" "$root/mpj/bin/mpjdaemon.sh" "$root/mpj/bin/free-port.sh" "$top/bin/"
cp "$root"/mpj/lib/*.jar "$top/lib/"
cp "$root/mpj/conf/mpjexpress.conf" "$top/conf/"
cp "$jar" "$top/lib/mpj-numerics.jar"
cp "$root/target/mpj-numerics.jvm-options" "$top/lib/mpj-numerics.jvm-options"
cp "$root"/jobs/*.sbatch "$root/jobs/lib.sh" "$root/jobs/README.md" "$top/jobs/"
cp "$root/doc/OUTPUT.md" "$root/doc/report.schema.json" "$top/doc/"
sed "s/@VERSION@/$version/g" "$root/scripts/dist/INSTALL" >"$top/INSTALL"
sed "s/@VERSION@/$version/g" "$root/scripts/dist/modulefile" >"$top/modulefiles/mpj-numerics"

# Licences: MPJ Express (MIT) for its jars; Apache Commons CLI, IO and Codec (Apache 2.0) as
# Debian ships them; reload4j (Apache 2.0, in lib/ as log4j-1.2*.jar) and SLF4J (MIT, inside
# mpj-numerics.jar) from their own jars.
lic=$top/licenses
cp /usr/share/doc/libmpj-java/copyright "$lic/MPJ-Express.txt"
for c in cli io codec; do
  cp "/usr/share/doc/libcommons-$c-java/copyright" "$lic/commons-$c.txt"
done
cp /usr/share/common-licenses/Apache-2.0 "$lic/Apache-2.0.txt"
extract() {  # extract JAR ENTRY FILE: one entry of a jar, with the JDK's jar tool
  local d
  d=$(mktemp -d "$stage/x.XXXXXX")
  (cd "$d" && jar xf "$1" "$2")
  [ -s "$d/$2" ] || { echo "error: no $2 in $1" >&2; exit 1; }
  cp "$d/$2" "$3"
}
extract "$top/lib/log4j-1.2.jar" META-INF/LICENSE "$lic/reload4j-LICENSE.txt"
extract "$top/lib/log4j-1.2.jar" META-INF/NOTICE "$lic/reload4j-NOTICE.txt"
extract "$jar" META-INF/LICENSE.txt "$lic/slf4j-LICENSE.txt"
{
  echo "Licences of the jars in this release"
  echo
  for j in "$top"/lib/*.jar; do
    b=$(basename "$j")
    case "$b" in
      mpj-numerics.jar) echo "lib/$b: mpj-numerics; contains SLF4J 2 (MIT: slf4j-LICENSE.txt)" ;;
      log4j-1.2*.jar) echo "lib/$b: reload4j, log4j 1.2's maintained fork (Apache 2.0: Apache-2.0.txt, reload4j-LICENSE.txt, reload4j-NOTICE.txt)" ;;
      commons-*.jar) echo "lib/$b: Apache $(basename "$b" .jar) (Apache 2.0: Apache-2.0.txt, ${b%.jar}.txt)" ;;
      *) echo "lib/$b: MPJ Express $(sed -n 's/^mpjexpress.version=//p' "$top/conf/mpjexpress.conf") (MIT: MPJ-Express.txt)" ;;
    esac
  done
} >"$lic/README"

# Readable by every user of a shared install; the table newer than the jar (mpjrun.sh uses it
# only then).
chmod -R u=rwX,go=rX "$top"
chmod a+x "$top"/bin/*.sh "$top"/jobs/*.sbatch
t=$(date +%s)
find "$top" -exec touch -h -d "@$t" {} +
touch -d "@$((t + 1))" "$top/lib/mpj-numerics.jvm-options"

mkdir -p "$(dirname "$out")"
tar -C "$stage" --owner=0 --group=0 --numeric-owner --sort=name -czf "$out.tmp" "$name"
mv -f "$out.tmp" "$out"
echo "$out: $(du -k "$out" | cut -f1) KiB" >&2
