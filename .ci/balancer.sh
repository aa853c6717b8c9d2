#!/usr/bin/env bash
# Two packaged instances on one PostgreSQL database behind HAProxy (deploy/haproxy.cfg, round robin, no sticky
# sessions) on loopback (issue 15). Everything below goes through the balancer unless it says otherwise:
#   1. the requests really alternate between the instances (X-Factdesk-Instance)
#   2. the browser scenario (frontend/e2e, Chromium): every session made on one instance is used on the other
#   3. 24 concurrent If-Match writers: exactly one edit lands, 23 get 412, the history holds one edit event
#   4. sign-in throttling: 5 wrong passwords from 127.0.0.2 lock that address out of the account on both
#      instances (X-Forwarded-For trusted from the balancer only); 127.0.0.1 still signs in
#   5. the audit feed reads the same from both instances, and every claim's chain verifies
# The other shared mechanisms are checked on two instances by .ci/run (public search budget, transparency
# checkpoints) and bench/webhooks.sh (one delivery per event over two instances).
#   .ci/balancer.sh [--port 8097] [--db factdesk_ci_balancer]
# Needs haproxy, the packaged jar (with the web client), node with frontend/node_modules, Chromium, jq, psql, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT=8097; DB=factdesk_ci_balancer
while (($#)); do
  case "$1" in
    --port) PORT=$2; shift 2 ;; --db) DB=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
