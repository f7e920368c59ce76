#!/usr/bin/env bash
# CPU time per request of a server already listening on 127.0.0.1:PORT, by thread group (threads named alike
# are summed), under wrk -t2 -c16 for DURATION (10s): steadier than requests/s on a machine shared with other
# work, since it counts only what the server's own threads used. Linux only (/proc).
#   cpu-per-request.sh PID PORT [PATH]
set -euo pipefail
pid=$1 port=$2 path=${3:-/}
snapshot() {
    for task in /proc/"$pid"/task/*; do
        local fields; read -ra fields < <(cut -d')' -f2 "$task/stat")
        echo "$(cat "$task/comm") $((fields[11] + fields[12]))" # utime + stime, in clock ticks
    done
}
before=$(snapshot)
report=$(wrk -t2 -c16 -d"${DURATION:-10s}" --latency "http://127.0.0.1:$port$path")
after=$(snapshot)
requests=$(awk '/requests in/ {print $1}' <<< "$report")
echo "$(awk '/^Requests\/sec/ {print $2}' <<< "$report") requests/s, load average $(cut -d' ' -f1 /proc/loadavg)"
paste <(echo "$before") <(echo "$after") | awk -v r="$requests" -v hz="$(getconf CLK_TCK)" '
    { name = $1; sub(/-[0-9a-f-]+$/, "", name); sub(/[0-9]+$/, "", name); used[name] += $4 - $2; total += $4 - $2 }
    END { for (n in used) if (used[n] > 0) printf "  %-24s %7.2f us/request\n", n, used[n] * 1e6 / hz / r
          printf "  %-24s %7.2f us/request\n", "total", total * 1e6 / hz / r }'
