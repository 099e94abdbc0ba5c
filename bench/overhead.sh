#!/bin/sh
# What each profiler costs the server it watches, side by side in one run. For each example server (Jetty, Netty,
# Tomcat) it starts the same server several ways at once: no profiler; httpmem recording at its defaults (out=);
# httpmem recording with detail=all; httpmem instrumenting without a recording (its advice and runtime, no events);
# JFR at its profile settings; JFR recording only the JDK events httpmem's recording enables, with its settings
# (jfr-httpmem-jdk-events: the part of httpmem's cost that is JFR's sampling of allocations and old objects);
# async-profiler 4.2's allocation profiling (alloc,live). After a warm-up, each round
# drives all of them at the same time with h2load at the same fixed request rate (64 KiB responses, 2 connections,
# 4 streams each on h2c), over h2c and then HTTP/1.1: whatever else the machine does during a round (other tenants,
# clock changes) it does to every configuration alike, which alternating rounds could not promise. A round measures
# each server's CPU time per request (all its threads: a cgroup's cpuacct when this runs as root, else
# /proc/PID/stat), the part its JIT compiler threads spent (compiler threads are kept for the JVM's life so their
# time stays countable) and its 99th percentile latency. It prints, per example, protocol and configuration, the
# median CPU per request, the median of the rounds' ratios to no profiler with their range, the same without JIT
# compilation, and the p99 latency ratio.
# BASELINE_AGENT=/path/to/httpmem-agent.jar adds "httpmem-baseline": an older build recording at its defaults.
# Needs h2load (Debian: nghttp2-client), python3 and Linux.
# CONFIGS="none httpmem ..." runs those configurations only (none first: the ratios are to it).
# Usage: [EXAMPLES=jetty,netty,tomcat] [RATE=1000] [BASELINE_AGENT=jar] [CONFIGS=...] bench/overhead.sh [ROUNDS] [REQUESTS]
#   ROUNDS (default 10) of REQUESTS (default 12000) per server and protocol, RATE requests/s per connection.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-10}
requests=${2:-12000}
rate=${RATE:-1000}
examples=$(echo "${EXAMPLES:-jetty,netty,tomcat}" | tr ',' ' ')
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install -y nghttp2-client" >&2; exit 2; }
agent="$root/agent/target/httpmem-agent.jar"
for example in $examples; do
  [ -f "$root/examples/$example/target/httpmem-example-$example.jar" ] && [ -f "$agent" ] \
    || mvn -B -q -f "$root/pom.xml" -DskipTests package
done
work=$(mktemp -d)
profiler=$(find "$HOME/.m2/repository/tools/profiler/async-profiler/4.2" -name 'async-profiler-4.2.jar' 2>/dev/null | head -1)
[ -n "$profiler" ] || mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.2 >/dev/null
profiler=$(find "$HOME/.m2/repository/tools/profiler/async-profiler/4.2" -name 'async-profiler-4.2.jar' | head -1)
(cd "$work" && unzip -q -o "$profiler" 'linux-x64/libasyncProfiler.so')
# Private copies: a rebuild while the rounds run must not change what they measure.
cp "$agent" "$work/agent.jar"
[ -n "${BASELINE_AGENT:-}" ] && cp "$BASELINE_AGENT" "$work/baseline.jar"

# Each server in a cgroup of its own, when this may make one: CPU time in nanoseconds, threads that ended included.
cgroups=
for candidate in /sys/fs/cgroup/cpuacct /sys/fs/cgroup; do
  if [ -z "$cgroups" ] && mkdir "$candidate/httpmem-bench-$$" 2>/dev/null; then cgroups="$candidate/httpmem-bench-$$"; fi
done
pids=
stop_servers() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    [ -z "$cgroups" ] || rmdir "$cgroups/$pid" 2>/dev/null || true
  done
  pids=
}
trap 'stop_servers; [ -z "$cgroups" ] || rmdir "$cgroups" 2>/dev/null || true' EXIT

