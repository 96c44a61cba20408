#!/usr/bin/env bash
# Runs Health&Med on this machine: an embedded PostgreSQL, Redis and MongoDB emulator (data kept in $HEALTHMED_HOME,
# ./.local by default) and an SMTP server that keeps the mails (GreenMail, in memory), then the command side on port
# 8081 with demo data and the query side on port 8082.
# Ctrl-C stops everything this script started.
#
#   ./run.sh                  one command side, one query side (no gateway)
#   ./run.sh --replicas N     N command sides and N query sides behind an nginx gateway on port 8080 that routes GET
#                             and HEAD to the query side and every other method to the command side (ADR 0016);
#                             a replica that dies is started again. Needs nginx (sudo apt-get install nginx).
#
# Environment (all optional): HEALTHMED_HOME, HEALTHMED_POSTGRES_PORT (15432), HEALTHMED_REDIS_PORT (16379),
# HEALTHMED_MONGO_PORT (17017), HEALTHMED_SMTP_PORT (13025), HEALTHMED_MAIL_API_PORT (18025),
# HEALTHMED_COMMAND_PORT (8081), HEALTHMED_QUERY_PORT (8082),
# HEALTHMED_GATEWAY_PORT (8080), HEALTHMED_REPLICA_PORT_STEP (100: replica i listens on the port + i x step),
# HEALTHMED_DEMO_SEED (true), HEALTHMED_CONSULTATION_OPENS_BEFORE (PT12H with demo data, else PT10M),
# HEALTHMED_START_TIMEOUT (seconds, 300),
# HEALTHMED_JAVA_OPTS (extra JVM options for the applications).
set -euo pipefail

usage() { printf 'usage: ./run.sh [--replicas N]   (N from 1 to 9; with --replicas an nginx gateway serves port %s)\n' "${HEALTHMED_GATEWAY_PORT:-8080}"; }
REPLICAS=1
GATEWAY=false
while [ $# -gt 0 ]; do
  case $1 in
    --replicas) [ $# -ge 2 ] || { usage >&2; exit 2; }; REPLICAS=$2; GATEWAY=true; shift 2 ;;
    --replicas=*) REPLICAS=${1#--replicas=}; GATEWAY=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case $REPLICAS in [1-9]) ;; *) usage >&2; exit 2 ;; esac

cd "$(dirname "$0")"
ROOT=$(pwd)

# Exits with a clear message when no Java 25 JDK is installed.
# shellcheck source=.mvn/select-java.sh
. "$ROOT/.mvn/select-java.sh"
JAVA="$JAVA_HOME/bin/java"

HEALTHMED_HOME=${HEALTHMED_HOME:-$ROOT/.local}
mkdir -p "$HEALTHMED_HOME"
HEALTHMED_HOME=$(cd "$HEALTHMED_HOME" && pwd)
POSTGRES_PORT=${HEALTHMED_POSTGRES_PORT:-15432}
REDIS_PORT=${HEALTHMED_REDIS_PORT:-16379}
COMMAND_PORT=${HEALTHMED_COMMAND_PORT:-8081}
QUERY_PORT=${HEALTHMED_QUERY_PORT:-8082}
MONGO_PORT=${HEALTHMED_MONGO_PORT:-17017}
GATEWAY_PORT=${HEALTHMED_GATEWAY_PORT:-8080}
PORT_STEP=${HEALTHMED_REPLICA_PORT_STEP:-100}
# The gateway connects to the replicas from this loopback address, and the apps trust X-Forwarded-For from it alone:
# a local client connecting from 127.0.0.1 cannot choose the address the login throttle sees.
GATEWAY_SOURCE=127.0.0.2
SMTP_PORT=${HEALTHMED_SMTP_PORT:-13025}
MAIL_API_PORT=${HEALTHMED_MAIL_API_PORT:-18025}
DEMO_SEED=$(printf '%s' "${HEALTHMED_DEMO_SEED:-true}" | tr '[:upper:]' '[:lower:]')
# The demo books a consultation at each start, as early as the booking notice allows (2 h ahead): its video room must
# open earlier than the usual 10 minutes before for a newcomer to try it at once.
CONSULTATION_OPENS_BEFORE=${HEALTHMED_CONSULTATION_OPENS_BEFORE:-$([ "$DEMO_SEED" = true ] && echo PT12H || echo PT10M)}
START_TIMEOUT=${HEALTHMED_START_TIMEOUT:-300}
read -r -a JAVA_OPTS <<< "${HEALTHMED_JAVA_OPTS:-}"

LOGS=$HEALTHMED_HOME/logs
CACHE=$HEALTHMED_HOME/cache
APP=$HEALTHMED_HOME/app
SECRETS=$HEALTHMED_HOME/secrets.env
PIDS=$HEALTHMED_HOME/run.pids
mkdir -p "$LOGS" "$CACHE" "$APP"

# The demo logins printed below are DemoCatalogue's (command-side, package demo); DemoCatalogueTest checks that
# this script and README.md still match it.
DEMO_ADMIN_EMAIL=admin@healthmed.local
DEMO_DOCTOR="CRM 123456/SP  Ana Beatriz Carvalho (Cardiologia, America/Sao_Paulo)"
DEMO_DOCTOR_LOGIN='{"crm":"123456","uf":"SP","password":"demo-doctor-2026"}'
DEMO_DOCTOR_PASSWORD=demo-doctor-2026
DEMO_PATIENTS=(
  "maria.silva@demo.healthmed.local    CPF 390.533.447-05  Maria Eduarda Silva"
  "jose.oliveira@demo.healthmed.local  CPF 714.602.380-01  José Carlos Oliveira"
  "luana.costa@demo.healthmed.local    CPF 286.455.198-52  Luana Ferreira Costa"
)
DEMO_PATIENT_PASSWORD=demo-patient-2026

# Never fails: when stdout is gone (a closed terminal, a dead pipe) cleanup must still stop everything.
say() { printf '%s\n' "$*" 2>/dev/null || true; }
fail() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

for tool in curl flock setsid sha256sum base64; do
  command -v "$tool" > /dev/null || fail "$tool is missing; install it (curl, util-linux, coreutils) and run again."
done
NGINX=${HEALTHMED_NGINX:-$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)}
if [ "$GATEWAY" = true ] && [ -z "$NGINX" ]; then
  fail "--replicas needs nginx for the gateway, and it is missing. Install it (Debian/Ubuntu) with:
  sudo apt-get install nginx"
