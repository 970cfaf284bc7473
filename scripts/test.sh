#!/usr/bin/env bash
# THE test command:  bash scripts/test.sh [extra dotnet test / MTP args...]
#
# Works on a fresh Debian 12 machine as root; does its own set-up:
#   1. apt-installs what is missing (PostgreSQL server, Chromium, a CJK font);
#   2. starts a throwaway PostgreSQL cluster (scripts/pg-throwaway.sh) and removes it on exit;
#   3. runs `dotnet test` (Microsoft.Testing.Platform, selected by global.json) in Release,
#      teeing everything to artifacts/test-output.log;
#   4. prints, as its very last line:  tests: N passed, N failed[, N skipped]
#      and exits non-zero if a test failed, the build failed, or no test ran.
#
# Extra args go straight to `dotnet test`, e.g.
#   bash scripts/test.sh --filter-class 'Zhizhi.Orchard.Tests.Foo*'
#   ZHIZHI_TEST_TARGET=tests/Some.Tests/Some.Tests.csproj bash scripts/test.sh   (one project only)
#
# Environment knobs:
#   ZHIZHI_TEST_TARGET   what to test: a .sln/.slnx/.csproj or a directory (default: the repo's solution)
#   ZHIZHI_TEST_TIMEOUT  limit for the whole `dotnet test` (timeout(1) syntax, default 80m: CI's hard
#                        limit is 90 min, and we want to still print the summary and clean up)
#   ZHIZHI_SKIP_APT=1    never call apt-get (you installed things yourself)
#   ZHIZHI_TEST_PG       if already set, use that server instead of starting a throwaway one
#
# Tests receive:
#   ZHIZHI_TEST_PG   Npgsql connection string; role `zhizhi` has CREATEDB (not superuser) and owns
#                    the database it points at, so it may create databases and schemas.
#   ZHIZHI_CHROMIUM  path of the Chromium binary (Debian's; running as root needs --no-sandbox).
set -uo pipefail   # no -e: we must get past a failing `dotnet test` to count and clean up

CALLER_PWD=$PWD   # a relative ZHIZHI_TEST_TARGET is taken relative to where you ran this
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO" || exit 1

ARTIFACTS=$REPO/artifacts
LOG=$ARTIFACTS/test-output.log
RESULTS=$ARTIFACTS/test-results
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zhizhi-test.XXXXXX")

say() { echo "test.sh: $*" >&2; }

