#!/bin/sh
# How small a per-request HTTP/2 retention httpmem finds within 20,000 requests (10,000 per protocol).
# Runs the Jetty example's leaky h2-body-retention scenario with bodies of several sizes (the leak keeps a
# byte[size/256] per HTTP/2 response: 22 B below 256 B, 30 B up to 2 KiB, 54 B at 8 KiB, ~300 B at 72 KiB, with
# its list slot), a full GC every 500 exchanges, and prints httpmem diff's verdict for each.
# Without forced GCs, as in production: GC_EVERY=none REQUESTS=100000 bench/retention-sensitivity.sh 73728
# (G1 with default heap settings; the verdict says which signal carried it).
# Usage: [GC_EVERY=N|none] [REQUESTS=per protocol] bench/retention-sensitivity.sh [body sizes...]
#        (defaults: 500, 10000; sizes 128 2048 8192)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$root/examples/jetty/target/httpmem-example-jetty.jar" ] || mvn -B -q -f "$root/pom.xml" -DskipTests package
work=$(mktemp -d)
gc_every=${GC_EVERY:-500}
requests=${REQUESTS:-10000}
gc_option=",gc-every=$gc_every"
if [ "$gc_every" = none ]; then gc_option=; fi
trap 'kill "$server" 2>/dev/null || true' EXIT
for size in "${@:-128 2048 8192}"; do
  for each in $size; do
    log="$work/server-$each.log"
    java -javaagent:"$root/agent/target/httpmem-agent.jar=out=$work/rec-$each.jfr$gc_option,log=off" \
         -XX:FlightRecorderOptions:old-object-queue-size=4096 \
         -jar "$root/examples/jetty/target/httpmem-example-jetty.jar" --port 0 --tls-port 0 \
         --scenario h2-body-retention --leaky >"$log" 2>&1 &
    server=$!
    until port=$(sed -n 's/.*httpmem-example ready stack=jetty http=\([0-9]*\).*/\1/p' "$log") && [ -n "$port" ]; do
      kill -0 "$server" 2>/dev/null || { echo "server failed: $log" >&2; exit 1; }
      sleep 0.2
    done
    "$root/bin/httpmem" load "http://127.0.0.1:$port/body?size=$each" -n "$requests" -c 4 >/dev/null 2>&1
    kill -TERM "$server"; wait "$server" || true
    printf 'body %6d B: ' "$each"
    "$root/bin/httpmem" diff "$work/rec-$each.jfr" | head -1
  done
done
