#!/usr/bin/env bash
# Backup and restore drill (ADR 0022, README "Backup and restore"): backs up the event store, restores it into a new
# database, destroys the read models, rebuilds every view by replay and compares the rebuilt views with the originals.
#
#   deploy/backup/drill.sh --local   against ./run.sh's stack (its ports, secrets and keys under $HEALTHMED_HOME)
#   deploy/backup/drill.sh           against the stores named by the variables below
#
# Variables (the applications' own names, so a deployment's environment works as it is):
#   DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD   the live command-side database (backed up, never written)
#   RESTORE_DATABASE_URL    the new database to restore into; created if missing, must be empty
#                           (default: DATABASE_URL's database name + _drill_<time>)
#   MONGODB_URI             the live views (dumped before anything is destroyed)
#   DRILL_MONGODB_URI       the views destroyed and rebuilt (default: MONGODB_URI's database + _drill, so a live query
#                           side keeps its views; set it to MONGODB_URI, with the query side stopped, to rehearse the
#                           loss of the live views themselves)
#   REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, DRILL_REDIS_DATABASE   Redis of the rebuilt query side; its agenda:* and search:* keys are
#                           deleted (default database: the live one when the views are rebuilt in place, else 15)
#   SPRING_DATA_REDIS_USERNAME   the Redis ACL user with that password (query-side, ADR 0025; --local sets it)
#   REDIS_DENY_LIST_USERNAME, REDIS_DENY_LIST_PASSWORD   the query side's deny-list reader (query-side-deny-list,
#                           ADR 0034; --local sets them)
#   HEALTHMED_PRIVACY_MASTER_KEY (or _MASTER_KEYS and _CURRENT_KEY_ID), HEALTHMED_JWT_KEY_DIRECTORY or
#                           HEALTHMED_JWT_PUBLIC_KEY   as the query side needs them
#   ERASURE_JOURNAL         optional: the erasure journal (deploy/backup/erasure-journal.sh, ADR 0026), replayed into
#                           the restored database before the views are rebuilt, as a real restore must
#   BACKUP_DIR              where the backup and the dumps go (default: $HEALTHMED_HOME/backups/<time> or ./backups/<time>)
#   COMMAND_JAR, QUERY_JAR  the applications' jars (default: the newest in command-side/target and query-side/target,
#                           built by ./mvnw -DskipTests package; with --local, the copies ./run.sh runs)
#   JAVA, JAVA_OPTS         the java to run them with, and its options
#
# Exit status 0 when the rebuilt views equal the originals and erased persons are still erased; 1 otherwise.
# Run it while no commands arrive (a maintenance window, or the command side stopped): events written between the
# backup and the dump of the live views show up as differences.
set -euo pipefail

cd "$(dirname "$0")/../.."
LAUNCHER=org.springframework.boot.loader.launch.PropertiesLauncher
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'drill: %s\n' "$*" >&2; exit 2; }
newest() { local f; f=$(ls -t "$@" 2>/dev/null | grep -v -e '-tests\.jar$' -e '\.original$' | head -n 1 || true); printf '%s' "$f"; }
database_of() { local url=${1%%\?*}; printf '%s' "${url##*/}"; }
with_database() { local url=$1 name=$2 base params=""; base=${url%%\?*}; [ "$base" = "$url" ] || params="?${url#*\?}"; printf '%s/%s%s' "${base%/*}" "$name" "$params"; }

