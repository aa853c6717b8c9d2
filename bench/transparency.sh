#!/usr/bin/env bash
# Transparency log benchmark (issue 12): the packaged service on the machine's PostgreSQL, with N audit events.
#   bench/transparency.sh [--events 1000000] [--duration 15s] [--rounds 3] [--port 8091] [--db factdesk_bench_tlog]
# Prints: tree build rate, checkpoint time (first, over all N leaves, and incremental), inclusion and consistency
# proof latency and throughput at N, proof sizes against log2(N), and POST /api/v1/claims throughput with the log
# on (its default 60 s checkpoints) against off, alternating runs on the same database (target: on >= 0.95 x off), and with
# a checkpoint signed every second while the writers append (appends never wait for signing).
# Not run in CI. Needs the jar (./mvnw -B -q package -DskipTests -DskipFrontend -DskipE2e), wrk, jq, bc, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
EVENTS=1000000; DURATION=15s; ROUNDS=3; PORT=8091; DB=factdesk_bench_tlog; CONNS=32; THREADS=2
JVM_OPTS="-Xms256m -Xmx512m"
while (($#)); do
  case "$1" in
    --events) EVENTS=$2; shift 2 ;; --duration) DURATION=$2; shift 2 ;; --rounds) ROUNDS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;; --db) DB=$2; shift 2 ;; --connections) CONNS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
TMP=$(mktemp -d /tmp/factdesk-tlog-bench.XXXXXX)
BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD="bench-admin-Pa55word-2026"
APP_PID=""
START_TS=$(date +%s)
step() { printf '\n==== [%4ss] %s ====\n' "$(( $(date +%s) - START_TS ))" "$*"; }
die() { echo "bench: $*" >&2; exit 1; }
stop_app() { if [[ -n "$APP_PID" ]]; then kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
cleanup() { local rc=$?; stop_app; cp "$TMP/app.log" /tmp/factdesk-tlog-bench-app.log 2>/dev/null || true
  [[ $rc -ne 0 && -s "$TMP/app.log" ]] && { tail -n 40 "$TMP/app.log"; echo "(whole log: /tmp/factdesk-tlog-bench-app.log)"; }
  rm -rf "$TMP"; exit $rc; }
trap cleanup EXIT

for t in wrk jq bc openssl psql; do command -v $t >/dev/null || die "$t is missing (apt-get install wrk jq bc openssl postgresql-client)"; done
[[ -f "$JAR" ]] || die "no jar at $JAR"
openssl genpkey -algorithm ed25519 -out "$TMP/key.pem"

# start_app ENABLED [INTERVAL]: the jar in prod mode, transparency log on or off, periodic checkpoints every INTERVAL
start_app() {
  local interval=${2:-1h}
  (
    cd "$TMP"
    export QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME=$PGUSER
    export QUARKUS_DATASOURCE_PASSWORD=postgres FACTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD"
    export FACTDESK_TRANSPARENCY_KEY_FILE="$TMP/key.pem" FACTDESK_TRANSPARENCY_ENABLED="$1"
    export FACTDESK_PUBLISHING_BASE_URL=https://bench.factdesk.test
    # checkpoints are made on request, except in the POST rounds with the log on: there the service signs every
    # second while the writers append, which is what shows that appends never wait for checkpointing
    export FACTDESK_TRANSPARENCY_CHECKPOINT_INTERVAL="$interval"
    # shellcheck disable=SC2086
    exec java $JVM_OPTS -jar "$JAR" </dev/null >>"$TMP/app.log" 2>&1
  ) &
  APP_PID=$!
  for i in $(seq 1 120); do
    kill -0 "$APP_PID" 2>/dev/null || die "the service exited during startup"
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)" == 200 ]] && return 0
    sleep 1
  done
  die "not ready after 120 s"
}
sql() { psql -Atq -d "$DB" -c "$1"; }
wrk_run() { # MODE [VAR=value]...
  local mode=$1; shift
  env BENCH_MODE="$mode" "$@" wrk -t "$THREADS" -c "$CONNS" -d "$DURATION" --latency -s bench/wrk.lua "$BASE" \
    | grep '^BENCH_RESULT' | sed 's/^BENCH_RESULT //'
}
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/{print $2}') GiB; $(psql -Atc 'select version()' postgres | cut -d, -f1)"
step "fresh database $DB, service up"
dropdb --if-exists --force "$DB"; createdb "$DB"
start_app true
curl -s -c "$TMP/cookies" -o /dev/null --data-urlencode username=admin --data-urlencode "password=$ADMIN_PASSWORD" "$BASE/api/v1/auth/login"
TOKEN=$(curl -s -b "$TMP/cookies" -H 'Content-Type: application/json' --data '{"name":"bench","role":"CONTRIBUTOR"}' \
  "$BASE/api/v1/api-keys" | jq -er .token)

