#!/usr/bin/env bash
# The booking benchmark of issue 7, against a running ./run.sh (see docs/performance.md):
#
#   bench/booking.sh throughput   16 clients book distinct free slots for 30 s; pgbench measures three event-row
#                                 INSERTs per transaction on the same PostgreSQL just before and just after
#   bench/booking.sh history      booking on a doctor with >= 8,000 published slots vs one with 50 (p50 ratio)
#   bench/booking.sh rush         2,000 patients race for one doctor's 40 free slots
#   bench/booking.sh retry        a booking abandoned at the client timeout, retried with the same Idempotency-Key;
#                                 needs a command side started with healthmed.booking.fault-injection.handler-delay
#   bench/booking.sh all          throughput, history and rush, one after the other
#
# Each scenario seeds what it needs through the public API (new doctors and patients every run), waits until the
# query side has projected it, runs the Gatling simulation and prints the figures against the targets. Everything of a
# run (feeder files, counts, pgbench output, load averages, summary) lands in bench/target/runs/<time>-<scenario>/,
# Gatling's HTML report in bench/target/gatling/.
#
# Exit status: 0 every target met, 1 a target missed (the figures are still printed), 2 the run could not be made.
# Reads HEALTHMED_HOME, HEALTHMED_COMMAND_PORT, HEALTHMED_QUERY_PORT and HEALTHMED_POSTGRES_PORT like ./run.sh, and the
# BENCH_* variables described in docs/performance.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '%s\n' "$*"; }
fail() { printf 'bench/booking.sh: %s\n' "$*" >&2; exit 2; }

case "${1:-}" in
  throughput | history | rush | retry | all) ;;
  *) fail "usage: bench/booking.sh throughput|history|rush|retry|all" ;;
esac

# Java 25, chosen exactly as ./mvnw and ./run.sh choose it.
# shellcheck source=../.mvn/select-java.sh
. "$ROOT/.mvn/select-java.sh"
JAVA=$JAVA_HOME/bin/java

HEALTHMED_HOME=${HEALTHMED_HOME:-$ROOT/.local}
COMMAND_PORT=${HEALTHMED_COMMAND_PORT:-8081}
QUERY_PORT=${HEALTHMED_QUERY_PORT:-8082}
POSTGRES_PORT=${HEALTHMED_POSTGRES_PORT:-15432}
export BENCH_COMMAND_URL=http://127.0.0.1:$COMMAND_PORT
export BENCH_QUERY_URL=http://127.0.0.1:$QUERY_PORT
PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-30}
CLIENTS=${BENCH_CLIENTS:-16}

# --- Is ./run.sh up? ----------------------------------------------------------------------------------------------
for side in "command side:$COMMAND_PORT" "query side:$QUERY_PORT"; do
  if ! curl -fsS --max-time 5 "http://127.0.0.1:${side##*:}/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then
    fail "the ${side%%:*} does not answer ready on port ${side##*:}. Start ./run.sh in another terminal first and wait until it prints 'Health&Med is running'."
  fi
done

SECRETS=$HEALTHMED_HOME/secrets.env
[ -r "$SECRETS" ] || fail "cannot read $SECRETS (the admin login that ./run.sh generated); set HEALTHMED_HOME to the folder ./run.sh uses."
secret() { sed -n "s/^$1='\(.*\)'\$/\1/p" "$SECRETS" | tail -n 1; }
BENCH_ADMIN_EMAIL=$(secret HEALTHMED_ADMIN_EMAIL)
BENCH_ADMIN_PASSWORD=$(secret HEALTHMED_ADMIN_PASSWORD)
BENCH_ADMIN_TOTP_SECRET=$(secret HEALTHMED_ADMIN_TOTP_SECRET)
export BENCH_ADMIN_EMAIL BENCH_ADMIN_PASSWORD BENCH_ADMIN_TOTP_SECRET
[ -n "$BENCH_ADMIN_EMAIL" ] && [ -n "$BENCH_ADMIN_PASSWORD" ] || fail "$SECRETS holds no admin e-mail and password."
[ -n "$BENCH_ADMIN_TOTP_SECRET" ] || fail "$SECRETS holds no HEALTHMED_ADMIN_TOTP_SECRET: start ./run.sh once with this version."

if [ "$1" = throughput ] || [ "$1" = all ]; then
  if ! command -v pgbench > /dev/null || ! command -v psql > /dev/null; then
    say "The throughput scenario measures the database with pgbench, which is missing. On Debian or Ubuntu:" >&2
    say "  sudo apt-get install -y postgresql-client" >&2
    exit 2
  fi
fi

# --- Compile the simulations and resolve their classpath ---------------------------------------------------------
say "Compiling the benchmark (./mvnw -q -pl bench test-compile) ..."
./mvnw -q -pl bench test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/bench/target/test.classpath" || fail "the benchmark does not compile; see above."
CLASSPATH_BENCH=$ROOT/bench/target/test-classes:$(cat "$ROOT/bench/target/test.classpath")

psql_run() { PGPASSWORD=postgres psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d healthmed "$@"; }