fi

# Replica i (0-based) of each side listens on the side's port + i x HEALTHMED_REPLICA_PORT_STEP.
command_port() { echo $((COMMAND_PORT + $1 * PORT_STEP)); }
query_port() { echo $((QUERY_PORT + $1 * PORT_STEP)); }

# --- Stopping what we started, and only that ---------------------------------------------------------------------
STACK_PID=""
GATEWAY_PID=""
COMMAND_PIDS=()
QUERY_PIDS=()

# Asks a process to stop (SIGTERM: Spring's graceful shutdown, LocalStack's shutdown hook), then insists.
stop_process() {
  local pid=$1 name=$2 grace=$3 signal=${4:-TERM}
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  say "Stopping $name (pid $pid) ..."
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq "$grace"); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 1
  done
  say "$name did not stop within ${grace}s; killing its process group."
  # Each process runs in its own session (setsid), so its group holds exactly it and the servers it spawned.
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# pg_ctl starts PostgreSQL in a session of its own. LocalStack stops it; should LocalStack have died first, this
# finds it through the pid file of our data directory, and stops it only if it really serves that directory.
postgres_of_this_home() {
  local pid
  pid=$(head -n 1 "$HEALTHMED_HOME/postgres/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$HEALTHMED_HOME/postgres" || return 1
  printf '%s' "$pid"
}

# bench/store-fault.sh may have started Redis again outside LocalStack (a fault drill, issue 14): found through our
# port, and stopped only if it keeps this home's data.
redis_of_this_home() {
  local pid
  pid=$(ss -Hltnp "sport = :$REDIS_PORT" 2>/dev/null | sed -n 's/.*"redis-server[^"]*",pid=\([0-9]*\).*/\1/p' | head -n 1)
  [ -n "$pid" ] || return 1
  # Redis runs in its data directory (its `dir` setting).
  [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$HEALTHMED_HOME/redis" ] || return 1
  printf '%s' "$pid"
}

replica_name() { if [ "$REPLICAS" -eq 1 ]; then echo "$1 side"; else echo "$1 side #$(($2 + 1))"; fi; }
# Waits for the background stop_process calls of cleanup (replicas stop in parallel, so N of them take no longer).
wait_for_stops() { local job; for job in $(jobs -p); do case " ${COMMAND_PIDS[*]} ${QUERY_PIDS[*]} $STACK_PID $GATEWAY_PID " in *" $job "*) ;; *) wait "$job" 2>/dev/null || true ;; esac; done; }

