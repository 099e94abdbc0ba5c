#!/bin/sh
# What the agent costs a JVM that lives seconds: its start (options, Byte Buddy wired in, JFR's recording), the
# classes it transforms as the application loads them, and the JIT compiling that work and the advice woven in.
# The example client driver (Vert.x's client, 500 requests over HTTP/1.1 and 500 over h2c to the Reactor Netty
# example, which runs without the agent) is run ROUNDS times each way, the ways alternating: without the agent, with
# it recording at its defaults, and with BASELINE_AGENT's build if set. Prints each way's median CPU time (user and
# system, all the JVM's threads) and wall time, and the CPU's ratio to no agent.
# Usage: [BASELINE_AGENT=jar] bench/startup.sh [ROUNDS]   (default 5)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
agent="$root/agent/target/httpmem-agent.jar"
clients="$root/examples/clients/target/httpmem-example-clients.jar"
server_jar="$root/examples/reactor-netty/target/httpmem-example-reactor-netty.jar"
[ -f "$agent" ] && [ -f "$clients" ] && [ -f "$server_jar" ] || mvn -B -q -f "$root/pom.xml" -DskipTests install
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
java -jar "$server_jar" --port 0 --tls-port 0 > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do grep -q 'httpmem-example ready' "$work/server.log" && break; sleep 0.5; done
port=$(sed -n 's/.*httpmem-example ready .* http=\([0-9]*\) .*/\1/p' "$work/server.log")
[ -n "$port" ] || { echo "the Reactor Netty example did not start: $(cat "$work/server.log")" >&2; exit 1; }
ways="none httpmem"
[ -n "${BASELINE_AGENT:-}" ] && ways="$ways httpmem-baseline"
run() { # WAY ROUND: one run of the driver, its CPU and wall seconds appended to $work/WAY
  case $1 in
    none) options= ;;
    httpmem) options="-javaagent:$agent=out=$work/$1-$2.jfr" ;;
    httpmem-baseline) options="-javaagent:$BASELINE_AGENT=out=$work/$1-$2.jfr" ;;
  esac
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S %e' -o "$work/time" java $options -XX:FlightRecorderOptions:old-object-queue-size=4096 \
    -jar "$clients" --client vertx --url "http://127.0.0.1:$port/body" --requests 500 > "$work/$1.log" 2>&1 \
    || { echo "the driver failed ($1): $(tail -3 "$work/$1.log")" >&2; exit 1; }
  awk '{printf "%.2f %.2f\n", $1 + $2, $3}' "$work/time" >> "$work/$1"
}
java -jar "$clients" --client vertx --url "http://127.0.0.1:$port/body" --requests 500 > /dev/null 2>&1 # the server warms up
for round in $(seq 1 "$rounds"); do
  for way in $ways; do run "$way" "$round"; done
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
none=$(cut -d' ' -f1 "$work/none" | median)
printf '%-18s %10s %10s %8s\n' WAY CPU-S WALL-S CPU-RATIO
for way in $ways; do
  cpu=$(cut -d' ' -f1 "$work/$way" | median)
  wall=$(cut -d' ' -f2 "$work/$way" | median)
  printf '%-18s %10s %10s %8s\n' "$way" "$cpu" "$wall" "$(awk -v a="$cpu" -v b="$none" 'BEGIN {printf "x%.2f", a / b}')"
done
