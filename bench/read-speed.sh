#!/bin/sh
# How fast the CLI reads a recording, beside the JDK's own jfr tool, in one run: records the Jetty example under
# h2load (HTTP/1.1 and h2c, 1 KiB responses, a forced GC every 20,000 exchanges so diff has checkpoints) until the
# recording holds about 2 million events, then times `httpmem report`, `httpmem diff`, `jfr summary` and
# `jfr print` on it, each run alone, and prints wall time, events per second (the events `jfr summary` counts) and
# peak RSS; then what report's and diff's analyses take in a warm JVM (bench/read-speed/WarmReading.java: the median
# of the last 4 of 6 rounds in one JVM), the time a command would take if the JIT compilers had nothing to warm up.
# Needs h2load (Debian: nghttp2-client), GNU time (/usr/bin/time) and Linux.
# Usage: [BASELINE_CLI=other/httpmem.jar] bench/read-speed.sh [REQUESTS_PER_PROTOCOL] [RECORDING]
#   REQUESTS_PER_PROTOCOL (default 250000) sizes the recording; RECORDING keeps it there, or is read if it exists.
#   BASELINE_CLI times another build of the CLI (an older commit's cli/target/httpmem.jar) in the same run, with the
#   options bin/httpmem gives, so a change is measured side by side.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
requests=${1:-250000}
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install -y nghttp2-client" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install -y time" >&2; exit 2; }
jar="$root/examples/jetty/target/httpmem-example-jetty.jar"
[ -f "$jar" ] && [ -f "$root/agent/target/httpmem-agent.jar" ] && [ -f "$root/cli/target/httpmem.jar" ] \
  || mvn -B -q -f "$root/pom.xml" -DskipTests package
work=$(mktemp -d)
server=
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

recording=${2:-$work/recording.jfr}
if [ ! -f "$recording" ]; then
  java -javaagent:"$root/agent/target/httpmem-agent.jar"=out="$recording",log=off,gc-every=20000 \
       -XX:FlightRecorderOptions:old-object-queue-size=4096 -jar "$jar" --port 0 --tls-port 0 >"$work/server.log" 2>&1 &
  server=$!
  until port=$(sed -n 's/.*httpmem-example ready stack=[a-z0-9.-]* http=\([0-9]*\).*/\1/p' "$work/server.log") && [ -n "$port" ]; do
    kill -0 "$server" 2>/dev/null || { echo "the server failed: $(cat "$work/server.log")" >&2; exit 1; }
    sleep 0.2
  done
  echo "recording $requests exchanges per protocol on port $port" >&2
  h2load --h1 -n "$requests" -c 4 "http://127.0.0.1:$port/body?size=1024" | grep -E '^requests:' >&2
  h2load -n "$requests" -c 4 -m 8 "http://127.0.0.1:$port/body?size=1024" | grep -E '^requests:' >&2
  kill "$server"
  wait "$server" || true
  server=
fi
events=$(jfr summary "$recording" | awk '$1 ~ /\./ && $2 ~ /^[0-9]+$/ {sum += $2} END {print sum}')
size=$(stat -c %s "$recording")
printf '%s: %.1f MB, %s events\n\n' "$recording" "$(echo "$size" | awk '{print $1 / 1e6}')" "$events"
printf '%-22s %9s %14s %14s\n' command seconds "events/s" "peak RSS"
measure() { # measure NAME COMMAND...: one run, its output discarded
  name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { echo "$name failed: $(cat "$work/err")" >&2; exit 1; }
  read -r seconds rss <"$work/time"
  printf '%-22s %9.2f %12.2f M %11.0f MB\n' "$name" "$seconds" "$(echo "$events $seconds" | awk '{print $1 / $2 / 1e6}')" \
    "$(echo "$rss" | awk '{print $1 / 1024}')"
}
measure "httpmem report" "$root/bin/httpmem" report "$recording"
measure "httpmem diff" "$root/bin/httpmem" diff "$recording"
# The JVM options bin/httpmem gives.
cli_java=$(sed -n 's/^exec "$java" \(.*\) $HTTPMEM_JAVA_OPTS .*/\1/p' "$root/bin/httpmem")
if [ -n "${BASELINE_CLI:-}" ]; then
  # shellcheck disable=SC2086
  measure "baseline report" java $cli_java -jar "$BASELINE_CLI" report "$recording"
  # shellcheck disable=SC2086
  measure "baseline diff" java $cli_java -jar "$BASELINE_CLI" diff "$recording"
fi
measure "jfr summary" jfr summary "$recording"
measure "jfr print" jfr print "$recording"
warm() { # warm NAME JAR COMMAND: the median of the last 4 of 6 rounds of COMMAND's analysis in one JVM
  # shellcheck disable=SC2086
  seconds=$(java $cli_java -cp "$2" "$root/bench/read-speed/WarmReading.java" "$3" "$recording" 6 | tail -4 \
              | sed 's/.*: \([0-9]*\) ms/\1/' | sort -n | sed -n 2,3p | awk '{s += $1} END {print s / 2000}')
  printf '%-22s %9.2f %12.2f M %14s\n' "$1" "$seconds" "$(echo "$events $seconds" | awk '{print $1 / $2 / 1e6}')" -
}
for command in report diff; do
  warm "$command, warm" "$root/cli/target/httpmem.jar" "$command"
  [ -z "${BASELINE_CLI:-}" ] || warm "baseline $command, warm" "$BASELINE_CLI" "$command"
done