step "load $EVENTS audit events (system chain, distinct hashes; the follower builds the tree behind them)"
t0=$(date +%s.%N)
sql "INSERT INTO audit_event (seq, claim_id, type, actor, occurred_at, data, prev_hash, hash, audience, tx_id)
     SELECT nextval('audit_event_seq'), NULL, 'BENCH', 'bench', now(), '{}',
            encode(sha256(int8send(-g)), 'hex'), encode(sha256(int8send(g)), 'hex'), 'STAFF', pg_current_xact_id()
     FROM generate_series(1, $EVENTS) g"
TOTAL=$(sql "SELECT count(*) FROM audit_event")
while :; do
  LEAVES=$(sql "SELECT count(*) FROM transparency_leaf")
  [[ "$LEAVES" -ge "$TOTAL" ]] && break
  sleep 1
done
t1=$(date +%s.%N)
build=$(echo "$t1 - $t0" | bc -l)
printf 'tree built: %d leaves in %.1f s (%.0f leaves/s, insert included); %s nodes; tables %s\n' "$LEAVES" "$build" \
  "$(echo "$LEAVES / $build" | bc -l)" "$(sql 'SELECT count(*) FROM transparency_node')" \
  "$(sql "SELECT pg_size_pretty(pg_total_relation_size('transparency_leaf') + pg_total_relation_size('transparency_node'))")"

step "checkpoints at $TOTAL events"
checkpoint_now() { curl -s -b "$TMP/cookies" -X POST -o "$TMP/cp.json" -w '%{http_code} %{time_total}' "$BASE/api/v1/transparency/checkpoints"; }
read -r code first_t <<<"$(checkpoint_now)"; [[ $code == 201 ]] || die "checkpoint: $code $(cat "$TMP/cp.json")"
SIZES=$(jq -r .treeSize "$TMP/cp.json")
for i in 1 2 3 4 5; do
  for j in $(seq 1 20); do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data "{\"statement\":\"Bench claim $i-$j on harbour dredging costs\"}" "$BASE/api/v1/claims"; done
  read -r code inc_t <<<"$(checkpoint_now)"; [[ $code == 201 ]] || die "checkpoint: $code $(cat "$TMP/cp.json")"
  SIZES="$SIZES|$(jq -r .treeSize "$TMP/cp.json")"
  INC="${INC:-}$inc_t "
done
read -r code same_t <<<"$(checkpoint_now)"; [[ $code == 200 ]] || die "unchanged checkpoint: $code"
N=$(jq -r .treeSize "$TMP/cp.json")
printf 'first checkpoint over %d leaves (checks every leaf against its event): %.0f ms\n' "$TOTAL" "$(echo "$first_t * 1000" | bc -l)"
printf 'incremental checkpoints (+~%d events each): %s ms\n' 20 "$(for t in $INC; do printf '%.0f ' "$(echo "$t * 1000" | bc -l)"; done)"
printf 'unchanged checkpoint (200): %.0f ms\n' "$(echo "$same_t * 1000" | bc -l)"

step "proofs at treeSize=$N"
MAXSEQ=$(sql "SELECT max(seq) FROM transparency_leaf")
curl -s "$BASE/api/public/transparency/proof/inclusion?seq=$((MAXSEQ / 2))&treeSize=$N" >"$TMP/inc.json"
curl -s "$BASE/api/public/transparency/proof/consistency?from=${SIZES%%|*}&to=$N" >"$TMP/con.json"
LOG2=$(echo "l($N)/l(2)" | bc -l | xargs printf '%.1f')
printf 'inclusion proof: %d hashes (%d bytes raw), log2(n) = %s; consistency proof %s -> %s: %d hashes; response %d bytes\n' \
  "$(jq '.hashes | length' "$TMP/inc.json")" "$(( $(jq '.hashes | length' "$TMP/inc.json") * 32 ))" "$LOG2" \
  "${SIZES%%|*}" "$N" "$(jq '.hashes | length' "$TMP/con.json")" "$(wc -c <"$TMP/inc.json")"
