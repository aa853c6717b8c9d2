#!/usr/bin/env bash
# Webhook deliveries (issue 11): two instances of the packaged service on one database of the machine's PostgreSQL,
# a loopback receiver that checks every delivery with the standardwebhooks npm package (no Factdesk code).
#   bench/webhooks.sh [--quick] [--duration 20s] [--connections 16] [--port 8095] [--db factdesk_bench_webhooks]
# 1. kill -9 while deliveries are in flight (the receiver holds its answers): after a restart every event arrives,
#    verified, with the webhook-id of the first try.
# 2. two instances share the queue: N claims posted over both, each webhook-id arrives exactly once (the receiver
#    answers 2xx, so one attempt each).
# 3. (not with --quick) POST /api/v1/claims at full speed with wrk while both instances deliver: deliveries/s, lag from
#    the event to its arrival (p50/p99, target p99 <= 2 s), and POST throughput against a run without the endpoint.
# --quick (CI) runs 1 and 2 only. Needs the jar, node with frontend/node_modules, jq, psql, openssl; wrk for 3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
QUICK=0; DURATION=20s; CONNS=16; THREADS=2; PORT=8095; DB=factdesk_bench_webhooks; CLAIMS=200
while (($#)); do
  case "$1" in
    --quick) QUICK=1; shift ;; --duration) DURATION=$2; shift 2 ;; --connections) CONNS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;; --db) DB=$2; shift 2 ;; --claims) CLAIMS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
TMP=$(mktemp -d /tmp/factdesk-webhook-bench.XXXXXX)
PORT2=$((PORT + 1))
BASE="http://127.0.0.1:$PORT"; BASE2="http://127.0.0.1:$PORT2"
ADMIN_PASSWORD="bench-admin-Pa55word-2026"
A_PID=""; B_PID=""; R_PID=""
START_TS=$(date +%s)
step() { printf '\n==== [%4ss] %s ====\n' "$(( $(date +%s) - START_TS ))" "$*"; }
die() { echo "webhooks: FAIL: $*" >&2; exit 1; }
stop() { [[ -n "$1" ]] && { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }; }
cleanup() {
  local rc=$?
  stop "$A_PID"; stop "$B_PID"; stop "$R_PID"
  if [[ $rc -ne 0 ]]; then for f in "$TMP"/app-*.log; do [[ -s $f ]] && { echo "--- $f"; tail -n 30 "$f"; }; done; fi
  rm -rf "$TMP"; exit $rc
}
trap cleanup EXIT
for t in jq psql openssl node curl python3; do command -v $t >/dev/null || die "$t is missing"; done
[[ -f "$JAR" ]] || die "no jar at $JAR (./mvnw -B -q package -DskipTests -DskipE2e)"
openssl genpkey -algorithm ed25519 -out "$TMP/key.pem"

