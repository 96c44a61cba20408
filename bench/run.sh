#!/usr/bin/env bash
# The load scenarios of issue 8, against a running system (by default the gateway of ./run.sh --replicas 2 on
# http://127.0.0.1:8080; see docs/performance.md):
#
#   bench/run.sh users20k     20,000 concurrent users (BENCH_USERS_TOTAL) split over BENCH_JVMS (2) Gatling JVMs, each
#                             on its own keep-alive connection, ramped over BENCH_RAMP_SECONDS (120) and held for
#                             BENCH_HOLD_SECONDS (300): patients' journeys with think time, doctors accepting/rejecting
#   bench/run.sh search-max   closed-model saturation of the doctor search and of a bare endpoint, in the same run, on
#                             the first query-side replica (BENCH_SATURATION_URL; the gateway would answer from cache):
#                             BENCH_SATURATION_WARMUP_SECONDS (10) of both, not counted, then BENCH_SATURATION_ROUNDS
#                             (2) rounds of search then bare, BENCH_SATURATION_SECONDS (30) of each in all
#   bench/run.sh failover     2,000 users; SIGKILL one command-side and one query-side replica mid-run (run.sh starts
#                             them again); then no lost or duplicated booking, checked against the event store and the
#                             read models
#   bench/run.sh soak         5,000 users for BENCH_SOAK_MINUTES (30); heap, processor lag, connections, Redis memory
#                             sampled every 30 s
#   bench/run.sh fault-redis     issue 14: search + booking load; Redis paused (SIGSTOP) for BENCH_FAULT_SECONDS (10),
#                                then, once recovered, stopped for as long and started again (bench/store-fault.sh)
#   bench/run.sh fault-postgres  booking load; PostgreSQL stopped for BENCH_FAULT_SECONDS, then started again
#   bench/run.sh fault-mongo     query load (and a few bookings); the MongoDB emulator paused for BENCH_FAULT_SECONDS
#                             The fault scenarios start after the ramp and 30 s of steady load, leave
#                             BENCH_RECOVERY_SECONDS (60) after each fault, sample both sides' readiness every second,
#                             and end with FaultReport (errors before/during/after, time to recover, slowest answer)
#                             and FailoverCheck (bookings lost, duplicated or half-applied: 0).
#
# In every scenario the users retry as a well-behaved client does (RetryPolicy): after a 429/503 when Retry-After says,
# after no answer or a 502/504 backing off 1, 2, 4, 8 s, for at most BENCH_RETRY_SECONDS (60) from the first attempt;
# writes with the same Idempotency-Key. Attempts and final outcomes are counted apart; the run fails on a final one.
#
# Every knob is an environment variable (BENCH_*), so a small validation run is e.g.
#   BENCH_USERS_TOTAL=400 BENCH_RAMP_SECONDS=20 BENCH_HOLD_SECONDS=40 bench/run.sh users20k
# Everything of a run lands in bench/target/runs/<time>-<scenario>/ (feeders, per-JVM answers, Gatling output, the
# summary), Gatling's HTML reports in bench/target/gatling/. Every load loop stops by itself (ramp + hold, then at most
# two more minutes: Gatling's maxDuration). Only loopback addresses are loaded.
#
# Exit status: 0 the run completed without an error answer, 1 errors (the figures are still printed), 2 no run.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

say() { printf '%s\n' "$*"; }
fail() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 2; }

SCENARIO=${1:-}
case $SCENARIO in
  users20k | search-max | failover | soak | fault-redis | fault-postgres | fault-mongo) ;;
  *) fail "usage: bench/run.sh users20k|search-max|failover|soak|fault-redis|fault-postgres|fault-mongo" ;;
esac

# shellcheck source=../.mvn/select-java.sh
. "$ROOT/.mvn/select-java.sh"
JAVA=$JAVA_HOME/bin/java

