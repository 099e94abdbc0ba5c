#!/bin/sh
# What the agent's virtual-thread clock costs virtual threads that do no work httpmem measures:
# bench/virtual-threads/YieldingVirtualThreads.java (rounds of 200,000 virtual threads yielding 5 times each) without
# the agent and with it (no recording), on a Java 21+ JDK, and the median of each run's last 6 rounds (the earlier ones
# compile the code, the agent's too).
# Usage: [JAVA_HOME=/path/to/jdk21+] bench/virtual-threads.sh   (default: the JDK 25 under /usr/lib/jvm)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$java_home/bin/java" ] || { echo "no Java 21+ at $java_home: set JAVA_HOME" >&2; exit 2; }
agent="$root/agent/target/httpmem-agent.jar"
[ -f "$agent" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$java_home/bin/javac" -d "$work" "$root/bench/virtual-threads/YieldingVirtualThreads.java"
median() { tail -6 | sed 's/.*: \([0-9]*\) ms/\1/' | sort -n | sed -n 3,4p | awk '{s += $1} END {printf "%.0f", s / 2}'; }
without=$("$java_home/bin/java" -cp "$work" YieldingVirtualThreads | median)
with=$("$java_home/bin/java" -javaagent:"$agent"=log=off -cp "$work" YieldingVirtualThreads | median)
printf 'median of the last 6 rounds: %s ms without the agent, %s ms with it (x%s)\n' "$without" "$with" \
  "$(awk -v a="$with" -v b="$without" 'BEGIN {printf "%.2f", a / b}')"