# start_app PORT NAME: the jar in prod mode (pid in $STARTED), loopback targets allowed for the local receiver
start_app() {
  (
    cd "$TMP"
    export QUARKUS_HTTP_PORT="$1" QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME=$PGUSER
    export QUARKUS_DATASOURCE_PASSWORD=postgres FACTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD"
    export FACTDESK_TRANSPARENCY_KEY_FILE="$TMP/key.pem" FACTDESK_WEBHOOKS_ALLOW_INSECURE_TARGETS=true
    export FACTDESK_PUBLISHING_BASE_URL=https://bench.factdesk.test
    # a short time-out, so a dead sender's lease (time-out + 20 s) runs out soon in part 1
    export FACTDESK_WEBHOOKS_TIMEOUT=5s
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
control() { curl -sf -X PUT --data "$1" "$RECEIVER/_control" >/dev/null || die "receiver control"; }
received() { curl -sf "$RECEIVER/_received"; }
# await_ids N SECONDS [FROM]: until the receiver has N distinct webhook-ids among requests FROM on (0: all)
await_ids() {
  local from=${3:-0}
  for _ in $(seq 1 $(( $2 * 5 ))); do
    [[ "$(received | jq ".[$from:] | [.[].id] | unique | length")" -ge "$1" ]] && return 0
    sleep 0.2
  done
  die "the receiver has $(received | jq ".[$from:] | [.[].id] | unique | length") distinct deliveries, want $1"
}
post_claims() { # COUNT BASE... : posts COUNT claims, spread over the given instances
  local n=$1; shift; local bases=("$@"); local pids=()
  for i in $(seq 1 "$n"); do
    curl -s -o /dev/null --max-time 20 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      --data "{\"statement\":\"Webhook bench claim $RANDOM-$i on the harbour dredging budget\"}" \
      "${bases[$((i % ${#bases[@]}))]}/api/v1/claims" &
    pids+=($!)
    (( i % 20 == 0 )) && wait "${pids[@]}" && pids=()
  done
  (( ${#pids[@]} )) && wait "${pids[@]}"
  return 0
}

echo "machine: $(nproc) cores; $(psql -Atc 'select version()' postgres | cut -d, -f1)"
step "fresh database $DB, receiver, instance A"
dropdb --if-exists --force "$DB"; createdb "$DB"
(cd frontend && exec node scripts/webhook-receiver.mjs --port 0 >"$TMP/receiver.out" 2>&1) &
R_PID=$!
for _ in $(seq 1 50); do [[ -s "$TMP/receiver.out" ]] && break; sleep 0.1; done
RECEIVER="http://127.0.0.1:$(head -n1 "$TMP/receiver.out" | jq -er .port)" || die "the receiver did not start"
start_app "$PORT" A; A_PID=$STARTED
curl -s -c "$TMP/cookies" -o /dev/null --data-urlencode username=admin --data-urlencode "password=$ADMIN_PASSWORD" \
  "$BASE/api/v1/auth/login"
TOKEN=$(curl -s -b "$TMP/cookies" -H 'Content-Type: application/json' --data '{"name":"bench","role":"CONTRIBUTOR"}' \
  "$BASE/api/v1/api-keys" | jq -er .token) || die "no API key"
curl -s -b "$TMP/cookies" -H 'Content-Type: application/json' -o "$TMP/hook.json" \
  --data "{\"url\":\"$RECEIVER/hook\",\"events\":[\"claim.submitted\"],\"description\":\"bench receiver\"}" \
  "$BASE/api/v1/webhooks"
HOOK=$(jq -er .webhook.id "$TMP/hook.json") || die "webhook not created: $(cat "$TMP/hook.json")"
control "{\"secrets\":[\"$(jq -er .secret "$TMP/hook.json")\"],\"delayMs\":0}"
sql() { psql -Atq -d "$DB" -c "$1"; }

step "1. kill -9 with deliveries in flight, then restart"
control '{"delayMs":3000}'
post_claims 20 "$BASE"
for _ in $(seq 1 50); do [[ "$(received | jq length)" -ge 1 ]] && break; sleep 0.1; done
sleep 0.5
IN_FLIGHT=$(sql "SELECT count(*) FROM webhook_delivery WHERE lease_until > now()")
QUEUED=$(sql "SELECT count(*) FROM webhook_delivery")
kill -KILL "$A_PID"; wait "$A_PID" 2>/dev/null || true; A_PID=""
SEEN=$(received | jq length)
echo "killed A with $IN_FLIGHT attempts in flight (sent, unanswered), $QUEUED of 20 deliveries queued, $SEEN requests seen"
[[ "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'SUCCEEDED'")" == 0 ]] || die "a delivery succeeded before the kill: nothing was tested"
control '{"delayMs":0}'
start_app "$PORT" A; A_PID=$STARTED
# every event must come again after the restart (its lease runs out), answered this time, with the same webhook-id
await_ids 20 90 "$SEEN"
for _ in $(seq 1 50); do [[ "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'SUCCEEDED'")" == 20 ]] && break; sleep 0.2; done
[[ "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'SUCCEEDED'")" == 20 ]] || die "not every delivery succeeded after the restart"
received >"$TMP/r1.json"
jq -e 'all(.verified)' "$TMP/r1.json" >/dev/null || die "a delivery failed verification: $(jq -c '[.[] | select(.verified | not)][0]' "$TMP/r1.json")"
jq -e --argjson k "$SEEN" '(.[:$k] | map(.id) | unique) - (.[$k:] | map(.id) | unique) == []' "$TMP/r1.json" >/dev/null \
  || die "an event cut off by the kill was not sent again with its webhook-id"
echo "PASS after restart: 20 of 20 events delivered, verified and acknowledged; the $SEEN cut off by the kill came again with the same webhook-id"

step "2. two instances, $CLAIMS claims over both"
start_app "$PORT2" B; B_PID=$STARTED
BEFORE=$(received | jq length)
post_claims "$CLAIMS" "$BASE" "$BASE2"
await_ids "$CLAIMS" 60 "$BEFORE"
sleep 1
received | jq ".[$BEFORE:]" >"$TMP/r2.json"
jq -e 'all(.verified)' "$TMP/r2.json" >/dev/null || die "a delivery failed verification"
TWICE=$(jq '[group_by(.id)[] | select(length > 1)] | length' "$TMP/r2.json")
[[ "$TWICE" == 0 ]] || die "$TWICE webhook-ids were delivered twice by two instances"
ATTEMPTS=$(sql "SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.endpoint_id = $HOOK")
echo "PASS two instances: $(jq length "$TMP/r2.json") deliveries for $CLAIMS claims, each webhook-id once, all verified; attempts recorded: $ATTEMPTS"
[[ $QUICK == 1 ]] && { echo; echo "webhooks quick check: PASS"; exit 0; }

step "3. POST /api/v1/claims at full speed ($DURATION, $CONNS connections) while both instances deliver"
command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
wrk_post() {
  env BENCH_MODE=post BENCH_TOKEN="$TOKEN" wrk -t "$THREADS" -c "$CONNS" -d "$DURATION" --latency -s bench/wrk.lua "$BASE" \
    | grep '^BENCH_RESULT' | sed 's/^BENCH_RESULT //'
}
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
ETAG=$(curl -s -b "$TMP/cookies" -D - -o /dev/null "$BASE/api/v1/webhooks/$HOOK" | grep -i '^etag' | cut -d' ' -f2 | tr -d '\r')
curl -s -b "$TMP/cookies" -X PATCH -H "If-Match: $ETAG" -H 'Content-Type: application/json' --data '{"enabled":false}' \
  -o /dev/null "$BASE/api/v1/webhooks/$HOOK"
wrk_post >/dev/null   # warm-up
OFF=$(wrk_post)
ETAG=$(curl -s -b "$TMP/cookies" -D - -o /dev/null "$BASE/api/v1/webhooks/$HOOK" | grep -i '^etag' | cut -d' ' -f2 | tr -d '\r')
curl -s -b "$TMP/cookies" -X PATCH -H "If-Match: $ETAG" -H 'Content-Type: application/json' --data '{"enabled":true}' \
  -o /dev/null "$BASE/api/v1/webhooks/$HOOK"
sleep 1
BEFORE=$(received | jq length)
T0=$(date +%s%3N)
ON=$(wrk_post)
T1=$(date +%s%3N)
POSTED=$(sql "SELECT count(*) FROM audit_event WHERE type = 'CLAIM_SUBMITTED' AND occurred_at >= to_timestamp($T0 / 1000.0)")
for _ in $(seq 1 600); do
  [[ "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING'")" == 0 ]] && break
  sleep 0.1
done
T2=$(date +%s%3N)
received | jq ".[$BEFORE:]" >"$TMP/r3.json"
python3 - "$TMP/r3.json" "$T0" "$T1" "$T2" "$POSTED" "$(field "$ON" rps)" "$(field "$OFF" rps)" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
t0, t1, t2, posted = (int(x) for x in sys.argv[2:6])
on, off = float(sys.argv[6]), float(sys.argv[7])
firsts = {}
for r in rows:
    if r["id"] not in firsts:
        firsts[r["id"]] = r
lags = sorted(r["receivedAt"] - r["occurredAt"] for r in firsts.values())
pct = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))] if lags else float("nan")
during = sum(1 for r in firsts.values() if r["receivedAt"] <= t1)
print(f"claims posted during the run: {posted}; delivered: {len(firsts)} ({len(rows)} requests), all verified: {all(r['verified'] for r in rows)}")
print(f"deliveries/s while POSTing: {during / ((t1 - t0) / 1000):.1f}; queue empty {(t2 - t1) / 1000:.1f} s after the run")
print(f"lag event -> arrival: p50 {pct(0.50):.0f} ms  p90 {pct(0.90):.0f} ms  p99 {pct(0.99):.0f} ms  max {lags[-1] if lags else 0:.0f} ms")
print(f"POST /api/v1/claims: {on:.1f} req/s delivering, {off:.1f} req/s without the endpoint (ratio {on / off:.3f})")
ok = len(firsts) == posted and pct(0.99) <= 2000
print(f"target delivery lag p99 <= 2000 ms, every event delivered: {'PASS' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PY
