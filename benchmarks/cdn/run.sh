#!/usr/bin/env bash
# Issue 14's CDN benchmark, in ONE run with one load tool (wrk) and one set of settings: requests/s and latency
# of a plain origin (dev.wedge.bench.StaticOrigin: one text page, PAGE_BYTES long), of Debian's nginx as a reverse
# proxy in front of it, and of wedge sites in front of the same origin: with no app, with a request-headers app
# (verticles/src/test/guests/cdn_headers.wasm, FastEdge's AssemblyScript SDK) and with a response-body app that
# rewrites the page (cdn_body.wasm); then cache hits (issue 15): nginx's proxy_cache and a wedge site with its
# cache, both serving the origin's page (fresh for 60 s) from memory. Prints each row and its ratio to the origin and to nginx; writes them to
# benchmarks/results/cdn.txt. Everything listens on 127.0.0.1 only.
# Settings: DURATION (10s), CONNECTIONS (16), THREADS (2), WARMUP (5s), PAGE_BYTES (4096), ENGINE (chicory),
# JAR (verticles/target/wedge.jar), ONLY="origin nginx ..." (only the named rows).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

DURATION=${DURATION:-10s} CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-2} WARMUP=${WARMUP:-5s}
PAGE_BYTES=${PAGE_BYTES:-4096} ENGINE=${ENGINE:-chicory}
JAVA="$(scripts/find-jdk.sh)/bin/java"
OUT=${OUT:-benchmarks/results/cdn.txt}
JAR=${JAR:-verticles/target/wedge.jar}
ORIGIN_PORT=8190 PROXY_PORT=8191

[[ -f $JAR && -f benchmarks/target/benchmarks.jar ]] \
    || JAVA_HOME="$(scripts/find-jdk.sh)" scripts/mvn.sh -B -ntp -q -DskipTests -pl verticles,benchmarks -am package
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { apt-get update -q && apt-get install -y -q nginx; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done # killed servers exit non-zero
    rm -rf "$work"
}
trap stop_all EXIT

# start NAME URL HOST COMMAND...: starts a server in the background and waits for a 200 on URL (bounded).
start() {
    local name=$1 url=$2 host=$3; shift 3
    "$@" > "$work/$name.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 300); do
        curl -fs -o /dev/null -H "Host: $host" "$url" && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.2
    done
    echo "$name did not start; its log:" >&2
    cat "$work/$name.log" >&2
    exit 1
}

stop_last() {
    kill "${pids[-1]}" 2>/dev/null || true
    wait "${pids[-1]}" 2>/dev/null || true
    unset 'pids[-1]'
}

# measure NAME PORT HOST: warms up, then measures; prints requests/s, p50, p99 and any errors.
measure() {
    local name=$1 url="http://127.0.0.1:$2/page" host=$3
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $host" "$url" > /dev/null
    local report rps p50 p99 errors
    report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $host" "$url")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$report")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$report")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$report")
    errors=$(grep -E 'Non-2xx|Socket errors' <<< "$report" | tr -s ' ' | paste -sd';' || true)
    local cached; cached=$(curl -s -o /dev/null -D - -H "Host: $host" "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" {print $2}')
    printf '%-22s %12s %10s %10s%s%s\n' "$name" "$rps" "$p50" "$p99" "${cached:+  x-cache: $cached}" "${errors:+  ($errors)}"
    eval "rps_${name//-/_}=$rps"
}

wanted() { [[ -z "${ONLY:-}" || " $ONLY " == *" $1 "* ]]; }

ratio() { # ratio NAME BASE
    local rps base
    eval "rps=\${rps_${1//-/_}:-}"
    eval "base=\${rps_${2//-/_}:-}"
    [[ -n $rps && -n $base ]] || return 0
    awk -v a="$rps" -v b="$base" -v n="$1" -v d="$2" 'BEGIN { printf "%-22s / %-8s = %5.2fx\n", n, d, a / b }'
}