if [ "${1:-}" = "--local" ]; then
  HEALTHMED_HOME=${HEALTHMED_HOME:-$PWD/.local}
  [ -f "$HEALTHMED_HOME/secrets.env" ] || fail "no $HEALTHMED_HOME/secrets.env: start ./run.sh once first"
  # shellcheck source=/dev/null
  . "$HEALTHMED_HOME/secrets.env"
  export HEALTHMED_PRIVACY_MASTER_KEY
  export DATABASE_URL=${DATABASE_URL:-jdbc:postgresql://localhost:${HEALTHMED_POSTGRES_PORT:-15432}/healthmed}
  export DATABASE_USERNAME=${DATABASE_USERNAME:-postgres} DATABASE_PASSWORD=${DATABASE_PASSWORD:-postgres}
  export MONGODB_URI=${MONGODB_URI:-mongodb://127.0.0.1:${HEALTHMED_MONGO_PORT:-17017}/healthmed}
  export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-${HEALTHMED_REDIS_PORT:-16379}}
  # ./run.sh's Redis has no default user: the rebuilt query side signs in as the query side does (ADR 0025).
  if [ -n "${HEALTHMED_REDIS_QUERY_PASSWORD:-}" ]; then
    export SPRING_DATA_REDIS_USERNAME=${SPRING_DATA_REDIS_USERNAME:-query-side}
    export REDIS_PASSWORD=${REDIS_PASSWORD:-$HEALTHMED_REDIS_QUERY_PASSWORD}
  fi
  if [ -n "${HEALTHMED_REDIS_DENY_LIST_PASSWORD:-}" ]; then
    export REDIS_DENY_LIST_USERNAME=${REDIS_DENY_LIST_USERNAME:-query-side-deny-list}
    export REDIS_DENY_LIST_PASSWORD=${REDIS_DENY_LIST_PASSWORD:-$HEALTHMED_REDIS_DENY_LIST_PASSWORD}
  fi
  export HEALTHMED_JWT_KEY_DIRECTORY=${HEALTHMED_JWT_KEY_DIRECTORY:-$HEALTHMED_HOME/keys}
  BACKUP_DIR=${BACKUP_DIR:-$HEALTHMED_HOME/backups/$STAMP}
  COMMAND_JAR=${COMMAND_JAR:-$HEALTHMED_HOME/app/command-side.jar}
  QUERY_JAR=${QUERY_JAR:-$HEALTHMED_HOME/app/query-side.jar}
elif [ $# -gt 0 ]; then
  fail "usage: $0 [--local]"
fi

: "${DATABASE_URL:?set DATABASE_URL (or use --local)}"
: "${MONGODB_URI:?set MONGODB_URI (or use --local)}"
[ -n "${HEALTHMED_PRIVACY_MASTER_KEY:-}${HEALTHMED_PRIVACY_MASTER_KEYS:-}" ] || fail "set HEALTHMED_PRIVACY_MASTER_KEY \
(or HEALTHMED_PRIVACY_MASTER_KEYS and HEALTHMED_PRIVACY_CURRENT_KEY_ID during a rotation): the query side opens personal data while projecting"
COMMAND_JAR=${COMMAND_JAR:-$(newest command-side/target/command-side-*.jar)}
QUERY_JAR=${QUERY_JAR:-$(newest query-side/target/query-side-*.jar)}
[ -f "$COMMAND_JAR" ] && [ -f "$QUERY_JAR" ] || fail "no application jars (COMMAND_JAR, QUERY_JAR): build them with ./mvnw -DskipTests package"
RESTORE_DATABASE_URL=${RESTORE_DATABASE_URL:-$(with_database "$DATABASE_URL" "$(database_of "$DATABASE_URL")_drill_$(printf '%s' "$STAMP" | tr 'A-Z' 'a-z')")}
DRILL_MONGODB_URI=${DRILL_MONGODB_URI:-$(with_database "$MONGODB_URI" "$(database_of "$MONGODB_URI")_drill")}
if [ "$DRILL_MONGODB_URI" = "$MONGODB_URI" ]; then
  DRILL_REDIS_DATABASE=${DRILL_REDIS_DATABASE:-${SPRING_DATA_REDIS_DATABASE:-0}}
else
  DRILL_REDIS_DATABASE=${DRILL_REDIS_DATABASE:-15}
fi
[ "$RESTORE_DATABASE_URL" != "$DATABASE_URL" ] || fail "RESTORE_DATABASE_URL must name a new database, not the live one"
BACKUP_DIR=${BACKUP_DIR:-backups/$STAMP}
mkdir -p "$BACKUP_DIR"
if [ -z "${JAVA:-}" ]; then
  # The same Java 25 as ./mvnw and ./run.sh, whatever the default java is.
  # shellcheck source=.mvn/select-java.sh
  . .mvn/select-java.sh
  JAVA=$JAVA_HOME/bin/java
fi

# shellcheck disable=SC2086
command_tool() { "$JAVA" ${JAVA_OPTS:-} -cp "$COMMAND_JAR" -Dloader.main=br.com.healthmed.command.backup.BackupTool "$LAUNCHER" "$@"; }
# shellcheck disable=SC2086
views_tool() { "$JAVA" ${JAVA_OPTS:-} -cp "$QUERY_JAR" -Dloader.main=br.com.healthmed.query.rebuild.ViewsTool "$LAUNCHER" "$@"; }
seconds() { date +%s; }

say "1. Backup of the event store ($DATABASE_URL) into $BACKUP_DIR/event-store"
t0=$(seconds)
command_tool backup "$BACKUP_DIR/event-store"
t1=$(seconds)

say "2. Canonical dump of the live views ($MONGODB_URI)"
views_tool dump "$BACKUP_DIR/views-before.json"

say "3. Restore into a new database ($RESTORE_DATABASE_URL)"
DATABASE_URL=$RESTORE_DATABASE_URL command_tool restore "$BACKUP_DIR/event-store"
if [ -n "${ERASURE_JOURNAL:-}" ]; then
  say "3b. Replay the erasure journal ($ERASURE_JOURNAL) into the restored database"
  DATABASE_URL=$RESTORE_DATABASE_URL command_tool erasures-replay "$ERASURE_JOURNAL"
fi
t2=$(seconds)

say "4. Destroy the read models ($DRILL_MONGODB_URI, Redis database $DRILL_REDIS_DATABASE agenda:* and search:*, the token store) and rebuild every view by replay"
status=0
DATABASE_URL=$RESTORE_DATABASE_URL MONGODB_URI=$DRILL_MONGODB_URI SPRING_DATA_REDIS_DATABASE=$DRILL_REDIS_DATABASE \
  views_tool rebuild "$BACKUP_DIR/views-before.json" "$BACKUP_DIR/views-after.json" > "$BACKUP_DIR/rebuild.log" 2>&1 || status=$?
t3=$(seconds)
grep '^drill: ' "$BACKUP_DIR/rebuild.log" || tail -n 40 "$BACKUP_DIR/rebuild.log"

say "Result"
printf 'backup %ss, restore %ss, rebuild of the views %ss; files in %s (the query side'"'"'s log: rebuild.log)\n' \
  "$((t1 - t0))" "$((t2 - t1))" "$((t3 - t2))" "$BACKUP_DIR"
if [ "$status" -eq 0 ]; then
  echo "DRILL PASSED: the restored event store rebuilds views identical to the originals."
else
  echo "DRILL FAILED (status $status): see the differences above and $BACKUP_DIR/rebuild.log."
fi
exit "$status"