wrk_run inclusion BENCH_TREE_SIZE="$N" BENCH_MIN_SEQ=1 BENCH_MAX_SEQ="$MAXSEQ" >/dev/null  # warm-up
INCL=$(wrk_run inclusion BENCH_TREE_SIZE="$N" BENCH_MIN_SEQ=1 BENCH_MAX_SEQ="$MAXSEQ")
CONS=$(wrk_run consistency BENCH_TREE_SIZE="$N" BENCH_SIZES="$SIZES")
printf 'inclusion proof:   %8.1f req/s  p50 %6.2f ms  p99 %6.2f ms  non2xx %s\n' "$(field "$INCL" rps)" "$(field "$INCL" p50_ms)" "$(field "$INCL" p99_ms)" "$(field "$INCL" non2xx)"
printf 'consistency proof: %8.1f req/s  p50 %6.2f ms  p99 %6.2f ms  non2xx %s\n' "$(field "$CONS" rps)" "$(field "$CONS" p50_ms)" "$(field "$CONS" p99_ms)" "$(field "$CONS" non2xx)"

step "POST /api/v1/claims: log off, on (signing every 60 s, the default), on signing every 1 s ($ROUNDS alternating rounds of $DURATION, same database)"
wrk_run post BENCH_TOKEN="$TOKEN" >/dev/null  # warm-up
on_sum=0; off_sum=0; busy_sum=0
for r in $(seq 1 "$ROUNDS"); do
  for mode in off on busy; do
    stop_app
    case $mode in off) start_app false 1h ;; on) start_app true 60s ;; busy) start_app true 1s ;; esac
    wrk_run post BENCH_TOKEN="$TOKEN" >/dev/null  # JIT warm-up of this JVM, not counted
    before=$(sql "SELECT count(*) FROM transparency_checkpoint")
    res=$(wrk_run post BENCH_TOKEN="$TOKEN")
    signed=$(( $(sql "SELECT count(*) FROM transparency_checkpoint") - before ))
    printf 'round %d log %-4s %8.1f req/s  p50 %6.2f ms  p99 %6.2f ms  non2xx %s  checkpoints signed meanwhile %d\n' "$r" "$mode" \
      "$(field "$res" rps)" "$(field "$res" p50_ms)" "$(field "$res" p99_ms)" "$(field "$res" non2xx)" "$signed"
    [[ $mode != busy || $signed -gt 0 ]] || die "no checkpoint was signed during a round signing every second"
    case $mode in
      off) off_sum=$(echo "$off_sum + $(field "$res" rps)" | bc -l) ;;
      on) on_sum=$(echo "$on_sum + $(field "$res" rps)" | bc -l) ;;
      busy) busy_sum=$(echo "$busy_sum + $(field "$res" rps)" | bc -l) ;;
    esac
  done
done
ratio=$(echo "$on_sum / $off_sum" | bc -l | xargs printf '%.3f')
sleep 2
LAG=$(( $(sql "SELECT count(*) FROM audit_event") - $(sql "SELECT count(*) FROM transparency_leaf") ))
FAILS=0
verdict() { if [[ "$(echo "$1 >= $2" | bc -l)" == 1 ]]; then echo PASS; else echo FAIL; fi; }
echo
echo "== summary =="
V=$(verdict "$ratio" 0.95); [[ $V == PASS ]] || FAILS=$((FAILS + 1))
printf '%-4s POST with the log / without: %.1f / %.1f req/s = %s (target >= 0.95)\n' "$V" \
  "$(echo "$on_sum / $ROUNDS" | bc -l)" "$(echo "$off_sum / $ROUNDS" | bc -l)" "$ratio"
printf '     POST while signing every second / without the log: %.1f req/s = %.3f (appends do not wait for signing)\n' \
  "$(echo "$busy_sum / $ROUNDS" | bc -l)" "$(echo "$busy_sum / $off_sum" | bc -l)"
HASHES=$(jq '.hashes | length' "$TMP/inc.json")
CEIL=$(awk -v n="$N" 'BEGIN { c = 0; while (2 ^ c < n) c++; print c }')
V=$([[ $HASHES -le $CEIL ]] && echo PASS || echo FAIL); [[ $V == PASS ]] || FAILS=$((FAILS + 1))
printf '%-4s inclusion proof size at %d leaves: %d hashes (%d bytes), ceiling ceil(log2 n) = %d\n' \
  "$V" "$N" "$HASHES" "$((HASHES * 32))" "$CEIL"
echo "tree lag after the last POST run: $LAG events (the follower catches up behind the writers)"
# a missed target fails the run, so that a script or CI job that calls this bench notices
[[ $FAILS -eq 0 ]] || { echo "bench: $FAILS target(s) missed" >&2; exit 1; }
