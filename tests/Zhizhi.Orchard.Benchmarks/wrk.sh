#!/usr/bin/env bash
# Anonymous township page vs a bare Kestrel endpoint returning the same bytes from memory, one wrk run each.
# Usage: bash tests/Zhizhi.Orchard.Benchmarks/wrk.sh [duration=20s] [connections=64]
# Needs wrk (apt-get install -y wrk). Everything listens on 127.0.0.1 only and stops at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20s}; connections=${2:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
data=$(mktemp -d); host_port=5181; bare_port=5182
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT

dotnet build -c Release tests/Zhizhi.Orchard.Benchmarks -v quiet -nologo >/dev/null   # builds the host too
host_dir=src/Host/Zhizhi.Orchard.Host
( cd "$host_dir" && ASPNETCORE_ENVIRONMENT=Production Zhizhi__DataPath="$data" Serilog__MinimumLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/Zhizhi.Orchard.Host.dll --urls "http://127.0.0.1:$host_port" >"$data/host.log" 2>&1 ) &
pids+=($!)
until curl -sf "http://127.0.0.1:$host_port/health/live" >/dev/null; do sleep 0.3; done
page="http://127.0.0.1:$host_port/hengjie/"
curl -sf "$page" >/dev/null
dotnet tests/Zhizhi.Orchard.Benchmarks/bin/Release/net10.0/Zhizhi.Orchard.Benchmarks.dll bare --url "$page" --port $bare_port >"$data/bare.log" 2>&1 &
pids+=($!)
until curl -sf "http://127.0.0.1:$bare_port/" >/dev/null; do sleep 0.3; done
echo "page: $(curl -s "$page" | wc -c) bytes; bare: $(curl -s "http://127.0.0.1:$bare_port/" | wc -c) bytes"

run() { wrk -t2 -c"$connections" -d"$duration" --latency "$1" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c"$connections" -d5s "$page" >/dev/null   # warm-up
echo "== township page $page"; township=$(run "$page")
echo "== bare Kestrel"; bare=$(run "http://127.0.0.1:$bare_port/")
awk -v t="$township" -v b="$bare" 'BEGIN { printf "township %.0f req/s, bare %.0f req/s: %.0f%% of bare\n", t, b, 100 * t / b }'
