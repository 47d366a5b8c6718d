#!/usr/bin/env bash
# Footprint of a field agent: starts N agents (default 5) of the real node-agent.jar with
# -Xmx48m on loopback, lets them probe each other at the lan profile (1 Hz) for D seconds
# (default 60), then prints RSS and CPU use per agent. Usage: bench/agent-footprint.sh [N] [D]
# Extra JVM flags for the agents come from AGENT_JVM_FLAGS (e.g. "-XX:+UseSerialGC -Xss256k").
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5}; D=${2:-60}
JAR=node-agent/target/node-agent.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
tmp=$(mktemp -d)
KEYFLAG=()
if java -jar "$JAR" run --help 2>/dev/null | grep -q -- "--key-file"; then
  java -jar "$JAR" keygen > "$tmp/mission.key"
  KEYFLAG=(--key-file "$tmp/mission.key")
fi
pids=()
base=27946
for i in $(seq 0 $((N-1))); do
  seeds=""; [ "$i" -gt 0 ] && seeds="--seeds 127.0.0.1:$base"
  # shellcheck disable=SC2086
  java -Xmx48m ${AGENT_JVM_FLAGS:-} -jar "$JAR" run --id fp-$i --bind 127.0.0.1:$((base+i)) --api 127.0.0.1:$((27000+i)) \
    --position static:11.2,124.9 --data-dir "$tmp/fp-$i" $seeds "${KEYFLAG[@]}" > "$tmp/fp-$i.log" 2>&1 &
  pids+=($!)
done
trap 'kill ${pids[*]} 2>/dev/null || true' EXIT
sleep 10   # start-up (class loading, JIT) is not steady state
tick=$(getconf CLK_TCK)
declare -A cpu0
for p in "${pids[@]}"; do cpu0[$p]=$(awk '{print $14+$15}' /proc/$p/stat); done
sleep "$D"
echo "agents=$N duration_s=$D heap=-Xmx48m flags=${AGENT_JVM_FLAGS:-none}"
for p in "${pids[@]}"; do
  cpu1=$(awk '{print $14+$15}' /proc/$p/stat)
  rss=$(awk '/VmRSS/{print $2}' /proc/$p/status)
  awk -v p="$p" -v r="$rss" -v c0="${cpu0[$p]}" -v c1="$cpu1" -v t="$tick" -v d="$D" \
    'BEGIN{printf "pid=%s rss_mib=%.1f cpu_pct=%.2f\n", p, r/1024, 100*(c1-c0)/t/d}'
done
members=$(curl -s http://127.0.0.1:27000/api/v1/members | python3 -c 'import json,sys; m=json.load(sys.stdin); print(sum(1 for x in m if x["status"]=="alive"))')
echo "alive_members_seen_by_fp-0=$members"
