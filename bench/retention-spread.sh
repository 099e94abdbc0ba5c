#!/bin/sh
# How much httpmem diff's per-exchange estimates swing from run to run on the same server and load.
# Runs the Jetty example's h2-body-retention scenario, leaky and clean, RUNS times each (default 10): 8,000
# HTTP/1.1 then 8,000 HTTP/2 requests for the seeds' 90 KiB body with httpmem load (4 connections), a full GC
# every 1,000 exchanges, and prints every run's estimates (B/exchange, 95% CI) and, per protocol and twin, their
# median and range. A flat protocol's estimates must stay within the verdict's floor (16 B/exchange).
# Usage: bench/retention-spread.sh [RUNS] [EXAMPLE]   (default: 10 jetty; KEEP=1 keeps the recordings)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
example=${2:-jetty}
jar="$root/examples/$example/target/httpmem-example-$example.jar"
[ -f "$jar" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package
work=$(mktemp -d)
# Private copies: a rebuild while the runs go on must not change what they measure.
cp "$jar" "$work/example.jar"
cp "$root/agent/target/httpmem-agent.jar" "$work/agent.jar"
cp "$root/cli/target/httpmem.jar" "$work/httpmem.jar"
httpmem() { java -jar "$work/httpmem.jar" "$@"; }
jar="$work/example.jar"
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null || true' EXIT
results="$work/results.tsv"
for run in $(seq 1 "$runs"); do
  for twin in leaky clean; do
    log="$work/server-$twin-$run.log"
    rec="$work/rec-$twin-$run.jfr"
    leaky=$([ "$twin" = leaky ] && echo --leaky || true)
    : >"$log"
    java -javaagent:"$work/agent.jar=out=$rec,gc-every=1000,log=off" \
         -XX:FlightRecorderOptions:old-object-queue-size=4096 \
         -jar "$jar" --port 0 --tls-port 0 --scenario h2-body-retention $leaky >"$log" 2>&1 &
    server=$!
    until port=$(sed -n 's/.*httpmem-example ready stack=[a-z0-9.]* http=\([0-9]*\).*/\1/p' "$log") && [ -n "$port" ]; do
      kill -0 "$server" 2>/dev/null || { echo "server failed: $log" >&2; exit 1; }
      sleep 0.2
    done
    httpmem load "http://127.0.0.1:$port/body" -n 8000 -c 4 >/dev/null 2>"$work/load-$twin-$run.log" \
      || { echo "load failed: $work/load-$twin-$run.log" >&2; exit 1; }
    kill -TERM "$server"; wait "$server" || true
    server=
    httpmem diff "$rec" --json | python3 -c '
import json, sys
report = json.load(sys.stdin)
for p in report["protocols"]:
    e = p["retainedBytesPerExchange"]
    print("\t".join([sys.argv[1], sys.argv[2], p["protocol"], "%.0f" % e["estimate"], "%.0f" % e["ciLow"], "%.0f" % e["ciHigh"], p["status"]]))
' "$twin" "$run" | tee -a "$results"
    [ "${KEEP:-0}" = 1 ] || rm -f "$rec"
  done
done
[ "${KEEP:-0}" = 1 ] && echo "recordings kept in $work"
python3 - "$results" <<'PY'
import sys, statistics
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print()
print("%-6s %-9s %8s %8s %8s %s" % ("twin", "protocol", "median", "min", "max", "statuses"))
for twin in ("leaky", "clean"):
    for protocol in ("HTTP/1.1", "HTTP/2"):
        values = [float(r[3]) for r in rows if r[0] == twin and r[2] == protocol]
        statuses = sorted(set(r[6] for r in rows if r[0] == twin and r[2] == protocol))
        if values:
            print("%-6s %-9s %8.0f %8.0f %8.0f %s" % (twin, protocol, statistics.median(values), min(values), max(values), ",".join(statuses)))
PY
