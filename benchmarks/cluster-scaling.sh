#!/usr/bin/env bash
# Scaling of the Orleans route on this machine (issue 20): the national default run
#   - in one process on one thread, as a shard covering every replicate (the baseline: no cluster, one accumulator
#     written once), and
#   - by 'tfm run --cluster' on 1, 2 and 3 'tfm cluster silo' processes of one worker each (localhost clustering),
# printing per run: wall seconds of the run itself (the client's clock, output writing excluded), batches, bytes sent,
# the silos' serialization time (batch time less compute time, from 'tfm cluster silo -v'), the client's decoding
# and merging time, efficiency = baseline / (silos x wall), and the CPU seconds of silos and client together against
# the baseline's (the overhead a loaded machine cannot hide in waiting). Also each silo's start-up time and memory.
# Usage: benchmarks/cluster-scaling.sh [REPLICATES=12] [SILOS="1 2 3"]   (Release build of the CLI; a few minutes)
set -uo pipefail
cd "$(dirname "$0")/.."
replicates="${1:-12}"
silo_counts="${2:-1 2 3}"
dotnet build src/TreatmentFlowModel.Cli -c Release -nologo -v q >/dev/null || exit 1
tfm=(dotnet src/TreatmentFlowModel.Cli/bin/Release/net10.0/tfm.dll)
work="$(mktemp -d)"
silos=()
stop_silos() {
  for pid in "${silos[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${silos[@]}"; do wait "$pid" 2>/dev/null; done
  silos=()
}
trap 'stop_silos; rm -rf "$work"' EXIT
base=$((24000 + ($$ % 200) * 20))

echo "national default, $replicates replicates, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu_of() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat"; }   # user + system seconds of a live process
# Wall: the replicates alone (a shard covering every one). CPU: a whole 'tfm run', output writing included as the
# cluster client's is.
line=$("${tfm[@]}" run scenarios/national.json -n "$replicates" --shard 0/1 --threads 1 --out "$work/baseline" | grep -o 'in [0-9.]* s')
baseline=$(echo "$line" | grep -o '[0-9.]*')
/usr/bin/time -f "cpu %U %S" -o "$work/baseline.cpu" "${tfm[@]}" run scenarios/national.json -n "$replicates" --threads 1 --out "$work/single" --quiet
baseline_cpu=$(awk '/^cpu/ {printf "%.1f", $2 + $3}' "$work/baseline.cpu")
echo "baseline: one process, one thread: $baseline s ($(python3 -c "print(f'{$baseline/$replicates:.2f}')") s per replicate); a whole tfm run: $baseline_cpu CPU s"
printf '%-6s %8s %8s %8s %12s %12s %12s %11s %13s\n' silos wall_s batches MB silo_ser_s client_dec_s client_mrg_s efficiency cpu_s_vs_base
for k in $silo_counts; do
  gateways=""
  for s in $(seq "$k"); do
    start=$(date +%s.%N)
    "${tfm[@]}" cluster silo --silo-port $((base + s)) --primary-port $((base + 1)) --gateway-port $((base + 10 + s)) --workers 1 --verbose \
      > "$work/silo$k-$s.out" 2> "$work/silo$k-$s.err" & silos+=($!)
    for _ in $(seq 600); do grep -q "silo ready" "$work/silo$k-$s.out" 2>/dev/null && break; sleep 0.1; done
    ready=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
    gateways="${gateways:+$gateways,}$((base + 10 + s))"
    startup="${startup:-} $ready"
  done
  silo_cpu_before=$(for pid in "${silos[@]}"; do cpu_of "$pid"; echo; done | awk '{s += $1} END {print s}')
  /usr/bin/time -f "cpu %U %S" -o "$work/client$k.cpu" "${tfm[@]}" run scenarios/national.json -n "$replicates" --cluster "localhost:$gateways" --out "$work/cluster$k" > /dev/null 2> "$work/client$k.err"
  silo_cpu=$(for pid in "${silos[@]}"; do cpu_of "$pid"; echo; done | awk -v before="$silo_cpu_before" '{s += $1} END {printf "%.1f", s - before}')
  client_cpu=$(awk '/^cpu/ {printf "%.1f", $2 + $3}' "$work/client$k.cpu")
  rss=$(for pid in "${silos[@]}"; do ps -o rss= -p "$(pgrep -P "$pid" || echo "$pid")" 2>/dev/null; done | awk '{printf "%s%.0f", sep, $1/1024; sep=" "}')
  stop_silos
  summary=$(grep "replicates in" "$work/client$k.err")
  wall=$(echo "$summary" | sed -E 's/.* replicates in ([0-9.]+) s.*/\1/')
  batches=$(echo "$summary" | sed -E 's/.* s, ([0-9]+) batches.*/\1/')
  mb=$(echo "$summary" | sed -E 's/.* ([0-9.]+) MB received.*/\1/')
  dec=$(echo "$summary" | sed -E 's/.* ([0-9.]+) s decoding.*/\1/')
  mrg=$(echo "$summary" | sed -E 's/.* ([0-9.]+) s merging.*/\1/')
  ser=$(cat "$work"/silo$k-*.err | sed -nE 's/.*done in ([0-9.]+) s \(([0-9.]+) s computing\).*/\1 \2/p' | awk '{s += $1 - $2} END {printf "%.1f", s}')
  eff=$(python3 -c "print(f'{$baseline / ($k * $wall):.2f}')")
  printf '%-6s %8s %8s %8s %12s %12s %12s %11s %13s\n' "$k" "$wall" "$batches" "$mb" "$ser" "$dec" "$mrg" "$eff" "$silo_cpu+$client_cpu/$baseline_cpu"
  echo "       silo start-up s:${startup}; silo resident MB after the run: $rss"
  startup=""
  diff -r -q "$work/single" "$work/cluster$k" >/dev/null || echo "       the files differ from the single run!"
done