HEALTHMED_HOME=${HEALTHMED_HOME:-$ROOT/.local}
export BENCH_BASE_URL=${BENCH_BASE_URL:-http://127.0.0.1:${HEALTHMED_GATEWAY_PORT:-8080}}
# The gateway does not serve /actuator/**: projection status and metrics are read on the first replicas' own ports.
export BENCH_QUERY_URL=${BENCH_QUERY_URL:-http://127.0.0.1:${HEALTHMED_QUERY_PORT:-8082}}
case $BENCH_BASE_URL in
  http://127.* | http://localhost*) ;;
  *) fail "BENCH_BASE_URL must be on this machine's loopback (127.0.0.0/8); was $BENCH_BASE_URL" ;;
esac

curl -fsS --max-time 5 "$BENCH_BASE_URL/gateway/health" > /dev/null 2>&1 \
  || fail "no gateway answers at $BENCH_BASE_URL/gateway/health. Start ./run.sh --replicas 2 in another terminal first."

SECRETS=$HEALTHMED_HOME/secrets.env
[ -r "$SECRETS" ] || fail "cannot read $SECRETS (the admin login ./run.sh generated); set HEALTHMED_HOME to the folder ./run.sh uses."
secret() { sed -n "s/^$1='\(.*\)'\$/\1/p" "$SECRETS" | tail -n 1; }
BENCH_ADMIN_EMAIL=$(secret HEALTHMED_ADMIN_EMAIL)
BENCH_ADMIN_PASSWORD=$(secret HEALTHMED_ADMIN_PASSWORD)
BENCH_ADMIN_TOTP_SECRET=$(secret HEALTHMED_ADMIN_TOTP_SECRET)
export BENCH_ADMIN_EMAIL BENCH_ADMIN_PASSWORD BENCH_ADMIN_TOTP_SECRET
# Redis has no default user (ACL users only, ADR 0022): the soak's sampler asks INFO as the command side's user.
BENCH_REDIS_PASSWORD=$(secret HEALTHMED_REDIS_COMMAND_PASSWORD)

DEFAULT_JVMS=""
# --- Scenario defaults ------------------------------------------------------------------------------------------
# BOOKING: share of journeys that log in and book. A login hashes a password with Argon2id on purpose (ADR 0005),
# about two per second on this 2-core machine under load, so journeys log in rarely; failover books more, as its
# check is about bookings.
case $SCENARIO in
  users20k) USERS_TOTAL=${BENCH_USERS_TOTAL:-20000}; RAMP=${BENCH_RAMP_SECONDS:-120}; HOLD=${BENCH_HOLD_SECONDS:-300}; BOOKING=0.002 ;;
  failover) USERS_TOTAL=${BENCH_USERS_TOTAL:-2000}; RAMP=${BENCH_RAMP_SECONDS:-30}; HOLD=${BENCH_HOLD_SECONDS:-120}; BOOKING=0.02 ;;
  soak) USERS_TOTAL=${BENCH_USERS_TOTAL:-5000}; RAMP=${BENCH_RAMP_SECONDS:-60}; HOLD=$(( ${BENCH_SOAK_MINUTES:-30} * 60 )); BOOKING=0.005 ;;
  search-max) USERS_TOTAL=0; RAMP=0; HOLD=0; BOOKING=0 ;;
  fault-*)
    # A few hundred users with a short think time: enough requests per second to see every second of a fault, on a
    # machine whose two cores also run every store and application. Patients stay logged in between bookings
    # (BENCH_KEEP_LOGIN), so the booking load is not bounded by Argon2id logins.
    FAULT_PHASES=1
    case $SCENARIO in
      fault-redis) BOOKING=0.05; FAULT_PHASES=2 ;;
      fault-postgres) BOOKING=0.2 ;;
      fault-mongo) BOOKING=0.02 ;;
    esac
    USERS_TOTAL=${BENCH_USERS_TOTAL:-300}; RAMP=${BENCH_RAMP_SECONDS:-30}
    FAULT_SECONDS=${BENCH_FAULT_SECONDS:-10}; RECOVERY_SECONDS=${BENCH_RECOVERY_SECONDS:-60}
    HOLD=$(( 30 + FAULT_PHASES * (FAULT_SECONDS + RECOVERY_SECONDS) + 15 ))
    export BENCH_THINK_SECONDS=${BENCH_THINK_SECONDS:-3} BENCH_KEEP_LOGIN=${BENCH_KEEP_LOGIN:-true}
    DEFAULT_JVMS=1 ;;
