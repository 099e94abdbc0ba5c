#!/bin/sh
# What each profiler costs the server it watches, side by side in one run: the Jetty example served with no
# profiler, with httpmem recording (out=), with httpmem instrumenting but not recording (no out=: its advice and
# runtime without JFR events or sampling), with JFR at its profile settings and with async-profiler 4.2's
# allocation profiling (alloc,live), each driven by h2load over h2c and HTTP/1.1 (64 KiB responses, 2 connections,
# 4 streams each on h2c). Rounds alternate the servers; each measures the server's CPU time per request (all its
# threads, /proc/PID/stat), the part of it its JIT compiler threads spent (/proc/PID/task/*/stat; compiler
# threads are kept for the JVM's life so their time stays countable) and its throughput, and prints, per
# configuration and protocol, the median CPU per request, its ratio to no profiler (median, min..max of the
# rounds' ratios), the same without JIT compilation, and throughput.
# BASELINE_AGENT=/path/to/httpmem-agent.jar adds an "httpmem-baseline" server: an older build, to compare with.
# Needs h2load (Debian: nghttp2-client) and Linux.
# Usage: [BASELINE_AGENT=jar] bench/overhead.sh [ROUNDS] [REQUESTS]   (default: 7 rounds of 20000 requests)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-7}
requests=${2:-20000}
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install -y nghttp2-client" >&2; exit 2; }
example="$root/examples/jetty/target/httpmem-example-jetty.jar"
agent="$root/agent/target/httpmem-agent.jar"
[ -f "$example" ] && [ -f "$agent" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package
work=$(mktemp -d)
profiler=$(find "$HOME/.m2/repository/tools/profiler/async-profiler/4.2" -name 'async-profiler-4.2.jar' 2>/dev/null | head -1)
[ -n "$profiler" ] || mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.2 >/dev/null
profiler=$(find "$HOME/.m2/repository/tools/profiler/async-profiler/4.2" -name 'async-profiler-4.2.jar' | head -1)
(cd "$work" && unzip -q -o "$profiler" 'linux-x64/libasyncProfiler.so')
# Private copies: a rebuild while the rounds run must not change what they measure.
cp "$example" "$work/example.jar"
cp "$agent" "$work/agent.jar"

pids=
trap 'for pid in $pids; do kill "$pid" 2>/dev/null || true; done' EXIT
configs="none httpmem httpmem-no-recording jfr async-profiler"
[ -n "${BASELINE_AGENT:-}" ] && configs="none httpmem-baseline httpmem httpmem-no-recording jfr async-profiler"
for config in $configs; do
  case $config in
    none) jvm= ;;
    httpmem) jvm="-javaagent:$work/agent.jar=out=$work/httpmem.jfr,log=off -XX:FlightRecorderOptions:old-object-queue-size=4096" ;;
    httpmem-no-recording) jvm="-javaagent:$work/agent.jar=log=off" ;;
    httpmem-baseline) cp "$BASELINE_AGENT" "$work/baseline.jar"
      jvm="-javaagent:$work/baseline.jar=out=$work/baseline.jfr,log=off -XX:FlightRecorderOptions:old-object-queue-size=4096" ;;
    jfr) jvm="-XX:StartFlightRecording=settings=profile,filename=$work/jfr.jfr" ;;
    async-profiler) jvm="-agentpath:$work/linux-x64/libasyncProfiler.so=start,event=alloc,live,file=$work/async.jfr" ;;
  esac
  log="$work/$config.log"
  : >"$log"
  # shellcheck disable=SC2086
  java -XX:-UseDynamicNumberOfCompilerThreads $jvm -jar "$work/example.jar" --port 0 --tls-port 0 >"$log" 2>&1 &
  pid=$!
  pids="$pids $pid"
  until port=$(sed -n 's/.*httpmem-example ready stack=jetty http=\([0-9]*\).*/\1/p' "$log") && [ -n "$port" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$config server failed: $log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$config $pid $port" >>"$work/servers"
done

# The process's user and system time (/proc/PID/stat), which keeps the time of threads that have exited.
ticks=$(getconf CLK_TCK)
cpu_nanos() { sed 's/.*) //' /proc/"$1"/stat | awk -v tick="$ticks" '{printf "%.0f", ($12 + $13) * 1e9 / tick}'; }
# The user and system time of the process's JIT compiler threads ("C1/C2 CompilerThread<n>").
jit_nanos() {
  grep -h 'CompilerThre' /proc/"$1"/task/*/stat 2>/dev/null | sed 's/.*) //' \
    | awk -v tick="$ticks" '{sum += $12 + $13} END {printf "%.0f", sum * 1e9 / tick}'
}
load() { # load PORT PROTOCOL N: prints requests per second
  url="http://127.0.0.1:$1/body?size=65536"
  if [ "$2" = h1 ]; then out=$(h2load --h1 -n "$3" -c 2 "$url"); else out=$(h2load -n "$3" -c 2 -m 4 "$url"); fi
  echo "$out" | grep -q "$3 succeeded" || { echo "h2load failed on port $1: $out" >&2; exit 1; }
  echo "$out" | sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p'
}

echo "warming up ($configs)" >&2
while read -r config pid port; do
  for protocol in h2c h1; do load "$port" "$protocol" $((requests * 2)) >/dev/null; done
done <"$work/servers"
results="$work/results.tsv"
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds" >&2
  for protocol in h2c h1; do
    # each round starts with another server, so no configuration always runs first
    count=$(wc -l <"$work/servers")
    for i in $(seq 0 $((count - 1))); do
      line=$(( (i + round) % count + 1 ))
      set -- $(sed -n "${line}p" "$work/servers")
      before=$(cpu_nanos "$2")
      jit_before=$(jit_nanos "$2")
      rate=$(load "$3" "$protocol" "$requests")
      [ -n "$rate" ] || exit 1
      after=$(cpu_nanos "$2")
      jit_after=$(jit_nanos "$2")
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$protocol" "$1" "$(( (after - before) / requests ))" "$rate" \
        "$(( (jit_after - jit_before) / requests ))" >>"$results"
    done
  done
done

python3 - "$results" "$configs" <<'PY'
import sys, statistics
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
configs = sys.argv[2].split()
cpu = {(r[0], r[1], r[2]): int(r[3]) for r in rows}
rate = {(r[0], r[1], r[2]): float(r[4]) for r in rows}
jit = {(r[0], r[1], r[2]): int(r[5]) for r in rows}
rounds = sorted({r[0] for r in rows}, key=int)
print("%-21s %-4s %13s %22s %9s %26s %14s" % ("configuration", "", "CPU/request", "CPU vs none (min..max)",
      "JIT/req", "CPU-JIT vs none (min..max)", "req/s vs none"))
for protocol in ("h2c", "h1"):
    for config in configs:
        ratios = [cpu[(n, protocol, config)] / cpu[(n, protocol, "none")] for n in rounds]
        compiled = [(cpu[(n, protocol, config)] - jit[(n, protocol, config)])
                    / (cpu[(n, protocol, "none")] - jit[(n, protocol, "none")]) for n in rounds]
        rates = [rate[(n, protocol, config)] / rate[(n, protocol, "none")] for n in rounds]
        median_ns = statistics.median(cpu[(n, protocol, config)] for n in rounds)
        median_jit = statistics.median(jit[(n, protocol, config)] for n in rounds)
        print("%-21s %-4s %10.1f us %8.3f (%.3f..%.3f) %6.1f us %12.3f (%.3f..%.3f) %14.3f" % (config, protocol,
              median_ns / 1000, statistics.median(ratios), min(ratios), max(ratios), median_jit / 1000,
              statistics.median(compiled), min(compiled), max(compiled), statistics.median(rates)))
PY
