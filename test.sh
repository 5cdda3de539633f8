#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL and ends with one line "N passed, N failed".
#   ./test.sh [extra dotnet test arguments, e.g. --filter Name~Migration]
# SURVEY_TEST_DB (a connection string without a database name) uses that server instead.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
. scripts/common.sh

command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET 10 SDK is needed"; echo "0 passed, 1 failed"; exit 1; }
ensure_packages "${RUNTIME_PACKAGES[@]}" python3-openpyxl poppler-utils chromium || { echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d -t survey-test.XXXXXX)
chmod 755 "$work"
log="$work/test.log"
cluster=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$cluster" ]; then "$root/scripts/pg.sh" stop "$cluster"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== Build"
if ! dotnet build Survey.sln -c Release -nologo -v quiet -clp:ErrorsOnly -warnaserror 2>&1 | tee "$work/build.log"; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

if [ -z "${SURVEY_TEST_DB:-}" ]; then
  echo "== Throwaway PostgreSQL"
  cluster="$work/pg"
  port=$(free_port)
  PG_INIT_NOSYNC=1 scripts/pg.sh init "$cluster"
  scripts/pg.sh start "$cluster" "$port" fast
  export SURVEY_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres"
fi

failed_steps=0
if command -v docker-compose >/dev/null 2>&1; then
  echo "== docker-compose config"
  if docker-compose -f docker-compose.yml config -q; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1, Duration: 0 s - docker-compose.yml" | tee -a "$log"
  else
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1, Duration: 0 s - docker-compose.yml" | tee -a "$log"
    failed_steps=1
  fi
fi

# One style: the code must already be as `dotnet format` leaves it (the rules of .editorconfig). A run with
# arguments (a filtered run while working) skips this step; the full run never does.
if [ $# -eq 0 ]; then
  echo "== dotnet format --verify-no-changes"
  if dotnet format Survey.sln --verify-no-changes --no-restore > "$work/format.log" 2>&1; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1, Duration: 0 s - dotnet format" | tee -a "$log"
  else
    grep -E "error|warning" "$work/format.log" | head -40
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1, Duration: 0 s - dotnet format (run: dotnet format Survey.sln)" | tee -a "$log"
    failed_steps=1
  fi
fi

status=0
for project in Survey.Tests/Survey.Tests.csproj Survey.Tests.Browser/Survey.Tests.Browser.csproj; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "console;verbosity=normal" --results-directory "$root/TestResults" "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# dotnet test prints, per assembly, "Total tests: N / Passed: N / Failed: N / Skipped: N" (normal
# verbosity) or "Passed!  - Failed: N, Passed: N, ..." (minimal); an aborted run counts as a failure.
summary=$(awk '
  /^(Passed|Failed)! +- Failed:/ { split($0, a, /[:,]/); f += a[2]; p += a[4]; s += a[6]; n++; next }
  /^Test Run Aborted/ { f += 1; n++ }
  /^Test Run (Successful|Failed)/ { n++ }
  /^ +Passed: +[0-9]+ *$/ { p += $2 }
  /^ +Failed: +[0-9]+ *$/ { f += $2 }
  /^ +Skipped: +[0-9]+ *$/ { s += $2 }
  END { if (n == 0) print "0 passed, 1 failed"; else printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log")
echo
echo "$summary"
if [ $status -ne 0 ] || [ $failed_steps -ne 0 ] || ! echo "$summary" | grep -q ' 0 failed'; then
  exit 1
fi
