#!/usr/bin/env bash
# Breaks and mends one store of a running ./run.sh, for the store-fault scenarios of bench/run.sh (issue 14) or by hand:
#
#   bench/store-fault.sh postgres stop|start   fast shutdown of PostgreSQL (clients disconnected, connections refused),
#                                              then the same server started again on the same data and port
#   bench/store-fault.sh redis pause|resume    SIGSTOP/SIGCONT of redis-server: connections hang, nothing is answered
#   bench/store-fault.sh redis stop|start      redis-server stopped (SIGTERM: it writes its append-only file), then
#                                              started again with its own command line, on the same data and port
#   bench/store-fault.sh mongo pause|resume    SIGSTOP/SIGCONT of the MongoDB emulator. It runs inside LocalStack's JVM
#                                              (with the SMTP server), so it can be paused but not stopped on its own;
#                                              MongoOutageIT covers refused connections with a relay instead.
#
# It finds the processes of the ./run.sh that uses HEALTHMED_HOME (default ./.local) through the ports and pid files
# that run.sh and LocalStack leave there, and acts only on a process that really serves that home. A store started
# again here is no longer LocalStack's child: run.sh's cleanup stops it through the same checks (PostgreSQL through
# its data directory, Redis through its port and data directory). Only stores on this machine are touched.
set -euo pipefail

cd "$(dirname "$0")/.."
HEALTHMED_HOME=$(cd "${HEALTHMED_HOME:-.local}" && pwd)
POSTGRES_PORT=${HEALTHMED_POSTGRES_PORT:-15432}
REDIS_PORT=${HEALTHMED_REDIS_PORT:-16379}
STATE=$HEALTHMED_HOME/store-fault
LOGS=$HEALTHMED_HOME/logs
mkdir -p "$STATE" "$LOGS"

fail() { printf 'bench/store-fault.sh: %s\n' "$*" >&2; exit 2; }
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# The command line of a process, one argument per line, so that it can be started again exactly.
save_command() { tr '\0' '\n' < "/proc/$1/cmdline" > "$2.cmd"; readlink "/proc/$1/cwd" > "$2.cwd"; }