cleanup() {
  local status=$?
  # An impatient second Ctrl-C must not leave the servers running: stopping is bounded anyway (at most ~100s).
  trap '' INT TERM HUP PIPE
  trap - EXIT
  # SIGQUIT: nginx finishes the requests in flight, then exits.
  stop_process "$GATEWAY_PID" "gateway (nginx)" 15 QUIT
  local i
  for i in "${!QUERY_PIDS[@]}"; do stop_process "${QUERY_PIDS[$i]}" "$(replica_name query "$i")" 40 & done
  wait_for_stops
  for i in "${!COMMAND_PIDS[@]}"; do stop_process "${COMMAND_PIDS[$i]}" "$(replica_name command "$i")" 40 & done
  wait_for_stops
  if [ -n "$STACK_PID" ]; then
    stop_process "$STACK_PID" "PostgreSQL, Redis and MongoDB" 40
    kill -TERM -- "-$STACK_PID" 2>/dev/null || true
    stop_process "$(postgres_of_this_home || true)" "PostgreSQL left behind" 20 INT
    stop_process "$(redis_of_this_home || true)" "Redis left behind" 20
  fi
  rm -f "$PIDS"
  exit "$status"
}

# --- One run per HEALTHMED_HOME ---------------------------------------------------------------------------------
# The lock is inherited by the processes started below, so it stays held while any of them is still alive. Only
# once it is ours may cleanup() touch anything.
exec 9>"$HEALTHMED_HOME/run.lock"
if ! flock -n 9; then
  fail "another ./run.sh is using $HEALTHMED_HOME; if it is gone, stop what it left running: kill $(awk '{printf "%s ", $2}' "$PIDS" 2>/dev/null)"
fi

if stale=$(postgres_of_this_home); then
  fail "a PostgreSQL of an earlier run still serves $HEALTHMED_HOME/postgres (pid $stale); stop it with: kill -INT $stale"
fi
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
APP_PORTS=()
for i in $(seq 0 $((REPLICAS - 1))); do APP_PORTS+=("$(command_port "$i")" "$(query_port "$i")"); done
[ "$GATEWAY" = false ] || APP_PORTS+=("$GATEWAY_PORT")
for port in "$POSTGRES_PORT" "$REDIS_PORT" "$MONGO_PORT" "$SMTP_PORT" "$MAIL_API_PORT" "${APP_PORTS[@]}"; do
  port_in_use "$port" && fail "port $port is already in use; free it or choose others (HEALTHMED_POSTGRES_PORT, HEALTHMED_REDIS_PORT, HEALTHMED_MONGO_PORT, HEALTHMED_SMTP_PORT, HEALTHMED_MAIL_API_PORT, HEALTHMED_COMMAND_PORT, HEALTHMED_QUERY_PORT, HEALTHMED_GATEWAY_PORT, HEALTHMED_REPLICA_PORT_STEP)."
done

trap cleanup EXIT
trap 'say ""; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

show_log_tail() {
  local errors
  say "--- last lines of $1 ---" >&2
  tail -n "${2:-40}" "$1" >&2 || true
  say "---" >&2
  errors=$(grep -E '^(Caused by: )?[A-Za-z0-9_.$]+(Exception|Error): | ERROR ' "$1" 2>/dev/null | cut -c1-300 | head -n 8 || true)
  [ -z "$errors" ] || printf 'Errors in that log:\n%s\n' "$errors" >&2
}

rotate_log() { [ ! -f "$1" ] || mv -f "$1" "$1.1"; }

# --- Build when needed ------------------------------------------------------------------------------------------
STAMP=$HEALTHMED_HOME/build.stamp
newest() { local newest="" f; for f in "$@"; do [ -f "$f" ] && { [ -z "$newest" ] || [ "$f" -nt "$newest" ]; } && newest=$f; done; printf '%s' "$newest"; }
command_jar() { newest command-side/target/command-side-*.jar; }
query_jar() { newest query-side/target/query-side-*.jar; }
shared_jar() {
  local f jars=()
  for f in shared-api/target/shared-api-*.jar; do case $f in *-tests.jar) ;; *) jars+=("$f") ;; esac; done
  newest ${jars[@]+"${jars[@]}"}
}
shared_test_jar() { newest shared-api/target/shared-api-*-tests.jar; }