# ---------------------------------------------------------------------------------------------
# Clean-up. Runs on any exit (trap) but is also called explicitly before the summary line, so
# that nothing is printed after that line. Idempotent and quiet the second time.
# ---------------------------------------------------------------------------------------------
PG_STARTED=0
SUMMARY_PRINTED=0
cleanup() {
  if [[ $PG_STARTED == 1 ]]; then
    PG_STARTED=0
    ZHIZHI_PG_STATE=$WORK/pg.state bash "$REPO/scripts/pg-throwaway.sh" stop 2>/dev/null || true
  fi
  rm -rf -- "$WORK"
}
# Even when we stop early (apt failed, no PostgreSQL, bad target, Ctrl-C) the last line is a
# summary line, so nobody mistakes an aborted run for a missing one.
# shellcheck disable=SC2317  # called from the trap
on_exit() {
  cleanup
  if [[ $SUMMARY_PRINTED == 0 ]]; then echo "tests: 0 passed, 0 failed"; fi
}
trap on_exit EXIT
# Turn signals into a normal exit so the EXIT trap runs (bash does not run it on a fatal signal),
# after stopping a running `dotnet test` (it sits in its own process group, see below).
TEST_PID=
# shellcheck disable=SC2317  # called from the traps below
on_signal() {
  trap '' INT TERM HUP
  say "interrupted; stopping tests and cleaning up"
  if [[ -n $TEST_PID ]]; then kill -TERM "$TEST_PID" 2>/dev/null; wait "$TEST_PID" 2>/dev/null; fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

# ---------------------------------------------------------------------------------------------
# 0. What to test (resolved first, so a typo fails before any slow set-up).
# ---------------------------------------------------------------------------------------------
TARGET=${ZHIZHI_TEST_TARGET:-}
if [[ -z $TARGET ]]; then
  for t in Zhizhi.Orchard.sln Zhizhi.Orchard.slnx; do [[ -f $t ]] && { TARGET=$REPO/$t; break; }; done
  [[ -n $TARGET ]] || { say "no Zhizhi.Orchard.sln(x) in $REPO (set ZHIZHI_TEST_TARGET)"; exit 1; }
elif [[ $TARGET != /* ]]; then
  if [[ -e $CALLER_PWD/$TARGET ]]; then TARGET=$CALLER_PWD/$TARGET; else TARGET=$REPO/$TARGET; fi
fi
[[ -e $TARGET ]] || { say "ZHIZHI_TEST_TARGET not found: $TARGET"; exit 1; }
# Under MTP, `dotnet test` wants --solution for solutions and --project for projects.
case $TARGET in
  *.sln|*.slnx) target_args=(--solution "$TARGET"); RUN_DIR=$(dirname "$TARGET") ;;
  *.csproj)     target_args=(--project "$TARGET");  RUN_DIR=$(dirname "$TARGET") ;;
  *)            RUN_DIR=$TARGET
                if compgen -G "$TARGET/*.sln*" >/dev/null; then target_args=(--solution "$TARGET")
                else target_args=(--project "$TARGET"); fi ;;
esac

# ---------------------------------------------------------------------------------------------
# 1. System packages (only what is missing; apt is slow even when there is nothing to do).
# ---------------------------------------------------------------------------------------------
missing=()
have_pg_server() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null; }
have_pg_server || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
# The UI is Chinese: without a CJK font, screenshots and layout tests render tofu boxes.
{ command -v fc-list >/dev/null && fc-list | grep -qi wqy; } || missing+=(fonts-wqy-microhei)

if (( ${#missing[@]} )) && [[ ${ZHIZHI_SKIP_APT:-0} != 1 ]]; then
  say "installing missing packages: ${missing[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { say "not root and no sudo: install ${missing[*]} yourself"; exit 1; }
    SUDO=(sudo -n)
  fi
  # Lock timeout: another apt/dpkg (e.g. unattended-upgrades, a background install) may hold the
  # lock; wait for it instead of failing at once.
  apt_opts=(-q -o DPkg::Lock::Timeout=900)
  for try in 1 2 3; do
    "${SUDO[@]}" apt-get "${apt_opts[@]}" update </dev/null && break
    say "apt-get update failed (try $try), retrying in 10s"; sleep 10
  done
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get "${apt_opts[@]}" install -y "${missing[@]}" </dev/null; then
    say "apt-get install ${missing[*]} failed"
    exit 1
  fi
fi

command -v dotnet >/dev/null || { say "dotnet SDK not found on PATH"; exit 1; }

# ---------------------------------------------------------------------------------------------
# 2. Throwaway PostgreSQL (unless the caller brought their own server).
# ---------------------------------------------------------------------------------------------
if [[ -z ${ZHIZHI_TEST_PG:-} ]]; then
  PG_STARTED=1   # set before start: a half-started cluster is still cleaned up by the trap
  if ! ZHIZHI_TEST_PG=$(ZHIZHI_PG_STATE=$WORK/pg.state bash "$REPO/scripts/pg-throwaway.sh" start); then
    say "could not start the throwaway PostgreSQL cluster"
    exit 1
  fi
fi
export ZHIZHI_TEST_PG
export ZHIZHI_CHROMIUM=${ZHIZHI_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
say "ZHIZHI_TEST_PG=$ZHIZHI_TEST_PG"
say "ZHIZHI_CHROMIUM=$ZHIZHI_CHROMIUM"

# Quieter, reproducible dotnet: no telemetry, banners or first-run work in the log.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TESTINGPLATFORM_TELEMETRY_OPTOUT=1 DOTNET_CLI_UI_LANGUAGE=en   # we parse its English output

# ---------------------------------------------------------------------------------------------
# 3. dotnet test
# ---------------------------------------------------------------------------------------------
# dotnet looks for global.json from the CURRENT directory, not from the solution's. Run from the
# target's directory: from anywhere without that global.json, `dotnet test` silently falls back to
# VSTest mode and then rejects --solution and every MTP option ("MSB1001: Unknown switch").
cd "$RUN_DIR" || exit 1

mkdir -p "$ARTIFACTS"
rm -rf -- "$RESULTS"   # only this run's TRX files may be counted

cmd=(dotnet test "${target_args[@]}" -c Release
     # One TRX per test assembly (xunit.v3's own TRX reporter; MTP's --report-trx needs an extra
     # package the projects do not reference). Their counters are what we sum below. The imported
     # targets file names each report after its project: xunit's default names collide.
     --results-directory "$RESULTS" --report-xunit-trx
     "-p:CustomAfterMicrosoftCommonTargets=$REPO/scripts/msbuild/unique-trx-names.targets"
     # Exit code 8 = "zero tests ran" in ONE assembly, e.g. when a --filter selects nothing there.
     # Not an error for the run as a whole; the total is checked below instead.
     --ignore-exit-code 8
     "$@")

limit=${ZHIZHI_TEST_TIMEOUT:-80m}
say "running: ${cmd[*]}   (log: $LOG, limit $limit)"

# dotnet runs in the background under timeout(1), which puts it in its own process group and, on
# expiry or when we forward a signal to it, signals the whole group (test hosts included).
# We `wait` for it instead of running a plain foreground pipeline because bash only runs signal
# traps between commands: with `wait`, a SIGTERM/Ctrl-C to this script is handled at once, the
# tests are stopped and the PostgreSQL cluster is still removed.
mkfifo "$WORK/out"
tee "$LOG" <"$WORK/out" &
TEE_PID=$!
timeout -k 60s "$limit" "${cmd[@]}" </dev/null >"$WORK/out" 2>&1 &
TEST_PID=$!
wait "$TEST_PID"
rc=$?
TEST_PID=
wait "$TEE_PID"   # let tee flush the last lines before we read the log

# ---------------------------------------------------------------------------------------------
# 4. Count.
#    Primary source: the TRX files, one per assembly (<Counters total= passed= failed= ...>).
#    Cross-check / fallback: the console summary that `dotnet test` (MTP, SDK 10) prints last:
#        Test run summary: Passed! | Failed! | Zero tests ran
#          <assembly> (net10.0|x64) passed (420ms)
#          ...
#          error: 1            <- only when an assembly crashed / exited non-zero
#          total: 8
#          failed: 1
#          succeeded: 6
#          skipped: 1
#          duration: 712ms
#    Why both: a crashed or killed assembly writes no TRX, and by default xunit names its TRX
#    files user_host_timestamp.trx, which DO collide for assemblies started together (seen: 4
#    assemblies, 3 files; scripts/msbuild/unique-trx-names.targets prevents that, unless a project
#    overrides it). So TRX counts are used only when there is one file per assembly AND they agree
#    with the console summary; otherwise the console summary wins. If the console format ever
#    changes, complete TRX counts still work; if neither source is readable, the run fails.
# ---------------------------------------------------------------------------------------------
clean_log=$WORK/clean.log
sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r$//' "$LOG" >"$clean_log"   # strip ANSI colours, CRs

# Console summary: the block after the LAST "Test run summary:" line.
read -r c_found c_total c_failed c_passed c_skipped c_error < <(awk '
  /^Test run summary:/ { found=1; total=failed=passed=skipped=err=""; next }
  found && /^ *total: *[0-9]+/     { total=$2 }
  found && /^ *failed: *[0-9]+/    { failed=$2 }
  found && /^ *succeeded: *[0-9]+/ { passed=$2 }
  found && /^ *skipped: *[0-9]+/   { skipped=$2 }
  found && /^ *error: *[0-9]+/     { err=$2 }
  END { printf "%d %s %s %s %s %s\n", found, (total==""?"-":total), (failed==""?"-":failed),
               (passed==""?"-":passed), (skipped==""?"-":skipped), (err==""?0:err) }
' "$clean_log")

assemblies=$(sed -n 's/^Running tests from //p' "$clean_log" | sort -u | wc -l)
mapfile -t trx_files < <(find "$RESULTS" -name '*.trx' -type f 2>/dev/null)

t_total=0 t_passed=0 t_failed=0 t_skipped=0
for f in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
  attr() { local v; v=$(sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$counters"); echo "${v:-0}"; }
  t_total=$((   t_total   + $(attr total) ))
  t_passed=$((  t_passed  + $(attr passed) ))
  # TRX splits non-passes into several outcomes; all of them mean "did not pass".
  t_failed=$((  t_failed  + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))
  t_skipped=$(( t_skipped + $(attr notExecuted) ))   # xunit records skipped tests as NotExecuted
done

passed=0 failed=0 skipped=0 source=none
if (( ${#trx_files[@]} > 0 && ${#trx_files[@]} == assemblies )); then
  passed=$t_passed failed=$t_failed skipped=$t_skipped source=trx
  if [[ $c_found == 1 && $c_total != - ]] \
     && [[ $c_total != "$t_total" || $c_passed != "$t_passed" || $c_failed != "$t_failed" ]]; then
    say "warning: TRX counts ($t_passed passed, $t_failed failed of $t_total) differ from the console" \
        "summary ($c_passed passed, $c_failed failed of $c_total); trusting the console summary"
    source=console
  fi
fi
if [[ $source != trx && $c_found == 1 && $c_passed != - && $c_failed != - ]]; then
  passed=$c_passed failed=$c_failed skipped=${c_skipped/-/0} source=console
elif [[ $source == none ]] && (( ${#trx_files[@]} > 0 )); then
  # No usable console summary (dotnet was killed, e.g. by the time limit, or its output format
  # changed): counts from the TRX files we have are better than none. dotnet's exit code is
  # still checked below, so a failure hidden in a missing TRX file cannot pass.
  passed=$t_passed failed=$t_failed skipped=$t_skipped source=trx-unverified
fi
# An assembly that crashed, hung or exited non-zero counts as one more failure, so that the line
# never says "0 failed" for a broken run. The console summary calls these "error: N"; without a
# summary, count the assemblies that started but left no TRX report.
if [[ $c_found == 1 ]]; then
  broken=$c_error
else
  broken=$(( assemblies > ${#trx_files[@]} ? assemblies - ${#trx_files[@]} : 0 ))
fi
failed=$(( failed + broken ))

# ---------------------------------------------------------------------------------------------
# 5. Verdict. Clean up first, so that the summary line really is the last line printed.
# ---------------------------------------------------------------------------------------------
final=0
if (( rc == 124 || rc == 137 )); then
  say "TIMED OUT after $limit (dotnet test was killed) - counts below are partial"
  final=1
elif [[ $c_found != 1 && ${#trx_files[@]} == 0 ]]; then
  if grep -qE 'Build failed|error (CS|MSB|NU|NETSDK)[0-9]+' "$clean_log"; then
    say "BUILD FAILED (dotnet exit code $rc) - see errors above / in $LOG"
  else
    say "dotnet test produced no test results (exit code $rc) - see $LOG"
  fi
  final=1
elif (( passed + failed == 0 )); then
  say "NO TEST RAN (exit code $rc) - counted from: $source"
  final=1
elif (( failed > 0 )); then
  (( broken > 0 )) && say "$broken test assembly(ies) crashed, hung or exited with an error (each counted as 1 failed)"
  final=1
elif (( rc != 0 )); then
  say "dotnet test exited with $rc although no test failed - see $LOG"
  final=$rc
fi
(( ${#trx_files[@]} )) && say "TRX reports: $RESULTS (${#trx_files[@]} files for $assemblies assemblies; counted from $source)"
say "full log: $LOG"

cleanup
line="tests: $passed passed, $failed failed"
(( skipped > 0 )) && line+=", $skipped skipped"
SUMMARY_PRINTED=1
echo "$line"
exit "$final"