wait_gone() {
  local pid=$1 seconds=$2
  for _ in $(seq $((seconds * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

start_saved() {
  local name=$1 log=$2 cmd=() as=()
  [ -s "$STATE/$name.cmd" ] || fail "no saved command line for $name: stop it with this script first."
  mapfile -t cmd < "$STATE/$name.cmd"
  [ ! -s "$STATE/$name.as" ] || mapfile -t as < "$STATE/$name.as"
  # A session of its own, like run.sh's processes, so that nothing sent to this shell's group reaches it.
  (cd "$(cat "$STATE/$name.cwd")" && exec setsid ${as[@]+"${as[@]}"} "${cmd[@]}" >> "$log" 2>&1 < /dev/null) &
  printf '%s' "$!"
}

# PostgreSQL refuses to run as root. Started by root, zonky's launcher (LocalStack) runs it in a user namespace of its
# own (`unshare -U`), where it is the unprivileged overflow user and the root-owned data directory is that user's
# too; the postmaster's command line does not show it, so it is recorded here to start the server the same way.
postgres_launcher() {
  local pid=$1
  [ "$(readlink "/proc/$pid/ns/user")" != "$(readlink /proc/self/ns/user)" ] || return 0
  [ "$(id -u)" = 0 ] || fail "PostgreSQL (pid $pid) runs in a user namespace of its own; only root can start it again that way"
  command -v unshare > /dev/null || fail "PostgreSQL (pid $pid) runs in a user namespace of its own and unshare (util-linux) is missing"
  printf '%s\n' unshare -U
}

postgres_pid() {
  local pid
  pid=$(head -n 1 "$HEALTHMED_HOME/postgres/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$HEALTHMED_HOME/postgres" || return 1
  printf '%s' "$pid"
}

# redis-server listening on our port, only if it is the one keeping this home's data.
redis_pid() {
  local pid
  pid=$(ss -Hltnp "sport = :$REDIS_PORT" 2>/dev/null | sed -n 's/.*"redis-server[^"]*",pid=\([0-9]*\).*/\1/p' | head -n 1)
  [ -n "$pid" ] || return 1
  [ "$(readlink "/proc/$pid/cwd")" = "$HEALTHMED_HOME/redis" ] || return 1
  printf '%s' "$pid"
}

# The running Redis's configuration file, asked as the command side's ACL user (its password is in secrets.env).
redis_config_file() {
  local password
  password=$(sed -n "s/^HEALTHMED_REDIS_COMMAND_PASSWORD='\(.*\)'\$/\1/p" "$HEALTHMED_HOME/secrets.env" 2>/dev/null | tail -n 1)
  (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'AUTH command-side %s\r\nINFO server\r\n' "$password" >&3 \
    && { timeout 2 cat <&3 || true; }) 2>/dev/null | tr -d '\r' | sed -n 's/^config_file://p' | head -n 1
}

stack_pid() {
  local pid
  pid=$(awk '$1 == "local-stack" { print $2 }' "$HEALTHMED_HOME/run.pids" 2>/dev/null)
  [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$HEALTHMED_HOME" || return 1
  printf '%s' "$pid"
}

answers() { # store: whether it accepts a connection now
  case $1 in
    postgres) PGPASSWORD=postgres psql -X -At -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d healthmed -c 'SELECT 1' > /dev/null 2>&1 ;;
    # Any answer will do: with the default user off (ADR 0025) an unauthenticated PING is answered -NOAUTH.
    redis) (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 1 <&3 | grep -q '[-+]') 2>/dev/null ;;
  esac
}

wait_answers() {
  local store=$1
  for _ in $(seq 600); do answers "$store" && return 0; sleep 0.1; done
  fail "$store does not answer 60 s after its start; see $LOGS/$store-restarted.log"
}

STORE=${1:-}
ACTION=${2:-}
case "$STORE $ACTION" in
  "postgres stop")
    pid=$(postgres_pid) || fail "no PostgreSQL of $HEALTHMED_HOME is running"
    save_command "$pid" "$STATE/postgres"
    postgres_launcher "$pid" > "$STATE/postgres.as"
    # SIGINT is PostgreSQL's fast shutdown: open transactions roll back, clients are disconnected.
    kill -INT "$pid"
    wait_gone "$pid" 30 || fail "PostgreSQL (pid $pid) did not stop within 30 s"
    say "PostgreSQL stopped (was pid $pid)" ;;
  "postgres start")
    ! postgres_pid > /dev/null || fail "PostgreSQL of $HEALTHMED_HOME is already running"
    pid=$(start_saved postgres "$LOGS/postgres-restarted.log")
    wait_answers postgres
    say "PostgreSQL answers again (pid $pid)" ;;
  "redis pause" | "redis resume")
    pid=$(redis_pid) || fail "no Redis of $HEALTHMED_HOME listens on port $REDIS_PORT"
    kill "-$([ "$ACTION" = pause ] && echo STOP || echo CONT)" "$pid"
    say "Redis $([ "$ACTION" = pause ] && echo paused || echo resumed) (pid $pid)" ;;
  "redis stop")
    pid=$(redis_pid) || fail "no Redis of $HEALTHMED_HOME listens on port $REDIS_PORT"
    # Redis rewrites its process title, so its command line cannot be read back; the configuration file LocalRedis
    # wrote holds its settings and the ACL users (ADR 0025: default user off, one user per side), without which no
    # application could log in to the restarted server. It is kept here, as the original may be gone by the start.
    config=$(redis_config_file)
    [ -n "$config" ] && [ -r "$config" ] || fail "cannot read the configuration file of Redis (pid $pid) through INFO server"
    # A Redis this script started again already runs on the kept copy.
    [ "$config" -ef "$STATE/redis.conf" ] || (umask 077 && cp "$config" "$STATE/redis.conf")
    printf '%s\n' "$(readlink "/proc/$pid/exe")" "$STATE/redis.conf" --port "$REDIS_PORT" > "$STATE/redis.cmd"
    printf '%s\n' "$HEALTHMED_HOME/redis" > "$STATE/redis.cwd"
    kill -TERM "$pid"
    wait_gone "$pid" 30 || fail "Redis (pid $pid) did not stop within 30 s"
    say "Redis stopped (was pid $pid)" ;;
  "redis start")
    ! redis_pid > /dev/null || fail "Redis of $HEALTHMED_HOME is already running"
    pid=$(start_saved redis "$LOGS/redis-restarted.log")
    wait_answers redis
    say "Redis answers again (pid $pid)" ;;
  "mongo pause" | "mongo resume")
    pid=$(stack_pid) || fail "no LocalStack of $HEALTHMED_HOME in $HEALTHMED_HOME/run.pids"
    kill "-$([ "$ACTION" = pause ] && echo STOP || echo CONT)" "$pid"
    say "MongoDB emulator $([ "$ACTION" = pause ] && echo paused || echo resumed) (LocalStack pid $pid, SMTP with it)" ;;
  *) fail "usage: bench/store-fault.sh postgres stop|start | redis pause|resume|stop|start | mongo pause|resume" ;;
esac