configs=${CONFIGS:-none httpmem httpmem-detail-all httpmem-no-recording jfr jfr-httpmem-jdk-events async-profiler}
# The baseline second, once, whether CONFIGS names it or not.
[ -n "${BASELINE_AGENT:-}" ] && configs="none httpmem-baseline $(echo "$configs" | tr ' ' '\n' | grep -vxE 'none|httpmem-baseline' | xargs)"
start_servers() { # start_servers EXAMPLE: one server per configuration, listed in $work/servers
  : >"$work/servers"
  for config in $configs; do
    case $config in
      none) jvm= ;;
      httpmem) jvm="-javaagent:$work/agent.jar=out=$work/$1-httpmem.jfr,log=off -XX:FlightRecorderOptions:old-object-queue-size=4096" ;;
      httpmem-detail-all) jvm="-javaagent:$work/agent.jar=out=$work/$1-detail.jfr,detail=all,log=off -XX:FlightRecorderOptions:old-object-queue-size=4096" ;;
      httpmem-no-recording) jvm="-javaagent:$work/agent.jar=log=off" ;;
      httpmem-baseline) jvm="-javaagent:$work/baseline.jar=out=$work/$1-baseline.jfr,log=off -XX:FlightRecorderOptions:old-object-queue-size=4096" ;;
      jfr) jvm="-XX:StartFlightRecording=settings=profile,filename=$work/$1-jfr.jfr" ;;
      jfr-httpmem-jdk-events) jvm="-XX:StartFlightRecording=settings=$root/bench/httpmem-jdk-events.jfc,filename=$work/$1-jdk-events.jfr -XX:FlightRecorderOptions:old-object-queue-size=4096" ;;
      async-profiler) jvm="-agentpath:$work/linux-x64/libasyncProfiler.so=start,event=alloc,live,file=$work/$1-async.jfr" ;;
    esac
    log="$work/$1-$config.log"
    # shellcheck disable=SC2086
    java -XX:-UseDynamicNumberOfCompilerThreads $jvm -jar "$root/examples/$1/target/httpmem-example-$1.jar" \
      --port 0 --tls-port 0 >"$log" 2>&1 &
    pid=$!
    pids="$pids $pid"
    if [ -n "$cgroups" ]; then mkdir "$cgroups/$pid" && echo "$pid" >"$cgroups/$pid/cgroup.procs"; fi
    until port=$(sed -n 's/.*httpmem-example ready stack=[a-z0-9.-]* http=\([0-9]*\).*/\1/p' "$log") && [ -n "$port" ]; do
      kill -0 "$pid" 2>/dev/null || { echo "$1 $config server failed: $log" >&2; exit 1; }
      sleep 0.2
    done
    echo "$config $pid $port" >>"$work/servers"
  done
}

ticks=$(getconf CLK_TCK)
cpu_nanos() {
  if [ -f "$cgroups/$1/cpuacct.usage" ]; then cat "$cgroups/$1/cpuacct.usage"
  elif [ -f "$cgroups/$1/cpu.stat" ]; then awk '$1 == "usage_usec" {printf "%.0f", $2 * 1000}' "$cgroups/$1/cpu.stat"
  else sed 's/.*) //' /proc/"$1"/stat | awk -v tick="$ticks" '{printf "%.0f", ($12 + $13) * 1e9 / tick}'
  fi
}
# The CPU time of the process's JIT compiler threads ("C1/C2 CompilerThread<n>").
jit_nanos() {
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in *CompilerThre*) cut -d' ' -f1 "$task/schedstat" ;; esac
  done | awk '{sum += $1} END {printf "%.0f", sum}'
}
load() { # load PORT PROTOCOL N [LOG]: drives one server; at the fixed rate when LOG is given
  url="http://127.0.0.1:$1/body?size=65536"
  if [ -n "${4:-}" ]; then paced="--rps=$rate --log-file=$4"; else paced=; fi
  # shellcheck disable=SC2086
  if [ "$2" = h1 ]; then out=$(h2load --h1 -n "$3" -c 2 $paced "$url"); else out=$(h2load -n "$3" -c 2 -m 4 $paced "$url"); fi
  echo "$out" | grep -q "$3 succeeded" || { echo "h2load failed on port $1: $out" >&2; exit 1; }
}

