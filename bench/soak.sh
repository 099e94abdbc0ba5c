#!/bin/sh
# A long run with the agent: whether anything leaks, is lost or fails over REQUESTS requests per example (default
# 1,000,000), HTTP/1.1 and h2c at once, 64 requests in flight (h2load: 32 HTTP/1.1 connections beside 8 h2c ones
# with 4 streams each; Tomcat: h2c only, 16 connections with 4 streams, as h2load 1.52 counts each of Tomcat's
# HTTP/1.1 responses as failed), 1 KiB responses, in ten slices; beside them, 2% more requests from clients that
# misbehave (httpmem load --misbehave: HTTP/2 streams cancelled once answered, GOAWAYs with streams in flight,
# connections reset mid-response, slow readers; HTTP/1.1 resets and slow readers). It prints per example:
# - the agent's own objects after each slice (instances and bytes of dev.httpmem classes, after the full GC
#   jcmd GC.class_histogram makes), its retention tracker's records apart: flat means the agent keeps nothing per request;
# - from the recording's last httpmem.AgentStatistics: suppressed advice errors (must be 0), and exchanges started
#   against ended plus open at the end (nothing lost);
# - requests that failed (h2load's, and misbehaving ones the server did not begin to answer), with the agent and, in
#   a run of the same load without it, without.
# Needs h2load (Debian: nghttp2-client) and jcmd.
# Usage: [EXAMPLES=jetty,netty,tomcat] bench/soak.sh [REQUESTS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
requests=${1:-1000000}
examples=$(echo "${EXAMPLES:-jetty,netty,tomcat}" | tr ',' ' ')
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install -y nghttp2-client" >&2; exit 2; }
agent="$root/agent/target/httpmem-agent.jar"
for example in $examples; do
  [ -f "$root/examples/$example/target/httpmem-example-$example.jar" ] && [ -f "$agent" ] \
    || mvn -B -q -f "$root/pom.xml" -DskipTests package
done
work=$(mktemp -d)
cp "$agent" "$work/agent.jar" # a private copy: a rebuild while it runs must not change what it measures
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true' EXIT

start() { # start EXAMPLE LOG [JVM OPTIONS...]: sets pid and port
  example=$1 log=$2
  shift 2
  java "$@" -jar "$root/examples/$example/target/httpmem-example-$example.jar" --port 0 --tls-port 0 >"$log" 2>&1 &
  pid=$!
  until port=$(sed -n 's/.*httpmem-example ready stack=[a-z0-9.-]* http=\([0-9]*\).*/\1/p' "$log") && [ -n "$port" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$example failed to start: $log" >&2; exit 1; }
    sleep 0.2
  done
}

stop() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}

# load EXAMPLE N: N requests, 64 in flight, and N/50 misbehaving ones beside them; prints how many failed
load() {
  url="http://127.0.0.1:$port/body?size=1024"
  "$root/bin/httpmem" load "$url" --protocol both -n 1 -c 4 --misbehave $(($2 / 100)) >"$work/misbehaving.out" 2>/dev/null &
  misbehaving=$!
  if [ "$1" = tomcat ]; then
    h2load -n "$2" -c 16 -m 4 "$url" >"$work/h2c.out"
    : >"$work/h1.out"
  else
    h2load -n $(($2 / 2)) -c 8 -m 4 "$url" >"$work/h2c.out" &
    h2c=$!
    h2load --h1 -n $(($2 / 2)) -c 32 "$url" >"$work/h1.out"
    wait "$h2c"
  fi
  wait "$misbehaving" || true # its exit status says whether some failed, which its output counts
  { cat "$work/h2c.out" "$work/h1.out" | sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored.*/\1 \2/p'
    sed -n 's/^.*: [0-9,]* requests, \([0-9,]*\) failed.*/\1 0/p; s/^.*: [0-9,]* misbehaving requests, \([0-9,]*\) failed.*/\1 0/p' \
      "$work/misbehaving.out" | tr -d ,
  } | awk '{failed += $1 + $2} END {print failed + 0}'
}

# The agent's own objects after a full GC: "instances bytes" of its classes, and apart, the retention tracker's
# records of objects the stack still holds (with the connection records they name), which follow the stack and are
# bounded by the tracker.
agent_objects() {
  jcmd "$pid" GC.class_histogram | awk '
    $4 == "dev.httpmem.agent.runtime.RetentionTracker$Watched" || $4 == "dev.httpmem.agent.runtime.Connection" {tn += $2; tb += $3; next}
    $4 ~ /^dev\.httpmem\.agent\./ {n += $2; b += $3}
    END {printf "%d %d (tracker records %d %d)", n, b, tn, tb}'
}

for example in $examples; do
  echo "$example: $requests requests" >&2
  start "$example" "$work/$example.log" -javaagent:"$work/agent.jar=out=$work/$example.jfr,log=info" \
    -XX:FlightRecorderOptions:old-object-queue-size=4096
  load "$example" 20000 >/dev/null # warm-up
  objects="after warm-up $(agent_objects)"
  failed=0
  for slice in 1 2 3 4 5 6 7 8 9 10; do
    failed=$((failed + $(load "$example" $((requests / 10)))))
    objects="$objects; $((slice * requests / 10)) $(agent_objects)"
  done
  stop
  statistics=$("$root/bin/httpmem" report --json "$work/$example.jfr" | python3 -c '
import json, sys
agent = json.load(sys.stdin)["agent"]
print(agent["suppressedErrors"], agent["exchangesStarted"], agent["exchangesEnded"], agent["exchangesOpen"])')

  start "$example" "$work/$example-none.log"
  load "$example" 20000 >/dev/null
  failed_without=0
  for slice in 1 2 3 4 5 6 7 8 9 10; do
    failed_without=$((failed_without + $(load "$example" $((requests / 10)))))
  done
  stop

  set -- $statistics
  echo "$example"
  echo "  agent objects (instances bytes) by requests sent: $objects"
  echo "  suppressed advice errors: $1; exchanges started $2 = ended $3 + open $4: $([ "$2" -eq $(($3 + $4)) ] && echo yes || echo NO)"
  echo "  requests failed: $failed with the agent, $failed_without without"
done
rm -rf "$work"