esac
export BENCH_BOOKING_SHARE=${BENCH_BOOKING_SHARE:-$BOOKING}
# Each Gatling JVM holds its users' connections; 20,000 descriptors per process here, so at most ~15,000 users each.
JVMS=${BENCH_JVMS:-${DEFAULT_JVMS:-2}}
[ "$JVMS" -ge 1 ] && [ "$JVMS" -le 8 ] || fail "BENCH_JVMS must be 1 to 8"
if [ "$USERS_TOTAL" -gt 0 ] && [ $(( USERS_TOTAL / JVMS )) -gt 15000 ]; then
  fail "$USERS_TOTAL users over $JVMS JVMs is more than 15,000 connections per process (limit $(ulimit -Hn) descriptors); raise BENCH_JVMS."
fi
export BENCH_RAMP_SECONDS=$RAMP BENCH_HOLD_SECONDS=$HOLD
export BENCH_THINK_SECONDS=${BENCH_THINK_SECONDS:-10}

# --- Compile the simulations and resolve their classpath ---------------------------------------------------------
say "Compiling the benchmark (./mvnw -q -pl bench test-compile) ..."
./mvnw -q -pl bench test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/bench/target/test.classpath" || fail "the benchmark does not compile; see above."
CLASSPATH_BENCH=$ROOT/bench/target/test-classes:$(cat "$ROOT/bench/target/test.classpath")

RUN_DIR=$ROOT/bench/target/runs/$(date -u +%Y%m%dT%H%M%SZ)-$SCENARIO
mkdir -p "$RUN_DIR"
export BENCH_RUN_DIR=$RUN_DIR
{
  say "scenario: $SCENARIO"
  say "started: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  say "target: $BENCH_BASE_URL"
  say "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  say "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
  say "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  say "descriptors per process: $(ulimit -Hn)"
  say "users: $USERS_TOTAL over $JVMS Gatling JVM(s), ramp ${RAMP}s, hold ${HOLD}s, think ${BENCH_THINK_SECONDS}s mean, booking share $BENCH_BOOKING_SHARE, retries within ${BENCH_RETRY_SECONDS:-60}s"
  say "load before: $(cat /proc/loadavg)"
} > "$RUN_DIR/machine.txt"

# The load average every 5 s while Gatling runs: the machine is shared, and the figures mean little without it.
watch_load() {
  while true; do printf '%s %s\n' "$(date -u +%H:%M:%S)" "$(cat /proc/loadavg)" >> "$RUN_DIR/loadavg.log"; sleep 5; done
}

# One Gatling JVM, through the Maven plugin like bench/booking.sh. Shard n connects from its own loopback address
# (127.0.0.1, then 127.0.0.3, 127.0.0.4, …; 127.0.0.2 is the gateway's own source address).
gatling() {
  local shard=$1 simulation=$2 address=127.0.0.1
  [ "$shard" -eq 1 ] || address=127.0.0.$((shard + 1))
  BENCH_SHARD=$shard BENCH_LOCAL_ADDRESS=$address \
    ./mvnw -q -pl bench gatling:test -Dgatling.simulationClass="br.com.healthmed.bench.$simulation" \
    -Dgatling.runDescription="$SCENARIO shard $shard $(basename "$RUN_DIR")" > "$RUN_DIR/gatling-$shard.log" 2>&1
}

PIDS_FILE=$HEALTHMED_HOME/run.pids
replica_pid() { awk -v name="$1" '$1 == name { pid = $2 } END { print pid }' "$PIDS_FILE" 2>/dev/null; }

# Gatling takes a while to compile and start through Maven on a busy machine (a minute or more here): the failover
# and fault timings count from its first user, not from the script's start.
wait_for_gatling() {
  local waited=0
  until grep -q 'Simulation .* started' "$RUN_DIR/gatling-1.log" 2>/dev/null || [ "$waited" -ge 300 ]; do sleep 1; waited=$((waited + 1)); done
}

