# mpj-numerics: everything a fresh Debian 12 machine needs, from two commands:
#   make run    set up, build, and run PiMonteCarlo on every core
#   make test   set up, build, and run every test
SHELL := /bin/bash
.DEFAULT_GOAL := build

MPJ_HOME     := $(CURDIR)/mpj
JAR          := target/mpj-numerics.jar
CDS          := target/mpj-numerics.jsa
JVM_OPTIONS  := target/mpj-numerics.jvm-options
MVN          := mvn -B -q -Dstyle.color=never
M2           ?= $(HOME)/.m2/repository
MPJ_VERSION  := 0.44
MPJ_ARTIFACT := $(M2)/net/sf/mpjexpress/mpj/$(MPJ_VERSION)/mpj-$(MPJ_VERSION).jar
RELOAD4J     := $(M2)/ch/qos/reload4j/reload4j/1.2.25/reload4j-1.2.25.jar
# Building needs MPJ Express's jars, which make takes from Debian's libmpj-java; off Debian the
# release tarball (make dist) needs only a JDK. iproute2 (ss) is for the tests' MPJ daemons.
DEBS         := libmpj-java libcommons-cli-java libcommons-io-java libcommons-codec-java
DEBS_HINT    := building needs MPJ Express 0.44's jars, which make takes from Debian's libmpj-java: build on Debian 12 (a container will do), or use the release tarball (make dist), which needs only a JDK 17
TEST_DEBS    := iproute2
VERSION      := $(shell sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
DIST         := target/mpj-numerics-$(VERSION).tar.gz
SOURCES      := pom.xml $(shell find src/main -type f 2>/dev/null)

# Arguments for `make run`, e.g. make run ARGS="--samples 1e9"; NP defaults to all cores.
ARGS ?=
NP   ?=

.PHONY: build setup tools debs dist dist-test run test cluster-test bench bench-debs bench-smoke bench-headline bench-primecount bench-simd jmh cpd wheel-crossing clean distclean help

help:
	@echo "make run     build and run PiMonteCarlo (ARGS=..., NP=...)"
	@echo "make test    build and run all tests"
	@echo "make build   build target/mpj-numerics.jar and the MPJ home in mpj/"
	@echo "make dist    the release tarball $(DIST): runs anywhere with a JDK 17, no root"
	@echo "make cluster-test   3 hosts in network namespaces, a 3-node SLURM cluster (root)"
	@echo "make bench   start-up and job sweep against reference programs with plots, then JMH (QUICK=1: short)"
	@echo "make jmh     JMH benchmarks of every kernel (BENCH=full: longer)"
	@echo "make bench-headline   the issues' headline comparisons at np 2 (long)"
	@echo "make bench-primecount pi(x) and NthPrime against primecount (MAX_K=16: stop at 1e16)"
	@echo "make bench-simd   PiMonteCarlo vs C AVX-512, the sieve vs primesieve, peak RSS (long)"
	@echo "make cpd     PMD's copy-paste detector over src/main/java (report in target/cpd/)"

# What make itself cannot install: one line naming what is missing.
tools:
	@for t in java mvn; do command -v $$t >/dev/null || { echo "error: building needs $$t on the PATH: a JDK 17 or newer and Maven 3.8 or newer" >&2; exit 1; }; done

debs: tools
	@DEBS_HINT="$(DEBS_HINT)" scripts/install-debs.sh $(DEBS)

$(RELOAD4J):
	$(MVN) dependency:get -Dartifact=ch.qos.reload4j:reload4j:1.2.25 -Dtransitive=false

# The MPJ home: real copies of Debian's jars plus reload4j; rebuilt only when missing.
$(MPJ_HOME)/lib/.complete: scripts/assemble-mpj-home.sh | debs $(RELOAD4J)
	@scripts/assemble-mpj-home.sh $(MPJ_HOME) $(RELOAD4J)
	@touch $@

# Compile against the home's mpj.jar, installed once into the local Maven repository
# (so IDEs resolve it from the pom like any other dependency).
$(MPJ_ARTIFACT): | $(MPJ_HOME)/lib/.complete
	$(MVN) install:install-file -Dfile=$(MPJ_HOME)/lib/mpj.jar -DgroupId=net.sf.mpjexpress \
	  -DartifactId=mpj -Dversion=$(MPJ_VERSION) -Dpackaging=jar -DgeneratePom=true

setup: debs $(MPJ_HOME)/lib/.complete $(MPJ_ARTIFACT)

$(JAR): $(SOURCES) | setup
	$(MVN) package -DskipTests

# The class data sharing archive mpjrun.sh starts jobs with (a small job's classes).
$(CDS): $(JAR) $(JVM_OPTIONS)
	@scripts/cds-archive.sh $@

# Every job's declared JVM options, which mpjrun.sh starts a multicore job's JVM with.
$(JVM_OPTIONS): $(JAR)
	java -cp $(JAR) mpjnumerics.launch.Main --jvm-options >$@.tmp && mv -f $@.tmp $@

build: setup $(JAR) $(JVM_OPTIONS) $(CDS)

run: build
	mpj/bin/mpjrun.sh $(if $(NP),-np $(NP)) PiMonteCarlo $(ARGS)

# The release tarball (scripts/make-dist.sh says what it holds).
dist: build
	@scripts/make-dist.sh $(VERSION) $(DIST)

# The tarball unpacked and run by an unprivileged user with only a JDK and coreutils, on Java 17
# and 25 (src/test/dist/run.sh; DIST_TESTS=skip skips it).
dist-test: dist
	src/test/dist/run.sh $(DIST)

# The unit, job and launcher tests, the release tarball's test, the cluster tests, then the
# smoke test of make bench's quick mode.
test: setup
	@scripts/install-debs.sh $(TEST_DEBS)
	mvn -B -Dstyle.color=never verify
	$(MAKE) dist-test
	$(MAKE) cluster-test
	$(MAKE) bench-smoke

# Three hosts in network namespaces (niodev, hybdev through MPJ daemons) and a three-node
# SLURM cluster on them (every jobs/ script through sbatch, the daemon-free srun launch).
CLUSTER_DEBS := slurm-wlm munge procps bc util-linux
cluster-test: dist
	@scripts/install-debs.sh $(CLUSTER_DEBS)
	src/test/cluster/run.sh

# Reference programs for the benchmarks: C + Open MPI, primesieve, mpi4py; GNU time for RSS.
BENCH_DEBS := openmpi-bin libopenmpi-dev primesieve-bin primecount-bin bc python3-mpi4py time gcc

bench-debs:
	@scripts/install-debs.sh $(BENCH_DEBS)

# The start-up measurement and the job sweep (bench/run.sh; QUICK=1, REPS=N, STARTUP_REPS=N,
# NIODEV=0), then JMH unless QUICK=1. bench/README.md says how to read the results.
bench: build bench-debs
	bench/run.sh
	$(if $(filter 1,$(QUICK)),,$(MAKE) jmh)

# Runs the quick sweep and checks its CSV, summary and plots are well formed.
bench-smoke: build bench-debs
	bench/references.sh
	$(MVN) -f bench/sweep/pom.xml verify

bench-headline: build bench-debs
	bench/headline.sh

# The combinatorial pi(x) and NthPrime against primecount, 10^12 .. 10^(MAX_K) (default 18).
bench-primecount: build bench-debs
	bench/primecount.sh

# Issue 22's and 20's goals at np 2: PiMonteCarlo against C with AVX-512 and scalar C, the
# sieve jobs against primesieve -t2, with peak RSS; np 1 against np 2 (REPS=N, default 3).
bench-simd: build bench-debs
	bench/simd.sh

# JMH benchmarks of every kernel, single-threaded. BENCH=full for longer, steadier runs.
JMH_OPTS := $(if $(filter full,$(BENCH)),-f 2 -wi 5 -i 10,-f 1 -wi 2 -w 1s -i 3 -r 1s)
jmh: build
	$(MVN) -f bench/jmh/pom.xml package
	java -cp "bench/jmh/target/classes:$(JAR):$$(cat bench/jmh/target/classpath.txt)" \
	  org.openjdk.jmh.Main $(JMH_OPTS) -jvmArgsAppend --add-modules=jdk.incubator.vector $(JMH)

# PMD's copy-paste detector (maven-pmd-plugin 3.28.0, PMD 7) over src/main/java: prints the
# duplicated blocks of 100+ tokens (CPD_TOKENS=N) and writes target/cpd/; never fails on them.
cpd:
	bench/cpd.sh

# Regenerates the sieve's per-residue crossing loops (a test fails while they are stale).
wheel-crossing:
	javac -d target/wheel-crossing src/main/java/mpjnumerics/kernel/primes/Wheel30.java \
	  src/build/java/mpjnumerics/kernel/primes/WheelCrossingSource.java
	java -cp target/wheel-crossing mpjnumerics.kernel.primes.WheelCrossingSource

clean:
	rm -rf target bench/jmh/target bench/sweep/target bench/work

distclean: clean
	rm -rf mpj/lib mpj/conf mpj/logs