needs_build() {
  [ -n "$(command_jar)" ] && [ -n "$(query_jar)" ] && [ -n "$(shared_jar)" ] && [ -n "$(shared_test_jar)" ] && [ -f "$STAMP" ] || return 0
  [ -n "$(find pom.xml ./*/pom.xml ./*/src .mvn -newer "$STAMP" -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
  say "Building (./mvnw -q -DskipTests package) ..."
  touch "$STAMP.next"
  ./mvnw -q -DskipTests package || fail "the build failed; see the output above."
  mv -f "$STAMP.next" "$STAMP"
fi

# Run from copies, so that a ./mvnw clean or verify in another terminal cannot pull the jars from under us.
cp -f "$(command_jar)" "$APP/command-side.jar"
cp -f "$(query_jar)" "$APP/query-side.jar"
cp -f "$(shared_jar)" "$APP/shared-api.jar"
cp -f "$(shared_test_jar)" "$APP/shared-api-tests.jar"

# --- Test classpath of shared-api (embedded PostgreSQL and Redis), refreshed when a pom.xml changes -------------
CLASSPATH_FILE=$CACHE/shared-api-test.classpath
POMS_DIGEST=$(cat pom.xml ./*/pom.xml | sha256sum | cut -d' ' -f1)
classpath_is_fresh() {
  [ -s "$CLASSPATH_FILE" ] && [ "$(cat "$CLASSPATH_FILE.digest" 2>/dev/null)" = "$POMS_DIGEST" ] || return 1
  local entry entries
  IFS=: read -r -a entries < "$CLASSPATH_FILE"
  for entry in "${entries[@]}"; do [ -e "$entry" ] || return 1; done
}
if ! classpath_is_fresh; then
  say "Resolving the classpath of the embedded infrastructure ..."
  ./mvnw -q -pl shared-api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE.tmp" \
    || fail "could not resolve shared-api's test classpath; see the output above."
  mv -f "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
  printf '%s\n' "$POMS_DIGEST" > "$CLASSPATH_FILE.digest"
fi

# --- Secrets, generated on the first run and kept (the master key must outlive the data it protects) -----------
random_key() { head -c 32 /dev/urandom | base64 -w0; }
random_password() {
  local chars
  chars=$(head -c 1024 /dev/urandom | LC_ALL=C tr -dc 'A-HJ-NP-Za-km-z2-9')
  printf '%s-%s-%s-%s' "${chars:0:5}" "${chars:5:5}" "${chars:10:5}" "${chars:15:5}"
}
add_secret() { grep -q "^$1=" "$SECRETS" || printf "%s='%s'\n" "$1" "$2" >> "$SECRETS"; }
(umask 077 && touch "$SECRETS")
chmod 600 "$SECRETS"
add_secret HEALTHMED_PRIVACY_MASTER_KEY "$(random_key)"
add_secret HEALTHMED_PRIVACY_LOOKUP_KEY "$(random_key)"
add_secret HEALTHMED_ADMIN_EMAIL "$DEMO_ADMIN_EMAIL"
add_secret HEALTHMED_ADMIN_PASSWORD "$(random_password)"
# Least-privilege store accounts (ADR 0025, 0034): the query side's PostgreSQL role, each side's Redis ACL user and
# the query side's deny-list reader.
add_secret HEALTHMED_QUERY_DATABASE_PASSWORD "$(random_password)"
add_secret HEALTHMED_REDIS_COMMAND_PASSWORD "$(random_password)"
add_secret HEALTHMED_REDIS_QUERY_PASSWORD "$(random_password)"
add_secret HEALTHMED_REDIS_DENY_LIST_PASSWORD "$(random_password)"
# The admin's second factor (ADR 0024): a 160-bit TOTP secret in Base32, enrolled at start-up. An existing install
# gets one on its next run; the admin keeps it as long as nobody resets it.
add_secret HEALTHMED_ADMIN_TOTP_SECRET "$(head -c 20 /dev/urandom | base32 | tr -d '=\n')"
# Read, not exported: only the command side receives them, below.
# shellcheck source=/dev/null
. "$SECRETS"
mkdir -p "$HEALTHMED_HOME/keys"
chmod 700 "$HEALTHMED_HOME/keys"

# --- PostgreSQL and Redis ---------------------------------------------------------------------------------------
STACK_LOG=$LOGS/local-stack.log
rotate_log "$STACK_LOG"
say "Starting PostgreSQL (port $POSTGRES_PORT), Redis (port $REDIS_PORT), the MongoDB emulator (port $MONGO_PORT) and SMTP (port $SMTP_PORT) ..."
# setsid: a session of its own, so Ctrl-C reaches only this script, which then stops everything in order. LocalStack
# creates the query side's role and schema and the Redis ACL users (the default user is off) with these passwords.
HEALTHMED_QUERY_DATABASE_PASSWORD="$HEALTHMED_QUERY_DATABASE_PASSWORD" \
HEALTHMED_REDIS_COMMAND_PASSWORD="$HEALTHMED_REDIS_COMMAND_PASSWORD" \
HEALTHMED_REDIS_QUERY_PASSWORD="$HEALTHMED_REDIS_QUERY_PASSWORD" \
HEALTHMED_REDIS_DENY_LIST_PASSWORD="$HEALTHMED_REDIS_DENY_LIST_PASSWORD" \
setsid "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp "$APP/shared-api-tests.jar:$APP/shared-api.jar:$(cat "$CLASSPATH_FILE")" \
  br.com.healthmed.testing.LocalStack --home "$HEALTHMED_HOME" --postgres-port "$POSTGRES_PORT" --redis-port "$REDIS_PORT" --mongo-port "$MONGO_PORT" \
  --smtp-port "$SMTP_PORT" --mail-api-port "$MAIL_API_PORT" \
  > "$STACK_LOG" 2>&1 < /dev/null &
STACK_PID=$!
printf 'local-stack %s\n' "$STACK_PID" > "$PIDS"

deadline=$((SECONDS + 120))
until grep -qx READY "$STACK_LOG" 2>/dev/null; do
  kill -0 "$STACK_PID" 2>/dev/null || { show_log_tail "$STACK_LOG"; fail "PostgreSQL/Redis did not start (log: $STACK_LOG)."; }
  [ "$SECONDS" -lt "$deadline" ] || { show_log_tail "$STACK_LOG"; fail "PostgreSQL/Redis not ready after 120s (log: $STACK_LOG)."; }
  sleep 0.5
done

# --- Command side (port 8081) -----------------------------------------------------------------------------------
# With --replicas the apps trust X-Forwarded-For only from the gateway's source address; plain ./run.sh keeps the
# applications' defaults.
TRUSTED_PROXY=()
[ "$GATEWAY" = false ] || TRUSTED_PROXY=(SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES="${GATEWAY_SOURCE//./\\.}")
# The base of the accept/reject links in the doctors' mails: the gateway when there is one.
PUBLIC_API_URL="http://localhost:$([ "$GATEWAY" = false ] && echo "$COMMAND_PORT" || echo "$GATEWAY_PORT")"
# The consultation page (ADR 0027) is served by the command side; without the gateway it reads the appointments from
# the query side's own port, which then admits that one origin (CORS). Behind the gateway both share its origin.
if [ "$GATEWAY" = false ]; then
  PAGE_QUERY_API_URL="http://localhost:$QUERY_PORT"
  PAGE_ORIGIN="http://localhost:$COMMAND_PORT"
else
  PAGE_QUERY_API_URL=""
  PAGE_ORIGIN=""
fi

replica_log() { if [ "$REPLICAS" -eq 1 ]; then echo "$LOGS/$1-side.log"; else echo "$LOGS/$1-side-$(($2 + 1)).log"; fi; }

# Starts command-side replica $1; only the first one seeds the demo data (the others start once it is ready).
start_command_side() {
  local i=$1 port seed=false log
  port=$(command_port "$i")
  log=$(replica_log command "$i")
  [ "$i" -ne 0 ] || seed=$DEMO_SEED
  rotate_log "$log"
  # The JWT key folder goes under both names of healthmed.security.jwt.key-directory: Spring's relaxed-binding name
  # and the shorter one that application.yml maps.
  env PORT="$port" \
    DATABASE_URL="jdbc:postgresql://localhost:$POSTGRES_PORT/healthmed" \
    DATABASE_USERNAME=postgres \
    DATABASE_PASSWORD=postgres \
    REDIS_HOST=127.0.0.1 \
    REDIS_PORT="$REDIS_PORT" \
    SPRING_DATA_REDIS_USERNAME=command-side \
    REDIS_PASSWORD="$HEALTHMED_REDIS_COMMAND_PASSWORD" \
    HEALTHMED_PRIVACY_MASTER_KEY="$HEALTHMED_PRIVACY_MASTER_KEY" \
    HEALTHMED_PRIVACY_LOOKUP_KEY="$HEALTHMED_PRIVACY_LOOKUP_KEY" \
    HEALTHMED_ADMIN_EMAIL="$HEALTHMED_ADMIN_EMAIL" \
    HEALTHMED_ADMIN_PASSWORD="$HEALTHMED_ADMIN_PASSWORD" \
    HEALTHMED_ADMIN_TOTP_SECRET="$HEALTHMED_ADMIN_TOTP_SECRET" \
    HEALTHMED_SECURITY_JWT_KEY_DIRECTORY="$HEALTHMED_HOME/keys" \
    HEALTHMED_JWT_KEY_DIRECTORY="$HEALTHMED_HOME/keys" \
    HEALTHMED_DEMO_SEED="$seed" \
    SPRING_MAIL_HOST=127.0.0.1 \
    SPRING_MAIL_PORT="$SMTP_PORT" \
    HEALTHMED_PUBLIC_API_URL="$PUBLIC_API_URL" \
    HEALTHMED_QUERY_API_URL="$PAGE_QUERY_API_URL" \
    HEALTHMED_CONSULTATION_OPENS_BEFORE="$CONSULTATION_OPENS_BEFORE" \
    AXONIQ_UPDATE_CHECKER_DISABLED="${AXONIQ_UPDATE_CHECKER_DISABLED:-true}" \
    ${TRUSTED_PROXY[@]+"${TRUSTED_PROXY[@]}"} \
    setsid "$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -jar "$APP/command-side.jar" \
    > "$log" 2>&1 < /dev/null &
  COMMAND_PIDS[i]=$!
  printf 'command-side-%s %s\n' "$((i + 1))" "$!" >> "$PIDS"
}

# Reads the same event store, the person keys (read only: its own PostgreSQL role and Redis user, ADR 0025) and the
# public JWT key; builds its views in MongoDB. The
# replicas share the projections' segments through the token store (ProcessorSegmentBalancer); a new store gets at
# least one segment per replica.
start_query_side() {
  local i=$1 port log
  port=$(query_port "$i")
  log=$(replica_log query "$i")
  rotate_log "$log"
  env PORT="$port" \
    DATABASE_URL="jdbc:postgresql://localhost:$POSTGRES_PORT/healthmed" \
    DATABASE_USERNAME=healthmed_query \
    DATABASE_PASSWORD="$HEALTHMED_QUERY_DATABASE_PASSWORD" \
    REDIS_HOST=127.0.0.1 \
    REDIS_PORT="$REDIS_PORT" \
    SPRING_DATA_REDIS_USERNAME=query-side \
    REDIS_PASSWORD="$HEALTHMED_REDIS_QUERY_PASSWORD" \
    REDIS_DENY_LIST_USERNAME=query-side-deny-list \
    REDIS_DENY_LIST_PASSWORD="$HEALTHMED_REDIS_DENY_LIST_PASSWORD" \
    MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/healthmed" \
    HEALTHMED_PRIVACY_MASTER_KEY="$HEALTHMED_PRIVACY_MASTER_KEY" \
    HEALTHMED_JWT_KEY_DIRECTORY="$HEALTHMED_HOME/keys" \
    HEALTHMED_PROJECTION_SEGMENTS="${HEALTHMED_PROJECTION_SEGMENTS:-$((REPLICAS > 2 ? REPLICAS : 2))}" \
    HEALTHMED_WEB_ALLOWED_ORIGINS="$PAGE_ORIGIN" \
    AXONIQ_UPDATE_CHECKER_DISABLED="${AXONIQ_UPDATE_CHECKER_DISABLED:-true}" \
    ${TRUSTED_PROXY[@]+"${TRUSTED_PROXY[@]}"} \
    setsid "$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -jar "$APP/query-side.jar" \
    > "$log" 2>&1 < /dev/null &
  QUERY_PIDS[i]=$!
  printf 'query-side-%s %s\n' "$((i + 1))" "$!" >> "$PIDS"
}

readiness() { curl -fsS --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null || true; }
await_ready() {
  local name=$1 pid=$2 port=$3 log=$4 deadline=$((SECONDS + START_TIMEOUT))
  until readiness "$port" | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { show_log_tail "$log" 60; fail "the $name stopped during start-up (log: $log)."; }
    [ "$SECONDS" -lt "$deadline" ] || { show_log_tail "$log" 60; fail "the $name was not ready after ${START_TIMEOUT}s (log: $log; raise HEALTHMED_START_TIMEOUT if the machine is slow)."; }
    sleep 1
  done
}

# The first replica of each side starts alone: it migrates the schema, seeds the demo data and creates the tracking
# tokens; the others start together once it is ready.
start_side() {
  local side=$1 i pids
  say "Starting the $side side (port $("${side}_port" 0)$([ "$side" = command ] && [ "$DEMO_SEED" = true ] && echo ', seeding demo data on the first run')) ..."
  "start_${side}_side" 0
  pids=("${COMMAND_PIDS[@]}")
  [ "$side" = command ] || pids=("${QUERY_PIDS[@]}")
  await_ready "$(replica_name "$side" 0)" "${pids[0]}" "$("${side}_port" 0)" "$(replica_log "$side" 0)"
  [ "$REPLICAS" -gt 1 ] || return 0
  say "Starting $((REPLICAS - 1)) more $side-side replica(s) (ports$(for i in $(seq 1 $((REPLICAS - 1))); do printf ' %s' "$("${side}_port" "$i")"; done)) ..."
  for i in $(seq 1 $((REPLICAS - 1))); do "start_${side}_side" "$i"; done
  for i in $(seq 1 $((REPLICAS - 1))); do
    pids=("${COMMAND_PIDS[@]}")
    [ "$side" = command ] || pids=("${QUERY_PIDS[@]}")
    await_ready "$(replica_name "$side" "$i")" "${pids[$i]}" "$("${side}_port" "$i")" "$(replica_log "$side" "$i")"
  done
}
start_side command

# --- Query side (port 8082) -------------------------------------------------------------------------------------
start_side query

# --- Gateway (port 8080, with --replicas) -----------------------------------------------------------------------
# The configuration is rendered from deploy/nginx/local-gateway.conf.template with this run's replica ports.
GATEWAY_LOG=$LOGS/gateway-error.log
start_gateway() {
  local conf=$HEALTHMED_HOME/nginx/nginx.conf servers_c="" servers_q="" i workers
  mkdir -p "$HEALTHMED_HOME/nginx"
  for i in $(seq 0 $((REPLICAS - 1))); do
    servers_c+="        server 127.0.0.1:$(command_port "$i") max_fails=3 fail_timeout=10s;"$'\n'
    servers_q+="        server 127.0.0.1:$(query_port "$i") max_fails=3 fail_timeout=10s;"$'\n'
  done
  workers=$(nproc 2>/dev/null || echo 2)
  [ "$workers" -ge 2 ] || workers=2
  # Every worker may use up to the hard descriptor limit of a process (20,000 on this machine); the per-worker
  # connection limit leaves room for the log files and the upstream pool.
  local nofile
  nofile=$(ulimit -Hn)
  [ "$nofile" = unlimited ] && nofile=65536
  SERVERS_C=$servers_c SERVERS_Q=$servers_q python3 - "$ROOT/deploy/nginx/local-gateway.conf.template" "$conf.tmp" \
    "$HEALTHMED_HOME/nginx" "$LOGS" "$workers" "$nofile" "$(( nofile - 1000 ))" "${HEALTHMED_GATEWAY_ADDRESS:-127.0.0.1}" "$GATEWAY_PORT" "$GATEWAY_SOURCE" <<'PY'
import os, sys
template, target, home, logs, workers, nofile, connections, address, port, source = sys.argv[1:]
text = open(template).read()
for key, value in {"NGINX_HOME": home, "LOGS": logs, "WORKERS": workers, "WORKER_RLIMIT_NOFILE": nofile,
                   "WORKER_CONNECTIONS": connections, "GATEWAY_ADDRESS": address, "GATEWAY_PORT": port,
                   "PROXY_BIND": source, "COMMAND_SERVERS": os.environ["SERVERS_C"].rstrip("\n"),
                   "QUERY_SERVERS": os.environ["SERVERS_Q"].rstrip("\n")}.items():
    text = text.replace("@" + key + "@", value)
import re
assert not re.search(r"@[A-Z_]+@", text), "unrendered placeholder"
open(target, "w").write(text)
PY
  mv -f "$conf.tmp" "$conf"
  "$NGINX" -t -q -p "$HEALTHMED_HOME/nginx" -c "$conf" 2> "$LOGS/gateway-check.log" \
    || { cat "$LOGS/gateway-check.log" >&2; fail "nginx refused the rendered configuration $conf (see above)."; }
  rotate_log "$GATEWAY_LOG"
  say "Starting the gateway (nginx, port $GATEWAY_PORT, $workers workers) ..."
  setsid "$NGINX" -p "$HEALTHMED_HOME/nginx" -c "$conf" > "$LOGS/gateway.log" 2>&1 < /dev/null &
  GATEWAY_PID=$!
  printf 'gateway %s\n' "$GATEWAY_PID" >> "$PIDS"
  local deadline=$((SECONDS + 20))
  until curl -fsS --max-time 2 "http://127.0.0.1:$GATEWAY_PORT/gateway/health" > /dev/null 2>&1; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || { show_log_tail "$GATEWAY_LOG"; fail "the gateway stopped during start-up (log: $GATEWAY_LOG)."; }
    [ "$SECONDS" -lt "$deadline" ] || fail "the gateway did not answer within 20s (log: $GATEWAY_LOG)."
    sleep 0.5
  done
}
[ "$GATEWAY" = false ] || start_gateway

# --- What is running --------------------------------------------------------------------------------------------
base=http://localhost:$COMMAND_PORT
query=http://localhost:$QUERY_PORT
cat <<EOF

Health&Med is running. Data: $HEALTHMED_HOME   Logs: $LOGS

  Command API   $base
  Swagger UI    $base/swagger-ui.html
  OpenAPI       $base/v3/api-docs
  Health        $base/actuator/health  (readiness: $base/actuator/health/readiness)
  Consultation  $PUBLIC_API_URL/consulta/  (video room of an accepted appointment: log in as its doctor or patient)
  Query API     $query  (GET: /api/specialties, /api/doctors?specialty=CARDIOLOGIA, /api/doctors/{id}/agenda, …)
  Query Swagger $query/swagger-ui.html   Processors (ADMIN): $query/actuator/processors
  PostgreSQL    jdbc:postgresql://localhost:$POSTGRES_PORT/healthmed  (user postgres, password postgres; the query side
                signs in as healthmed_query, read-only on the command side's tables)
  Redis         127.0.0.1:$REDIS_PORT  (ACL users command-side, query-side and query-side-deny-list, passwords in $SECRETS; no default user)
  MongoDB       mongodb://127.0.0.1:$MONGO_PORT/healthmed  (emulator)
  Mails         http://127.0.0.1:$MAIL_API_PORT/mails  (every mail sent, as JSON; DELETE empties; SMTP 127.0.0.1:$SMTP_PORT)

Demo logins (secrets and the admin password: $SECRETS)
  Admin     POST /api/auth/admin/login    $HEALTHMED_ADMIN_EMAIL  /  $HEALTHMED_ADMIN_PASSWORD
            then POST /api/auth/mfa {challengeToken, code}: a second factor (TOTP) is mandatory for ADMIN and
            AUDITOR. Current code: java scripts/Totp.java $HEALTHMED_ADMIN_TOTP_SECRET
            (or add the secret to an authenticator app; README "Walkthrough with curl" does both steps)
EOF
if [ "$DEMO_SEED" = true ]; then
  cat <<EOF
  Doctor    POST /api/auth/doctor/login   $DEMO_DOCTOR  /  $DEMO_DOCTOR_PASSWORD
            e.g. $DEMO_DOCTOR_LOGIN
            (all 24 demo doctors share this password; README.md lists their CRMs)
  Patients  POST /api/auth/patient/login  login = e-mail or CPF  /  $DEMO_PATIENT_PASSWORD
EOF
  for patient in "${DEMO_PATIENTS[@]}"; do say "            $patient"; done
  cat <<EOF
  Video     $PUBLIC_API_URL/consulta/  an accepted appointment of the doctor above with the first patient is booked at
            each start, about 2 h ahead; rooms open $CONSULTATION_OPENS_BEFORE before the start here, so it can be
            joined now from two browser windows (one logged in as each). Check: scripts/consultation-check.py
EOF
else
  say "  (demo seeding is off: HEALTHMED_DEMO_SEED=$DEMO_SEED)"
fi
if [ "$GATEWAY" = true ]; then
  cat <<EOF

Gateway (nginx)  http://localhost:$GATEWAY_PORT  routes GET/HEAD to the $REPLICAS query-side and every other method to the
                 $REPLICAS command-side replicas (ports $(for i in $(seq 0 $((REPLICAS - 1))); do printf '%s/%s ' "$(command_port "$i")" "$(query_port "$i")"; done)); /actuator/** is
                 not served there except health. Config: $HEALTHMED_HOME/nginx/nginx.conf  Log: $LOGS/gateway-access.log
                 A replica that dies is started again.
EOF
  query=http://localhost:$GATEWAY_PORT
fi
cat <<EOF

Try:  curl -s "$query/api/doctors?specialty=CARDIOLOGIA"
Press Ctrl-C to stop everything started by this script.
EOF

# Returns when a process ends on its own (then cleanup stops the rest) or on Ctrl-C (trap above). With --replicas a
# replica that died is started again, as compose's restart policy and Kubernetes would: the gateway leaves it out
# meanwhile (passive health check) and takes it back once it answers.
restart_replica() {
  local side=$1 i=$2 log
  log=$(replica_log "$side" "$i")
  say "$(date -u +%H:%M:%S) the $(replica_name "$side" "$i") stopped; starting it again (log: $log) ..."
  "start_${side}_side" "$i"
}
# Polls rather than `wait -n`: once bash has reported a child's end, `wait -n` no longer sees it and would block until
# another process ends, so a killed replica would never be restarted. `sleep & wait` keeps Ctrl-C immediate.
while true; do
  sleep 2 & wait $! 2>/dev/null || true
  if ! kill -0 "$STACK_PID" 2>/dev/null; then show_log_tail "$STACK_LOG"; fail "PostgreSQL/Redis stopped (log: $STACK_LOG)."; fi
  if [ -n "$GATEWAY_PID" ] && ! kill -0 "$GATEWAY_PID" 2>/dev/null; then show_log_tail "$GATEWAY_LOG"; fail "the gateway stopped (log: $GATEWAY_LOG)."; fi
  for i in "${!COMMAND_PIDS[@]}"; do
    kill -0 "${COMMAND_PIDS[$i]}" 2>/dev/null && continue
    [ "$GATEWAY" = true ] || { show_log_tail "$(replica_log command "$i")"; fail "the command side stopped (log: $(replica_log command "$i"))."; }
    restart_replica command "$i"
  done
  for i in "${!QUERY_PIDS[@]}"; do
    kill -0 "${QUERY_PIDS[$i]}" 2>/dev/null && continue
    [ "$GATEWAY" = true ] || { show_log_tail "$(replica_log query "$i")"; fail "the query side stopped (log: $(replica_log query "$i"))."; }
    restart_replica query "$i"
  done
done
