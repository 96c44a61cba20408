#!/usr/bin/env bash
# The erasure journal (ADR 0026, docs/security.md): erased persons stay erased after a restore of an older backup.
#
#   deploy/backup/erasure-journal.sh export JOURNAL   append the erasures of the live database not yet in JOURNAL
#   deploy/backup/erasure-journal.sh replay JOURNAL   after a restore, with the applications stopped: erase again in
#                                                     the restored database every person in JOURNAL
#
# Run `export` often (at least as often as backups, e.g. a daily cron job) and keep JOURNAL on storage apart from the
# database backups (append-only bucket or WORM volume): it holds pseudonymous ids and times only. After restoring a
# backup (deploy/backup/drill.sh, BackupTool restore, or PostgreSQL point-in-time recovery), run `replay` against the
# restored database BEFORE the applications start, then rebuild the views as after any restore (ADR 0022).
#
# Variables: DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD (the command side's database: the live one for export,
# the restored one for replay); COMMAND_JAR (default: the newest command-side/target/command-side-*.jar); JAVA.
# With --local as first argument, the database and jar of ./run.sh (under $HEALTHMED_HOME) are used.
set -euo pipefail

cd "$(dirname "$0")/../.."
LAUNCHER=org.springframework.boot.loader.launch.PropertiesLauncher
fail() { printf 'erasure-journal: %s\n' "$*" >&2; exit 2; }
newest() { local f; f=$(ls -t "$@" 2>/dev/null | grep -v -e '-tests\.jar$' -e '\.original$' | head -n 1 || true); printf '%s' "$f"; }

if [ "${1:-}" = "--local" ]; then
  shift
  HEALTHMED_HOME=${HEALTHMED_HOME:-$PWD/.local}
  export DATABASE_URL=${DATABASE_URL:-jdbc:postgresql://localhost:${HEALTHMED_POSTGRES_PORT:-15432}/healthmed}
  export DATABASE_USERNAME=${DATABASE_USERNAME:-postgres} DATABASE_PASSWORD=${DATABASE_PASSWORD:-postgres}
  COMMAND_JAR=${COMMAND_JAR:-$HEALTHMED_HOME/app/command-side.jar}
fi
[ $# -eq 2 ] && { [ "$1" = export ] || [ "$1" = replay ]; } || fail "usage: $0 [--local] export|replay JOURNAL"
: "${DATABASE_URL:?set DATABASE_URL (or use --local)}"
COMMAND_JAR=${COMMAND_JAR:-$(newest command-side/target/command-side-*.jar)}
[ -f "$COMMAND_JAR" ] || fail "no command-side jar (COMMAND_JAR): build it with ./mvnw -DskipTests package"
if [ -z "${JAVA:-}" ]; then
  # shellcheck source=.mvn/select-java.sh
  . .mvn/select-java.sh
  JAVA=$JAVA_HOME/bin/java
fi

# shellcheck disable=SC2086
exec "$JAVA" ${JAVA_OPTS:-} -cp "$COMMAND_JAR" -Dloader.main=br.com.healthmed.command.backup.BackupTool "$LAUNCHER" \
  "erasures-$1" "$2"
