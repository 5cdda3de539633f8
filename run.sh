#!/usr/bin/env bash
# Starts the Smart City evaluation platform on http://127.0.0.1:5000 (see README.md).
#   ./run.sh [--urls URL]
# Without ConnectionStrings__Survey it runs a private PostgreSQL under .data/postgres (kept between runs)
# and loads the demo data. With ConnectionStrings__Survey it uses that database and starts no cluster.
# Ctrl-C stops the app and the private cluster.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
. scripts/common.sh

urls=${SURVEY_URLS:-http://127.0.0.1:5000}
while [ $# -gt 0 ]; do
  case "$1" in
    --urls) urls=${2:?--urls needs a value}; shift 2 ;;
    --urls=*) urls=${1#--urls=}; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

command -v dotnet >/dev/null 2>&1 || { echo "run.sh: the .NET 10 SDK is needed (https://dot.net)" >&2; exit 1; }
ensure_packages "${RUNTIME_PACKAGES[@]}"

app_pid=""
cluster_dir=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$cluster_dir" ]; then
    echo "Stopping PostgreSQL ..."
    "$root/scripts/pg.sh" stop "$cluster_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

demo=()
if [ -z "${ConnectionStrings__Survey:-}" ]; then
  pg_port=${SURVEY_PG_PORT:-55432}
  cluster_dir="$root/.data/postgres"
  mkdir -p "$root/.data"
  chmod 755 "$root/.data"
  scripts/pg.sh init "$cluster_dir"
  if ! scripts/pg.sh status "$cluster_dir" && port_in_use "$pg_port"; then
    echo "run.sh: port $pg_port is taken; set SURVEY_PG_PORT to a free port" >&2
    cluster_dir=""; exit 1
  fi
  echo "Starting PostgreSQL (.data/postgres, 127.0.0.1:$pg_port) ..."
  scripts/pg.sh start "$cluster_dir" "$pg_port"
  export ConnectionStrings__Survey="Host=127.0.0.1;Port=$pg_port;Database=survey;Username=postgres"
  demo=(--Survey:DemoData=true)
fi

echo "Building ..."
dotnet build Survey.Web/Survey.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
app_dir="$root/Survey.Web/bin/Release/net10.0"

echo "Applying migrations ..."
(cd "$app_dir" && dotnet Survey.Web.dll migrate "${demo[@]}")

echo
echo "Smart City evaluation platform: $urls"
if [ ${#demo[@]} -gt 0 ]; then
  echo "Demo data is loaded (labelled DEMO in the app). Demo accounts, password Demo-2026!:"
  echo "  admin@demo.go.id (admin), evaluator@demo.go.id (evaluator), tuban@demo.go.id (coordinator, Kabupaten Tuban 3523)"
  echo "  surabaya@, bandung@, sleman@, denpasar@, balikpapan@demo.go.id (coordinators of the other demo regions)"
fi
echo "Press Ctrl-C to stop."
echo
cd "$app_dir"
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} dotnet Survey.Web.dll --urls "$urls" --contentRoot "$root/Survey.Web" "${demo[@]}" &
app_pid=$!
wait "$app_pid"
