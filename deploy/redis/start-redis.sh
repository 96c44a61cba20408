#!/bin/sh
# Starts Redis with its ACL users and the default user off (ADR 0025, 0034, 0035). The passwords come from the environment
# and reach the configuration only as SHA-256 digests; further arguments go to redis-server as they are.
#   command-side:         every key, every command but the administrative ones (@dangerous: FLUSHALL, CONFIG, KEYS, ...);
#   query-side:           its agenda and search caches (agenda:*, search:*) read and write, nothing else: it
#                         cannot touch refresh tokens, throttles, idempotency keys or the access-token deny-list;
#   query-side-deny-list: MGET on the deny-list (auth:revoked:*) and nothing else, so the query side reads revocations
#                         and cannot write or delete one, on Redis 6.2 (no read-only key patterns) as on 7.
# docker compose mounts this file; k8s/overlays/dev/redis.yaml holds a copy (LeastPrivilegeStoresTest keeps the two equal).
set -eu
: "${REDIS_COMMAND_PASSWORD:?set REDIS_COMMAND_PASSWORD, the command side Redis password}"
: "${REDIS_QUERY_PASSWORD:?set REDIS_QUERY_PASSWORD, the query side Redis password}"
: "${REDIS_DENY_LIST_PASSWORD:?set REDIS_DENY_LIST_PASSWORD, the query side deny-list reader Redis password}"
digest() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
exec redis-server "$@" \
  --user default off resetpass resetkeys resetchannels -@all \
  --user command-side on "#$(digest "$REDIS_COMMAND_PASSWORD")" resetchannels '&healthmed:consultation:room:*' '~*' +@all -@dangerous +info \
  --user query-side on "#$(digest "$REDIS_QUERY_PASSWORD")" resetchannels '~agenda:*' '~search:*' \
    -@all +@read +@write +@connection -@dangerous +info +select \
  --user query-side-deny-list on "#$(digest "$REDIS_DENY_LIST_PASSWORD")" resetchannels '~auth:revoked:*' \
    -@all +@connection -@dangerous +mget +select
