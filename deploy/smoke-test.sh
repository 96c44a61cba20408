#!/usr/bin/env bash
# Smoke test of a running Health&Med behind its gateway (compose on :8080, or staging): both sides ready, the read
# examples of README.md answer through the gateway, and the write side answers POSTs with its own errors.
#
#   deploy/smoke-test.sh http://localhost:8080
set -euo pipefail

BASE=${1:?usage: deploy/smoke-test.sh BASE_URL}
BASE=${BASE%/}

fail() { printf 'smoke-test: %s\n' "$*" >&2; exit 1; }
# status METHOD PATH [curl args...]: prints the HTTP status code.
status() { curl -s -o /dev/null -w '%{http_code}' -X "$1" "$BASE$2" "${@:3}"; }
expect() {
  local want=$1 got
  got=$(status "${@:2}")
  [ "$got" = "$want" ] || fail "$2 $3 answered $got, expected $want"
  printf 'ok  %s %s -> %s\n' "$2" "$3" "$got"
}

# Reads go to the query side.
expect 200 GET /api/specialties
expect 200 GET '/api/doctors?specialty=CARDIOLOGIA&size=1'
expect 401 GET /api/appointments
# Writes go to the command side: a wrong login is refused with 401, a malformed body with 400, never 404 or 5xx.
expect 401 POST /api/auth/patient/login -H 'Content-Type: application/json' \
  -d '{"login":"smoke-test@invalid.example","password":"not-the-password"}'
expect 400 POST /api/auth/patient/login -H 'Content-Type: application/json' -d '{'
echo "smoke test passed against $BASE"