# failover: SIGKILL the second replica of each side (the first one seeded and migrated; any would do) once the ramp
# is over and the load has been steady for 30 s. run.sh notices and starts them again.
killer() {
  wait_for_gatling
  sleep $((RAMP + 30))
  local command_pid query_pid
  command_pid=$(replica_pid command-side-2)
  query_pid=$(replica_pid query-side-2)
  if [ -z "$command_pid" ] || [ -z "$query_pid" ]; then
    say "failover: no second replica in $PIDS_FILE; start ./run.sh --replicas 2" | tee -a "$RUN_DIR/failover.log"
    return 0
  fi
  say "$(date -u +%H:%M:%S) SIGKILL command-side-2 (pid $command_pid) and query-side-2 (pid $query_pid)" | tee -a "$RUN_DIR/failover.log"
  date +%s%3N > "$RUN_DIR/killed-at"
  kill -KILL "$command_pid" "$query_pid" 2>/dev/null || true
  local deadline=$((SECONDS + 300)) port
  for port in "${HEALTHMED_COMMAND_PORT:-8081}" "${HEALTHMED_QUERY_PORT:-8082}"; do
    port=$((port + ${HEALTHMED_REPLICA_PORT_STEP:-100}))
    until curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; do
      [ "$SECONDS" -lt "$deadline" ] || { say "failover: replica on port $port not back within 300 s" | tee -a "$RUN_DIR/failover.log"; return 0; }
      sleep 2
    done
    say "$(date -u +%H:%M:%S) replica on port $port is ready again" | tee -a "$RUN_DIR/failover.log"
  done
}

# soak: heap, processor lag, open connections and Redis memory every 30 s, from the replicas' own ports. Heap *after
# GC* comes from the replicas' GC logs (gc_logging): Micrometer's jvm_gc_live_data_size_bytes stays 0 under G1 until an
# old-generation collection, which a 30-minute run may never see.
sampler() {
  local admin="" admin_at=0
  # The second factor (ADR 0024): the code may have been spent moments ago (by the seeding or the previous login),
  # then the next one is waited for.
  admin_login() {
    local challenge token="" wait
    challenge=$(curl -s -X POST "$BENCH_BASE_URL/api/auth/admin/login" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$BENCH_ADMIN_EMAIL\",\"password\":\"$BENCH_ADMIN_PASSWORD\"}" | sed -n 's/.*"challengeToken":"\([^"]*\)".*/\1/p')
    for wait in 0 30; do
      sleep "$wait"
      token=$(curl -s -X POST "$BENCH_BASE_URL/api/auth/mfa" -H 'Content-Type: application/json' \
        -d "{\"challengeToken\":\"$challenge\",\"code\":\"$("$JAVA" "$ROOT/scripts/Totp.java" "$BENCH_ADMIN_TOTP_SECRET" 2>/dev/null)\"}" \
        | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
      [ -n "$token" ] && break
    done
    printf '%s' "$token"
  }
  while true; do
    # Access tokens live 15 minutes and the soak runs 30: log in again every 10.
    if [ $((SECONDS - admin_at)) -ge 600 ] || [ -z "$admin" ]; then
      admin=$(admin_login)
      admin_at=$SECONDS
    fi
    {
      printf '%s' "$(date -u +%H:%M:%S)"
      # Heap in use and old generation in use (MiB) of the first replica of each side; fields hold spaces
      # (id="G1 Old Gen"), so the value is the last one.
      for port in "${HEALTHMED_COMMAND_PORT:-8081}" "${HEALTHMED_QUERY_PORT:-8082}"; do
        printf ' heap_used_mib[%s]=%s' "$port" "$(curl -s --max-time 5 "http://127.0.0.1:$port/actuator/prometheus" \
          | awk 'index($0, "jvm_memory_used_bytes{") == 1 && index($0, "area=\"heap\"") { heap += $NF }
                 index($0, "jvm_memory_used_bytes{") == 1 && index($0, "Old Gen") { old += $NF }
                 END { printf "%d/old:%d", heap / 1048576, old / 1048576 }')"
      done
      # Each query-side replica reports the segments it holds: the largest lag of all of them.
      for port in "${HEALTHMED_QUERY_PORT:-8082}" "$(( ${HEALTHMED_QUERY_PORT:-8082} + ${HEALTHMED_REPLICA_PORT_STEP:-100} ))"; do
        printf ' lag[%s]=%s' "$port" "$(curl -s --max-time 5 "http://127.0.0.1:$port/actuator/processors" \
          -H "Authorization: Bearer $admin" | grep -o '"lag":[0-9]*' | cut -d: -f2 | sort -n | tail -n 1)"
      done
      printf ' gateway_connections=%s' "$(ss -Htn state established "( sport = :${HEALTHMED_GATEWAY_PORT:-8080} )" | wc -l)"
      # The event store's head: the query side's heap holds Axon's cache of the newest events (up to 10,000 of those
      # appended since the replica started; docs/performance.md), so heap after GC is read against it.
      printf ' events=%s' "$(PGPASSWORD=postgres psql -X -At -h 127.0.0.1 -p "${HEALTHMED_POSTGRES_PORT:-15432}" -U postgres \
        -d healthmed -c 'SELECT coalesce(max(global_index), 0) FROM domain_event_entry' 2>/dev/null)"
      printf ' redis_used_memory=%s\n' "$( (exec 3<>"/dev/tcp/127.0.0.1/${HEALTHMED_REDIS_PORT:-16379}"
        printf 'AUTH command-side %s\r\nINFO memory\r\n' "$BENCH_REDIS_PASSWORD" >&3; timeout 2 cat <&3) 2>/dev/null \
        | tr -d '\r' | sed -n 's/^used_memory://p' | head -n 1)"
    } >> "$RUN_DIR/soak-samples.log"
    sleep 30
  done
}

