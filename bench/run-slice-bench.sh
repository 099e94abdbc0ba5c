#!/bin/sh
# Measures the agent's hot path: ns per slice enter/exit and per exchange, and bytes allocated per op (-prof gc).
# Usage: bench/run-slice-bench.sh [extra JMH options]; builds the project first if needed.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package
exec java -jar "$jar" SliceBenchmark -f 2 -wi 5 -w 1s -i 5 -r 1s -prof gc "$@"