# Three INSERTs into a copy of the event table (same columns, keys and unique constraints, a sequence of its own), in
# one transaction: what a booking appends to the event store, without touching the store itself. The rows are as
# large as the store's booking events on average.
three_inserts() {
  local label=$1 sizes payload meta log=$RUN_DIR/pgbench-$1.log
  sizes=$(psql_run -At -c "SELECT coalesce(avg(length(payload))::int, 400) || ' ' || coalesce(avg(length(meta_data))::int, 250)
      FROM (SELECT payload, meta_data FROM domain_event_entry
            WHERE payload_type LIKE '%AppointmentRequested%' OR payload_type LIKE '%SlotHeld%'
               OR payload_type LIKE '%PatientTimeBlocked%' ORDER BY global_index DESC LIMIT 3000) recent")
  payload=${sizes% *}
  meta=${sizes#* }
  psql_run -f "$ROOT/bench/src/test/resources/pgbench/event-table-copy.sql"
  say "pgbench ($label): $CLIENTS clients, ${PGBENCH_SECONDS}s, transactions of three event-row INSERTs (payload $payload B, metadata $meta B) ..."
  PGPASSWORD=postgres pgbench -n -M prepared -c "$CLIENTS" -j 2 -T "$PGBENCH_SECONDS" \
    -D payload_len="$payload" -D meta_len="$meta" -f "$ROOT/bench/src/test/resources/pgbench/three-inserts.sql" \
    -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres healthmed > "$log" 2>&1 || { cat "$log" >&2; fail "pgbench failed."; }
  psql_run -c 'DROP SCHEMA bench CASCADE'
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$log" | head -n 1 > "$RUN_DIR/pgbench-$label.tps"
  say "  $(grep -E '^tps|^latency average' "$log" | tr '\n' ' ')"
}

# The load average every 5 s while Gatling runs: the machine is shared, and the figures mean little without it.
watch_load() {
  while true; do printf '%s %s\n' "$(date -u +%H:%M:%S)" "$(cat /proc/loadavg)" >> "$RUN_DIR/loadavg.log"; sleep 5; done
}

run_scenario() {
  local scenario=$1 simulation gatling_status=0 summary_status=0 report watcher
  case $scenario in
    throughput) simulation=ThroughputSimulation ;;
    history) simulation=HistorySimulation ;;
    rush) simulation=RushSimulation ;;
    retry) simulation=RetryAfterTimeoutSimulation ;;
  esac
  RUN_DIR=$ROOT/bench/target/runs/$(date -u +%Y%m%dT%H%M%SZ)-$scenario
  mkdir -p "$RUN_DIR"
  export BENCH_RUN_DIR=$RUN_DIR
  {
    say "scenario: $scenario"
    say "started: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    say "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    say "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
    say "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    say "java: $("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p')"
    say "load before seeding: $(cat /proc/loadavg)"
  } > "$RUN_DIR/machine.txt"

  say "Seeding registers many accounts from this one address, and each benchmark patient books more than 3 slots: the"
  say "abuse limits of issue 9 (ADR 0021) must be lifted on the command side for a benchmark, e.g."
  say "  HEALTHMED_JAVA_OPTS='-Dhealthmed.security.registration-throttle.per-address=1000000 -Dhealthmed.patient-requests.per-window=1000000 -Dhealthmed.patient-requests.max-pending=1000000' ./run.sh"
  if [ "$scenario" = retry ]; then
    say "The retry scenario needs a command side whose booking handler is delayed beyond the client timeout, e.g."
    say "  HEALTHMED_JAVA_OPTS='-Dhealthmed.booking.fault-injection.handler-delay=PT20S' ./run.sh"
    say "Without it the first attempt is answered in time and the run fails its first assertion."
  fi
  say "=== $scenario: seeding through the API ($BENCH_COMMAND_URL, $BENCH_QUERY_URL) ==="
  "$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.Seed "$scenario" || fail "seeding failed; see above."

  [ "$scenario" != throughput ] || three_inserts before

  say "=== $scenario: Gatling ($simulation) ==="
  say "load before the run: $(cat /proc/loadavg)" >> "$RUN_DIR/machine.txt"
  watch_load & watcher=$!
  touch "$RUN_DIR/.gatling-start"
  ./mvnw -pl bench gatling:test -Dgatling.simulationClass="br.com.healthmed.bench.$simulation" \
    -Dgatling.runDescription="$scenario $(basename "$RUN_DIR")" || gatling_status=$?
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  say "load after the run: $(cat /proc/loadavg)" >> "$RUN_DIR/machine.txt"

  if [ "$scenario" = throughput ]; then
    three_inserts after
    awk '{ sum += $1; n++ } END { if (n) printf "%.1f\n", sum / n }' "$RUN_DIR/pgbench-before.tps" "$RUN_DIR/pgbench-after.tps" > "$RUN_DIR/pgbench.tps"
    say "pgbench before $(cat "$RUN_DIR/pgbench-before.tps")/s, after $(cat "$RUN_DIR/pgbench-after.tps")/s" >> "$RUN_DIR/summary.txt"
  fi

  say "=== $scenario: figures ==="
  cat "$RUN_DIR/machine.txt"
  [ ! -s "$RUN_DIR/loadavg.log" ] || say "load average during the run (1, 5, 15 min): $(awk '{print $2}' "$RUN_DIR/loadavg.log" | sort -n | sed -n '1p;$p' | paste -sd- ) (1-minute, lowest-highest; every 5 s in loadavg.log)"
  [ -f "$RUN_DIR/outcomes.properties" ] || fail "the simulation wrote no outcomes; see Gatling's output above."
  "$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.Summary "$RUN_DIR" "$scenario" || summary_status=$?
  report=$(find "$ROOT/bench/target/gatling" -mindepth 2 -maxdepth 2 -name index.html -newer "$RUN_DIR/.gatling-start" 2>/dev/null | head -n 1)
  say "Gatling report: ${report:-none (see the Gatling output above)}"
  say "Run folder:     $RUN_DIR"
  [ "$gatling_status" -eq 0 ] || say "Gatling assertions failed (exit $gatling_status): see 'Global Information' and the assertions above."
  [ "$gatling_status" -eq 0 ] && [ "$summary_status" -eq 0 ]
}

status=0
if [ "$1" = all ]; then
  for scenario in throughput history rush; do run_scenario "$scenario" || status=1; done
else
  run_scenario "$1" || status=1
fi
exit "$status"