# soak: every replica logs its collections into the run folder from now on (jcmd VM.log, no restart), one line per GC
# with the heap before and after it.
gc_logging() {
  local name pid
  for name in command-side-1 command-side-2 command-side-3 query-side-1 query-side-2 query-side-3; do
    pid=$(replica_pid "$name")
    [ -n "$pid" ] || continue
    "$JAVA_HOME/bin/jcmd" "$pid" VM.log output="$RUN_DIR/gc-$name.log" what=gc=info decorators=utctime > /dev/null 2>&1 \
      || say "soak: could not turn on the GC log of $name (pid $pid)"
  done
}

# Store faults (issue 14): after the ramp and 30 s of steady load, each fault lasts FAULT_SECONDS, then the load goes
# on for RECOVERY_SECONDS. fault-windows.log gets each fault's name and its start and end (the store answering again)
# in epoch millis, for FaultReport.
fault_phase() {
  local name=$1 store=$2 break_it=$3 mend_it=$4 start end
  start=$(date +%s%3N)
  say "$(date -u +%H:%M:%S) fault $name: $store $break_it" | tee -a "$RUN_DIR/faults.log"
  bench/store-fault.sh "$store" "$break_it" >> "$RUN_DIR/faults.log" 2>&1 || say "store-fault.sh $store $break_it failed" | tee -a "$RUN_DIR/faults.log"
  sleep "$FAULT_SECONDS"
  bench/store-fault.sh "$store" "$mend_it" >> "$RUN_DIR/faults.log" 2>&1 || say "store-fault.sh $store $mend_it failed" | tee -a "$RUN_DIR/faults.log"
  end=$(date +%s%3N)
  say "$(date -u +%H:%M:%S) fault $name over: $store $mend_it" | tee -a "$RUN_DIR/faults.log"
  printf '%s %s %s\n' "$name" "$start" "$end" >> "$RUN_DIR/fault-windows.log"
  sleep "$RECOVERY_SECONDS"
}

injector() {
  wait_for_gatling
  sleep $((RAMP + 30))
  case $SCENARIO in
    fault-redis) fault_phase redis-paused redis pause resume; fault_phase redis-stopped redis stop start ;;
    fault-postgres) fault_phase postgres-stopped postgres stop start ;;
    fault-mongo) fault_phase mongo-paused mongo pause resume ;;
  esac
}