TMP=$(mktemp -d /tmp/factdesk-balancer.XXXXXX)
PORT_A=$((PORT + 1)); PORT_B=$((PORT + 2))
LB="http://127.0.0.1:$PORT"
A_PID=""; B_PID=""; H_PID=""
START_TS=$(date +%s)
step() { printf '\n==== [%4ss] %s ====\n' "$(( $(date +%s) - START_TS ))" "$*"; }
die() { echo "balancer: FAIL: $*" >&2; exit 1; }
stop() { [[ -n "$1" ]] && { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }; }
cleanup() {
  local rc=$?
  stop "$H_PID"; stop "$A_PID"; stop "$B_PID"
  if [[ $rc -ne 0 ]]; then
    for f in "$TMP"/*.log; do [[ -s $f ]] && { echo "--- $f"; tail -n 40 "$f"; }; done
  fi
  rm -rf "$TMP"
  dropdb --if-exists --force "$DB" 2>/dev/null || true
  exit $rc
}
trap cleanup EXIT
for t in haproxy jq psql openssl node curl; do command -v $t >/dev/null || die "$t is missing"; done
[[ -f "$JAR" ]] || die "no jar at $JAR (./mvnw -B -q package -DskipTests -DskipE2e)"
openssl genpkey -algorithm ed25519 -out "$TMP/key.pem"

# start_app PORT NAME: the jar in prod mode with the demo data (the browser scenario signs in as the demo users)
start_app() {
  (
    cd "$TMP"
    export QUARKUS_HTTP_PORT="$1" QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME=$PGUSER
    export QUARKUS_DATASOURCE_PASSWORD=postgres FACTDESK_DEMO_DATA=true
    export FACTDESK_TRANSPARENCY_KEY_FILE="$TMP/key.pem" FACTDESK_WEBHOOKS_ALLOW_INSECURE_TARGETS=true
    export FACTDESK_PUBLISHING_BASE_URL="$LB"
    # the client address comes from the balancer's X-Forwarded-For, and only from the balancer
    export QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true
    export QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1
    exec java -Xms256m -Xmx512m -jar "$JAR" </dev/null >>"$TMP/app-$2.log" 2>&1
  ) &
  STARTED=$!
  for _ in $(seq 1 120); do
    kill -0 "$STARTED" 2>/dev/null || die "instance $2 exited during startup"
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/q/health/ready" || true)" == 200 ]] && return 0
    sleep 1
  done
  die "instance $2 not ready after 120 s"
}
sign_in() { # USER COOKIEJAR [curl args]: through the balancer; prints the status
  local user=$1 jar=$2; shift 2
  curl -s -o /dev/null -w '%{http_code}' -c "$jar" "$@" --data-urlencode "username=$user" \
    --data-urlencode "password=factdesk-demo" "$LB/api/v1/auth/login"
}

step "fresh database $DB; instance A, then B (Flyway and the demo data once), HAProxy in front"
dropdb --if-exists --force "$DB"; createdb "$DB"
start_app "$PORT_A" a; A_PID=$STARTED
start_app "$PORT_B" b; B_PID=$STARTED
FACTDESK_LB_BIND="127.0.0.1:$PORT" FACTDESK_A="127.0.0.1:$PORT_A" FACTDESK_B="127.0.0.1:$PORT_B" \
  haproxy -db -f deploy/haproxy.cfg >"$TMP/haproxy.log" 2>&1 &
H_PID=$!
for _ in $(seq 1 50); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$LB/q/health/ready" || true)" == 200 ]] && break
  sleep 0.2
done
# both servers must have passed their first health check before the alternation is measured
sleep 2.5

step "1. requests alternate"
served=""
for _ in $(seq 1 10); do
  served+="$(curl -s -D - -o /dev/null "$LB/q/health/live" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-factdesk-instance"{print $2}') "
done
echo "served by: $served"
[[ "$(echo "$served" | tr ' ' '\n' | grep -c '^a$')" == 5 && "$(echo "$served" | tr ' ' '\n' | grep -c '^b$')" == 5 ]] \
  || die "the balancer did not alternate between a and b: $served"
echo "PASS 10 requests: 5 on a, 5 on b"

step "2. the browser scenario through the balancer"
FACTDESK_E2E_BASE_URL="$LB" FACTDESK_E2E_OUT="$TMP/e2e" FACTDESK_E2E_REQUIRED=true node frontend/e2e/run.mjs \
  >"$TMP/e2e.log" 2>&1 || { tail -n 60 "$TMP/e2e.log"; die "the browser scenario failed through the balancer"; }
grep -E '^browser tests:' "$TMP/e2e.log"
echo "PASS: every step, its sign-ins and sessions spread over both instances"

step "3. 24 concurrent If-Match writers through the balancer"
sign_in editor "$TMP/editor" >/dev/null
curl -s -b "$TMP/editor" -H 'Content-Type: application/json' -D "$TMP/created.h" -o "$TMP/created.json" \
  --data '{"statement":"The harbour dredging budget doubled between 2024 and 2025, the port authority said."}' \
  "$LB/api/v1/claims"
CLAIM=$(jq -er .id "$TMP/created.json") || die "claim not created: $(cat "$TMP/created.json")"
ETAG=$(tr -d '\r' <"$TMP/created.h" | awk -F': ' 'tolower($1)=="etag"{print $2}')
[[ -n "$ETAG" ]] || die "no ETag on the created claim"
writers=()
for i in $(seq 1 24); do
  curl -s -o /dev/null -w '%{http_code}\n' -b "$TMP/editor" -X PATCH -H "If-Match: $ETAG" \
    -H 'Content-Type: application/merge-patch+json' --data "{\"claimant\":\"Writer $i\"}" \
    "$LB/api/v1/claims/$CLAIM" >"$TMP/w$i" &
  writers+=($!)
done
wait "${writers[@]}"
codes=$(cat "$TMP"/w* | sort | uniq -c | tr -s ' \n' ' ')
echo "answers: $codes"
[[ "$(cat "$TMP"/w* | grep -c '^200$')" == 1 && "$(cat "$TMP"/w* | grep -c '^412$')" == 23 ]] \
  || die "expected one 200 and 23 x 412, got $codes"
curl -s -b "$TMP/editor" "$LB/api/v1/claims/$CLAIM/history" >"$TMP/history.json"
EDITS=$(jq '[.items[] | select(.type == "CLAIM_EDITED")] | length' "$TMP/history.json")
[[ "$EDITS" == 1 ]] || die "history has $EDITS edit events, want 1: $(jq -c '[.items[].type]' "$TMP/history.json")"
jq -er '.version' <(curl -s -b "$TMP/editor" "$LB/api/v1/claims/$CLAIM") | grep -qx 1 \
  || die "the claim's version is not 1 after one landed edit"
echo "PASS one edit landed (version 1, one CLAIM_EDITED event), 23 refused with 412"

step "4. sign-in throttling shared by both instances, per forwarded client address"
for i in 1 2 3 4 5; do
  s=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 --data-urlencode username=checker \
    --data-urlencode "password=wrong-$i" "$LB/api/v1/auth/login")
  [[ "$s" == 401 ]] || die "wrong password $i from 127.0.0.2 answered $s, want 401"
done
through_lb=$(sign_in checker "$TMP/c2" --interface 127.0.0.2)
direct_a=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 --data-urlencode username=checker \
  --data-urlencode password=factdesk-demo "http://127.0.0.1:$PORT_A/api/v1/auth/login")
direct_b=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 --data-urlencode username=checker \
  --data-urlencode password=factdesk-demo "http://127.0.0.1:$PORT_B/api/v1/auth/login")
other=$(sign_in checker "$TMP/c1" --interface 127.0.0.1)
echo "after 5 failures from 127.0.0.2: right password from 127.0.0.2 via balancer $through_lb, on a $direct_a, on b $direct_b; from 127.0.0.1 $other"
[[ "$through_lb" == 429 && "$direct_a" == 429 && "$direct_b" == 429 ]] || die "127.0.0.2 was not locked out on every instance"
[[ "$other" == 200 ]] || die "another address was locked out too ($other)"
echo "PASS 127.0.0.2 locked out of checker on both instances; 127.0.0.1 signs in"

step "5. the audit feed and the chains, read from each instance"
sign_in auditor "$TMP/auditor" >/dev/null
feed() { # BASE: every event id of the feed, in order
  local after=0 out="" page
  while :; do
    page=$(curl -s -b "$TMP/auditor" "$1/api/v1/audit?after=$after&limit=1000")
    [[ "$(jq '.items | length' <<<"$page")" == 0 ]] && break
    out+="$(jq -r '.items[] | "\(.claimId // "s"):\(.seq)"' <<<"$page") "
    after=$(jq -r .nextCursor <<<"$page")
  done
  echo "$out"
}
FA=$(feed "http://127.0.0.1:$PORT_A"); FB=$(feed "http://127.0.0.1:$PORT_B")
N=$(wc -w <<<"$FA")
[[ "$FA" == "$FB" && "$N" -gt 20 ]] || die "the feeds differ or are short (a: $N events, b: $(wc -w <<<"$FB"))"
bad=0
for id in $(psql -Atq -d "$DB" -c "SELECT id FROM claim ORDER BY id"); do
  v=$(curl -s -b "$TMP/auditor" "$LB/api/v1/claims/$id/history/verify" | jq -r .valid)
  [[ "$v" == true ]] || { echo "claim $id: valid=$v"; bad=$((bad + 1)); }
done
[[ $bad == 0 ]] || die "$bad claim chains do not verify"
echo "PASS both instances serve the same $N feed events in the same order; every claim's chain verifies"
echo "balancer: all checks passed in $(( $(date +%s) - START_TS )) s"