# h2load 1.52 counts every HTTP/1.1 response of Tomcat as failed: Tomcat's status line has no reason phrase
# ("HTTP/1.1 200 "), which its parser refuses. Tomcat is measured over h2c only.
protocols_of() { if [ "$1" = tomcat ]; then echo h2c; else echo h2c h1; fi; }
results="$work/results.tsv"
for example in $examples; do
  echo "$example: starting $configs" >&2
  start_servers "$example"
  echo "$example: warming up" >&2
  while read -r config pid port; do
    for protocol in $(protocols_of "$example"); do load "$port" "$protocol" $((requests * 5)); done
  done <"$work/servers"
  for round in $(seq 1 "$rounds"); do
    echo "$example: round $round of $rounds" >&2
    for protocol in $(protocols_of "$example"); do
      while read -r config pid port; do
        echo "$config $pid $port $(cpu_nanos "$pid") $(jit_nanos "$pid")"
      done <"$work/servers" >"$work/before"
      loads=
      while read -r config pid port; do
        load "$port" "$protocol" "$requests" "$work/latency-$config" &
        loads="$loads $!"
      done <"$work/servers"
      for load_pid in $loads; do wait "$load_pid"; done
      while read -r config pid port cpu jit; do
        p99=$(cut -f3 "$work/latency-$config" | sort -n | awk '{v[NR] = $1} END {print v[int(NR * 0.99)]}')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$example" "$round" "$protocol" "$config" \
          "$(( ($(cpu_nanos "$pid") - cpu) / requests ))" "$(( ($(jit_nanos "$pid") - jit) / requests ))" "$p99" >>"$results"
      done <"$work/before"
    done
  done
  stop_servers
done

python3 - "$results" "$configs" "$rounds" "$requests" "$rate" "${cgroups:+cgroup cpuacct}" <<'PY'
import sys, statistics
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
configs = sys.argv[2].split()
print("%s rounds of %s requests per server and protocol at %s req/s per connection; CPU from %s" % (
    sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] or "/proc/PID/stat"))
cpu = {(r[0], r[1], r[2], r[3]): int(r[4]) for r in rows}
jit = {(r[0], r[1], r[2], r[3]): int(r[5]) for r in rows}
p99 = {(r[0], r[1], r[2], r[3]): int(r[6]) for r in rows}
for example in dict.fromkeys(r[0] for r in rows):
    rounds = sorted({r[1] for r in rows if r[0] == example}, key=int)
    print()
    print("%-8s %-23s %-4s %12s %24s %24s %9s" % ("example", "configuration", "", "CPU/request",
          "CPU vs none (min..max)", "CPU-JIT vs none (min..max)", "p99 vs none"))
    for protocol in dict.fromkeys(r[2] for r in rows if r[0] == example):
        for config in configs:
            key = lambda n, c=config: (example, n, protocol, c)
            none = lambda n: (example, n, protocol, "none")
            ratios = [cpu[key(n)] / cpu[none(n)] for n in rounds]
            compiled = [(cpu[key(n)] - jit[key(n)]) / (cpu[none(n)] - jit[none(n)]) for n in rounds]
            latency = [p99[key(n)] / p99[none(n)] for n in rounds]
            print("%-8s %-23s %-4s %9.1f us %8.3f (%.3f..%.3f) %10.3f (%.3f..%.3f) %11.2f" % (example, config,
                  protocol, statistics.median(cpu[key(n)] for n in rounds) / 1000, statistics.median(ratios),
                  min(ratios), max(ratios), statistics.median(compiled), min(compiled), max(compiled),
                  statistics.median(latency)))
PY