# Both sides' readiness every second (the replicas' own ports): when a store's absence takes a replica out of rotation.
readiness_sampler() {
  local side port status
  while true; do
    for side in command query; do
      port=${HEALTHMED_COMMAND_PORT:-8081}
      [ "$side" = command ] || port=${HEALTHMED_QUERY_PORT:-8082}
      status=$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness" || true)
      printf '%s %s %s\n' "$(date +%s%3N)" "$side" "${status:-000}" >> "$RUN_DIR/readiness.log"
    done
    sleep 1
  done
}

# --- Seed, run, summarise -----------------------------------------------------------------------------------------
if [ "$SCENARIO" != search-max ]; then
  say "=== $SCENARIO: seeding doctors and patients through $BENCH_BASE_URL ==="
  if [ "$SCENARIO" = failover ] || [[ $SCENARIO == fault-* ]]; then
    PGPASSWORD=postgres psql -X -At -h 127.0.0.1 -p "${HEALTHMED_POSTGRES_PORT:-15432}" -U postgres -d healthmed \
      -c 'SELECT coalesce(max(global_index), 0) FROM domain_event_entry' > "$RUN_DIR/event-index-before" \
      || fail "failover needs psql (Debian's postgresql-client) to check the event store afterwards."
  fi
  "$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.LoadSeed "${BENCH_SEED_DOCTORS:-12}" "${BENCH_SEED_PATIENTS:-50}" \
    || fail "seeding failed; see above."
fi

say "=== $SCENARIO: Gatling ==="
watch_load & WATCHER=$!
HELPER=""
SAMPLER=""
trap 'kill $WATCHER ${HELPER:+$HELPER} ${SAMPLER:+$SAMPLER} 2>/dev/null || true' EXIT
[ "$SCENARIO" != failover ] || { killer & HELPER=$!; }
# The soak's sampler loops until killed: it is a SAMPLER, not a HELPER the script waits for.
[ "$SCENARIO" != soak ] || { gc_logging; sampler & SAMPLER=$!; }
[[ $SCENARIO != fault-* ]] || { injector & HELPER=$!; readiness_sampler & SAMPLER=$!; }
touch "$RUN_DIR/.gatling-start"
gatling_status=0
if [ "$SCENARIO" = search-max ]; then
  # Straight to the first query-side replica by default: through the gateway, anonymous searches are answered from
  # its micro-cache (ADR 0031) and the ratio would measure nginx, not the search. BENCH_SATURATION_URL=$BENCH_BASE_URL
  # measures what a client of the gateway gets.
  SATURATION_URL=${BENCH_SATURATION_URL:-$BENCH_QUERY_URL}
  say "search-max and bare: ${BENCH_SEARCH_USERS:-64} clients, ${BENCH_SATURATION_WARMUP_SECONDS:-10} s warm-up, then ${BENCH_SATURATION_ROUNDS:-2} rounds, ${BENCH_SATURATION_SECONDS:-30} s of each in all, against $SATURATION_URL"
  BENCH_BASE_URL=$SATURATION_URL gatling 1 SaturationSimulation || gatling_status=$?
else
  say "$USERS_TOTAL users over $JVMS JVM(s); ramp ${RAMP}s, hold ${HOLD}s; Gatling output in $RUN_DIR/gatling-*.log"
  GATLING_PIDS=()
  for shard in $(seq 1 "$JVMS"); do
    users=$((USERS_TOTAL / JVMS + (shard <= USERS_TOTAL % JVMS ? 1 : 0)))
    BENCH_USERS=$users BENCH_DOCTOR_USERS=${BENCH_DOCTOR_USERS:-$(( users / 1000 + 1 ))} gatling "$shard" JourneySimulation &
    GATLING_PIDS+=($!)
  done
  for pid in "${GATLING_PIDS[@]}"; do wait "$pid" || gatling_status=$?; done