# nginx as a plain reverse proxy (Host nginx.bench) and as a caching one (Host cached.bench): as many workers as
# cores, kept-alive connections to the origin, no logs; the cache honours the origin's Cache-Control.
# Workers run as the user who started the script (as root, nginx would switch to www-data, which may not write
# the cache under the private work directory, and every request would be a miss).
cat > "$work/nginx.conf" <<CONF
$([[ $(id -u) == 0 ]] && echo "user root;")
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    upstream origin { server 127.0.0.1:$ORIGIN_PORT; keepalive 64; }
    proxy_cache_path $work/nginx-cache keys_zone=pages:10m max_size=100m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    server {
        listen 127.0.0.1:$PROXY_PORT;
        server_name nginx.bench;
        location / { proxy_pass http://origin; }
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        server_name cached.bench;
        location / { proxy_pass http://origin; proxy_cache pages; add_header x-cache \$upstream_cache_status; }
    }
}
CONF

# wedge: one node with four sites on one port, told apart by Host.
guests=verticles/src/test/resources/guests
cat > "$work/wedge.yaml" <<CONF
server: {host: 127.0.0.1, port: $PROXY_PORT, engine: $ENGINE}
admin: {port: 0}
cache: {memory-bytes: 104857600}
apps:
  headers: {module: $PWD/$guests/cdn_headers.wasm, kind: cdn, routes: []}
  body: {module: $PWD/$guests/cdn_body.wasm, kind: cdn, routes: []}
sites:
  plain:
    hosts: [plain.bench]
    origin: {urls: ["http://127.0.0.1:$ORIGIN_PORT"], allow-private: [127.0.0.1]}
  headers:
    hosts: [headers.bench]
    origin: {urls: ["http://127.0.0.1:$ORIGIN_PORT"], allow-private: [127.0.0.1]}
    phases: {request-headers: headers}
  body:
    hosts: [body.bench]
    origin: {urls: ["http://127.0.0.1:$ORIGIN_PORT"], allow-private: [127.0.0.1]}
    phases: {response-body: body}
  cached:
    hosts: [cached.bench]
    origin: {urls: ["http://127.0.0.1:$ORIGIN_PORT"], allow-private: [127.0.0.1]}
    cache: {}
CONF

{
    echo "cdn on $(nproc) cores, $(date -u +%F): wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP)," \
        "a $PAGE_BYTES-byte page, wedge on $ENGINE"
    printf '%-22s %12s %10s %10s\n' "server" "requests/s" "p50" "p99"
    start origin "http://127.0.0.1:$ORIGIN_PORT/page" origin \
        "$JAVA" -cp benchmarks/target/benchmarks.jar dev.wedge.bench.StaticOrigin "$ORIGIN_PORT" "$PAGE_BYTES"
    wanted origin && measure origin "$ORIGIN_PORT" origin
    if wanted nginx || wanted nginx-cache; then
        start nginx "http://127.0.0.1:$PROXY_PORT/page" nginx.bench "$NGINX" -c "$work/nginx.conf" -p "$work"
        wanted nginx && measure nginx "$PROXY_PORT" nginx.bench
        wanted nginx-cache && measure nginx-cache "$PROXY_PORT" cached.bench
        stop_last
    fi
    if wanted wedge-no-app || wanted wedge-headers-app || wanted wedge-body-app || wanted wedge-cache; then
        start wedge "http://127.0.0.1:$PROXY_PORT/page" plain.bench \
            "$JAVA" @jvm.options -jar "$JAR" serve --config "$work/wedge.yaml" --data-dir "$work/wedge-data"
        wanted wedge-no-app && measure wedge-no-app "$PROXY_PORT" plain.bench
        wanted wedge-headers-app && measure wedge-headers-app "$PROXY_PORT" headers.bench
        wanted wedge-body-app && measure wedge-body-app "$PROXY_PORT" body.bench
        wanted wedge-cache && measure wedge-cache "$PROXY_PORT" cached.bench
        stop_last
    fi
    for row in nginx wedge-no-app wedge-headers-app wedge-body-app; do ratio "$row" origin; done
    for row in wedge-no-app wedge-headers-app wedge-body-app; do ratio "$row" nginx; done
    ratio wedge-cache nginx-cache # issue 15's goal: >= 0.8x
    ratio wedge-cache origin
} | tee "$OUT"
