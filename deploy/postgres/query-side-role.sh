#!/bin/sh
# Creates the query side's PostgreSQL role (ADR 0025): it logs in as healthmed_query, owns schema query_side (its
# tracking tokens, dead letters, heartbeats and the personal-data read log) and may read only the command side's tables
# that the command side's migration V13 grants it (events, snapshots, person keys). Idempotent.
#
# docker compose and k8s/overlays/dev run it from /docker-entrypoint-initdb.d when the database is first initialised,
# before the command side migrates. Anywhere else (a managed database, an existing volume) run it once as the
# database owner, before the command side's next start:
#   PGHOST=... PGUSER=healthmed PGDATABASE=healthmed QUERY_DATABASE_PASSWORD=... sh deploy/postgres/query-side-role.sh
# k8s/overlays/dev/postgres.yaml holds a copy of this file; LeastPrivilegeStoresTest keeps the two equal.
set -eu
: "${QUERY_DATABASE_PASSWORD:?set QUERY_DATABASE_PASSWORD, the query side database password}"
psql -v ON_ERROR_STOP=1 --no-psqlrc \
  --username "${POSTGRES_USER:-${PGUSER:-healthmed}}" --dbname "${POSTGRES_DB:-${PGDATABASE:-healthmed}}" \
  -v password="$QUERY_DATABASE_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE healthmed_query' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'healthmed_query') \gexec
ALTER ROLE healthmed_query WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'password';
CREATE SCHEMA IF NOT EXISTS query_side AUTHORIZATION healthmed_query;
ALTER SCHEMA query_side OWNER TO healthmed_query;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