fi
[ -z "$HELPER" ] || { wait "$HELPER" 2>/dev/null || true; }
kill "$WATCHER" ${SAMPLER:+"$SAMPLER"} 2>/dev/null || true
say "load after: $(cat /proc/loadavg)" >> "$RUN_DIR/machine.txt"
# Gatling prints its console summary every few seconds: keep the last Errors block of each JVM only.
for log in "$RUN_DIR"/gatling-*.log; do
  awk '/---- Errors ----/ { block = ""; inside = 1 } inside { block = block $0 "\n" } /^=====/ { if (inside) last = block; inside = 0 }
       END { printf "%s", last }' "$log" > "$log.errors"
done

say "=== $SCENARIO: figures ==="
cat "$RUN_DIR/machine.txt"
[ ! -s "$RUN_DIR/loadavg.log" ] || say "load average during the run (1-minute, lowest-highest): $(awk '{print $2}' "$RUN_DIR/loadavg.log" | sort -n | sed -n '1p;$p' | paste -sd-)"
summary_status=0
"$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.LoadSummary "$RUN_DIR" "$SCENARIO" | tee "$RUN_DIR/summary.txt" || summary_status=1
if [ "$SCENARIO" = failover ]; then
  "$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.FailoverCheck "$RUN_DIR" "${HEALTHMED_POSTGRES_PORT:-15432}" \
    | tee -a "$RUN_DIR/summary.txt" || summary_status=1
fi
if [[ $SCENARIO == fault-* ]]; then
  # Errors while a store is away are the point of these scenarios (FaultReport counts them); the check that fails the
  # run is that no booking is lost, duplicated or torn.
  summary_status=0
  "$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.FaultReport "$RUN_DIR" | tee -a "$RUN_DIR/summary.txt" || summary_status=1
  "$JAVA" -cp "$CLASSPATH_BENCH" br.com.healthmed.bench.FailoverCheck "$RUN_DIR" "${HEALTHMED_POSTGRES_PORT:-15432}" --refusals-allowed \
    | tee -a "$RUN_DIR/summary.txt" || summary_status=1
  say "readiness changes (time, side, HTTP status of /actuator/health/readiness):" | tee -a "$RUN_DIR/summary.txt"
  awk '{ if (last[$2] != $3) { print; last[$2] = $3 } }' "$RUN_DIR/readiness.log" | while read -r at side status; do
    printf '  %s.%03d %s %s\n' "$(date -u -d "@$((at / 1000))" +%H:%M:%S)" "$((at % 1000))" "$side" "$status"
  done | tee -a "$RUN_DIR/summary.txt"
  cat "$RUN_DIR/faults.log"
fi
[ ! -f "$RUN_DIR/failover.log" ] || cat "$RUN_DIR/failover.log"
if [ -s "$RUN_DIR/soak-samples.log" ]; then
  say "soak samples (every 5 minutes, and the last):"
  awk 'NR % 10 == 1 { print } END { if (NR % 10 != 1) print }' "$RUN_DIR/soak-samples.log"
  # Heap after GC: per replica and 5-minute window, the lowest heap left after a collection (a leak makes it climb).
  for log in "$RUN_DIR"/gc-*.log; do
    [ -s "$log" ] || continue
    printf 'heap after GC, lowest per 5 min (MiB), %s:' "$(basename "$log" .log | sed 's/^gc-//')"
    sed -n 's/^\[[0-9-]*T\([0-9]*\):\([0-9]*\):.*->\([0-9]*\)M(.*/\1 \2 \3/p' "$log" \
      | awk '{ window = sprintf("%s:%02d", $1, int($2 / 5) * 5) } window != last { if (last != "") printf " %s %d", last, low; last = window; low = $3 }
             $3 < low { low = $3 } END { if (last != "") printf " %s %d", last, low; print "" }'
  done
fi
say "Gatling reports: $(find "$ROOT/bench/target/gatling" -mindepth 2 -maxdepth 2 -name index.html -newer "$RUN_DIR/.gatling-start" 2>/dev/null | tr '\n' ' ')"
say "Run folder:      $RUN_DIR"
[ "$gatling_status" -eq 0 ] || say "a Gatling JVM exited with status $gatling_status (see $RUN_DIR/gatling-*.log)"
[ "$summary_status" -eq 0 ] && [ "$gatling_status" -eq 0 ]
