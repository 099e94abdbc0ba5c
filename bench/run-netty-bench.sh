#!/bin/sh
# One exchange through Netty's real HTTP/1.1 and HTTP/2 server codecs (NettyExchangeBenchmark), in ns per exchange,
# measured three ways in one run: without the agent, with the agent instrumenting but not recording, and with the
# agent recording at its defaults; prints each and its ratio to no agent. The in-process path has no sockets and no
# event loop, so the ratios are larger than a real server's (bench/overhead.sh): they are for catching regressions.
# Usage: bench/run-netty-bench.sh; builds the project first if needed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/bench/target/benchmarks.jar"
agent="$root/agent/target/httpmem-agent.jar"
[ -f "$jar" ] && [ -f "$agent" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$agent" "$work/agent.jar"
run() { # run NAME [JVM ARGUMENTS]
  echo "== $1" >&2
  java -jar "$jar" NettyExchangeBenchmark -f 2 -wi 5 -w 1s -i 5 -r 1s -rf json -rff "$work/$1.json" \
    ${2:+-jvmArgsAppend "$2"} >"$work/$1.log" 2>&1 || { cat "$work/$1.log" >&2; exit 1; }
}
run none
run httpmem-no-recording "-javaagent:$work/agent.jar=log=off"
run httpmem "-javaagent:$work/agent.jar=out=$work/httpmem.jfr,log=off -XX:FlightRecorderOptions:old-object-queue-size=4096"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
configs = ["none", "httpmem-no-recording", "httpmem"]
scores = {}
for config in configs:
    for result in json.load(open("%s/%s.json" % (work, config))):
        name = result["benchmark"].rsplit(".", 1)[1]
        scores[(name, config)] = (result["primaryMetric"]["score"], result["primaryMetric"]["scoreError"])
print("%-16s %-22s %14s %10s" % ("benchmark", "configuration", "ns/exchange", "vs none"))
for name in sorted({n for n, _ in scores}):
    for config in configs:
        score, error = scores[(name, config)]
        print("%-16s %-22s %8.0f ± %-4.0f %9.3f" % (name, config, score, error, score / scores[(name, "none")][0]))
PY
