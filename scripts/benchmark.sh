#!/usr/bin/env bash
# The national benchmark in one command (docs/benchmarks.md):
#   scripts/benchmark.sh [RESPONDENTS_PER_REGION] [EXPORT_RESPONSES]
#     RESPONDENTS_PER_REGION  default 1000 (e.g. 100 for a quick run)
#     EXPORT_RESPONSES        default 1000000: a second period of that many responses for the raw answers
#                             export (1 000 respondents per synthetic region); 0 leaves it out
# On a throwaway PostgreSQL with its default, durable settings: generates 514 regions with 80 values,
# 36 programmes and N respondents each; times the national recomputation beside its floor; starts the app
# and measures submissions (beside a bare INSERT endpoint), the dashboard, the radar PNG and the reports
# over loopback; the answers exports with the process's peak memory, beside a bare streaming write of the same
# cells; a soak of reports and charts in parallel (native heap warnings, memory before, at peak and after); the
# scoring engine alone (BenchmarkDotNet). Everything it starts is stopped at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/common.sh
ensure_packages "${RUNTIME_PACKAGES[@]}" curl

respondents=${1:-1000}
export_responses=${2:-1000000}
work=$(mktemp -d -t survey-bench.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
app_port=$(free_port)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  scripts/pg.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(dotnet --version)"
scripts/pg.sh init "$work/pg"
scripts/pg.sh start "$work/pg" "$pg_port"
export ConnectionStrings__Survey="Host=127.0.0.1;Port=$pg_port;Database=bench;Username=postgres"
dotnet build Survey.sln -c Release -nologo -v quiet -clp:ErrorsOnly
app="$root/Survey.Web/bin/Release/net10.0"
bench="$root/Survey.Benchmarks/bin/Release/net10.0"

echo "== data"
(cd "$app" && dotnet Survey.Web.dll generate 2026-S2 514 "$respondents" 36 | tail -1)
if [ "$export_responses" -gt 0 ]; then
  (cd "$app" && dotnet Survey.Web.dll generate 2025-S2 $(( (export_responses + 999) / 1000 )) 1000 0 | tail -1)
fi
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -qc "VACUUM ANALYZE" >/dev/null

if [ "${SOAK_ONLY:-0}" = 1 ]; then
  # Only the soak (SOAK_ONLY=1), on the same data: for checking native memory after a change.
  (cd "$app" && SURVEY_ADMIN_PASSWORD='Bench-Admin-2026' dotnet Survey.Web.dll create-admin bench@example.go.id "Benchmark" >/dev/null)
fi

if [ "${SOAK_ONLY:-0}" != 1 ]; then
echo "== national recomputation"
(cd "$app" && dotnet Survey.Web.dll benchmark-scores 2026-S2 5 | grep -v '^info\|^warn\|^ ')

echo "== HTTP over loopback"
(cd "$app" && SURVEY_ADMIN_PASSWORD='Bench-Admin-2026' dotnet Survey.Web.dll create-admin bench@example.go.id "Benchmark" >/dev/null)
(cd "$app" && exec dotnet Survey.Web.dll --urls "http://127.0.0.1:$app_port" --contentRoot "$root/Survey.Web" \
  --Survey:Benchmark:BareEndpoint=true --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1 && break; sleep 1; done
token=$(curl -fs -X POST "http://127.0.0.1:$app_port/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.go.id","password":"Bench-Admin-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
dotnet "$bench/Survey.Benchmarks.dll" http "http://127.0.0.1:$app_port" "$token" 2026-S2 1101 32 5000

echo "== answers export (streamed)"
# On a freshly started app, so that the peak memory is that of the export, not of the phases before it.
start_app() {
  (cd "$app" && exec dotnet Survey.Web.dll --urls "http://127.0.0.1:$app_port" --contentRoot "$root/Survey.Web" \
    --Survey:Benchmark:BareEndpoint=true --Logging:LogLevel:Default=Warning >>"$work/app.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1 && break; sleep 1; done
}
export_answers() {
  local period=$1
  kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
  start_app
  local before after start end size rows
  before=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")
  start=$(date +%s.%N)
  size=$(curl -fs -H "Authorization: Bearer $token" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$app_port/periods/$period/export/answers.xlsx")
  end=$(date +%s.%N)
  after=$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")
  rows=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -Atc "SELECT count(*) FROM response WHERE period_code = '$period'")
  echo "| $period answers.xlsx | $rows rows | $((size / 1024 / 1024)) MB | $(python3 -c "print(round($end - $start, 1))") s | peak memory of the app $((after / 1024)) MB (at start: $((before / 1024)) MB) |"
  dotnet "$bench/Survey.Benchmarks.dll" xlsx-floor "$rows"
}
export_answers 2026-S2
if [ "$export_responses" -gt 0 ]; then
  export_answers 2025-S2
fi

fi

echo "== soak: reports and charts in parallel (native memory, libgdiplus warnings)"
# A freshly started app is loaded for SOAK_SECONDS (default 180) with region and national report workbooks and
# charts of random sizes at once; its resident memory is sampled every second, and its log is searched for the
# native heap warnings that parallel libgdiplus use used to print. Then the app idles for 60 s.
soak() {
  local seconds=${SOAK_SECONDS:-180} regions start peak rss after warnings requests
  if [ -n "$app_pid" ]; then kill "$app_pid" && wait "$app_pid" 2>/dev/null || true; fi
  : >"$work/soak.log"
  (cd "$app" && exec dotnet Survey.Web.dll --urls "http://127.0.0.1:$app_port" --contentRoot "$root/Survey.Web" \
    --Survey:RateLimits:ChartRendersPerMinute=1000000 --Logging:LogLevel:Default=Warning >"$work/soak.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1 && break; sleep 1; done
  if [ -z "${token:-}" ]; then
    token=$(curl -fs -X POST "http://127.0.0.1:$app_port/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d '{"email":"bench@example.go.id","password":"Bench-Admin-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  fi
  regions=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -Atc "SELECT code FROM region ORDER BY code LIMIT 40" | tr '\n' ' ')
  curl -fs -H "Authorization: Bearer $token" -o /dev/null "http://127.0.0.1:$app_port/charts/periods/2026-S2/ranking.png" || true
  start=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")
  local deadline=$(( $(date +%s) + seconds ))
  worker() {
    local kind=$1 n=0 code
    while [ "$(date +%s)" -lt "$deadline" ]; do
      code=$(echo $regions | tr ' ' '\n' | shuf -n 1)
      case $kind in
        region) url="/periods/2026-S2/regions/$code/report.xlsx" ;;
        national) url="/periods/2026-S2/report.xlsx" ;;
        chart) url="/charts/periods/2026-S2/regions/$code/radar.png?w=$((RANDOM % 1800 + 200))&h=$((RANDOM % 1300 + 200))" ;;
      esac
      curl -s -H "Authorization: Bearer $token" -o /dev/null --max-time 120 "http://127.0.0.1:$app_port$url" || true
      n=$((n + 1))
    done
    echo "$n" >>"$work/soak.count"
  }
  : >"$work/soak.count"
  local pids=()
  for _ in 1 2 3 4 5 6; do worker region & pids+=($!); done
  for _ in 1 2; do worker national & pids+=($!); done
  for _ in 1 2 3 4 5 6 7 8; do worker chart & pids+=($!); done
  peak=$start
  while [ "$(date +%s)" -lt "$deadline" ]; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 1
  done
  wait "${pids[@]}" 2>/dev/null || true
  sleep 60
  after=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")
  requests=$(awk '{s += $1} END {print s + 0}' "$work/soak.count")
  warnings=$(grep -ciE 'GLib|corrupted|double free|malloc\(\)' "$work/soak.log" || true)
  echo "| soak ${seconds} s, 6 region + 2 national report loops + 8 chart loops | $requests requests | native heap warnings: $warnings | resident memory: start $((start / 1024)) MB, peak $((peak / 1024)) MB, 60 s after $((after / 1024)) MB |"
}
soak

if [ "${SOAK_ONLY:-0}" != 1 ]; then
echo "== scoring engine alone (BenchmarkDotNet)"
(cd "$work" && dotnet "$bench/Survey.Benchmarks.dll" engine | grep -E '^\|' )
fi
