#!/bin/sh
# Starts Redis with one ACL user per application and the default user off (ADR 0025). The passwords come from the
# environment and reach the configuration only as SHA-256 digests; further arguments go to redis-server as they are.
#   command-side: every key, every command but the administrative ones (@dangerous: FLUSHALL, CONFIG, KEYS, ...);
#   query-side:   its agenda cache (agenda:*) read and write, the access-token deny-list (auth:revoked:*) read only
#                 (%R~, Redis 7), nothing else: it cannot touch refresh tokens, throttles or idempotency keys.
# docker compose mounts this file; k8s/overlays/dev/redis.yaml holds a copy (LeastPrivilegeStoresTest keeps the two equal).
set -eu
: "${REDIS_COMMAND_PASSWORD:?set REDIS_COMMAND_PASSWORD, the command side Redis password}"
: "${REDIS_QUERY_PASSWORD:?set REDIS_QUERY_PASSWORD, the query side Redis password}"
digest() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
exec redis-server "$@" \
  --user default off resetpass resetkeys resetchannels -@all \
  --user command-side on "#$(digest "$REDIS_COMMAND_PASSWORD")" resetchannels '&healthmed:consultation:room:*' '~*' +@all -@dangerous +info \
  --user query-side on "#$(digest "$REDIS_QUERY_PASSWORD")" resetchannels '~agenda:*' '%R~auth:revoked:*' \
    -@all +@read +@write +@connection -@dangerous +info +select
