#!/usr/bin/env bash
# The per-job cost that "build once" removes, measured the way a fresh CI job meets it: a clean clone compiling the
# build program (every job before) against a clean clone that restores an earlier job's build/bin and touches the
# stamp (every job after the first since). The stage work is the same in both, so `--plan` (start the program, print
# its usage) stands for it. Usage: bench/ci-build-once/measure.sh [repository] (default: this checkout).
set -eo pipefail
source_repo=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$source_repo" "$work/compile"
git clone -q "$source_repo" "$work/restore"
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
cd "$work/compile"
echo "compile + run (fresh clone): $(seconds ./build.sh --plan) s"
tar -cf "$work/program.tar" build/bin
cd "$work/restore"
echo "restore + run (fresh clone, build/bin restored, stamp touched): $(seconds bash -c "tar -xf '$work/program.tar' && mkdir -p .nuke/temp && touch .nuke/temp/build.stamp && ./build.sh --plan") s"
echo "run only: $(seconds ./build.sh --plan) s"
echo "build/bin: $(du -sh "$work/program.tar" | cut -f1)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
