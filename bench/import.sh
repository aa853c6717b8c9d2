#!/usr/bin/env bash
# Bulk import benchmark (issue 11): the packaged service on the machine's PostgreSQL imports an NDJSON file of
# --lines claims (1% bad lines of several kinds, most lines without a language, so detection is measured too) with
# POST /api/v1/imports/claims and an EDITOR API key. Prints claims/s against the target (>= 5,000 claims/s), the
# ceiling measured in the same run (PostgreSQL itself inserting the same claim and audit rows in one statement each,
# into copies of the tables with the same indexes) and the ratio to it, and the rate of a repeat of the same file
# (every line existing). Not run in CI.
#
#   bench/import.sh [--lines 100000] [--warmup-lines 20000] [--db-url postgresql://postgres@127.0.0.1:5432/factdesk_bench_import]
#                   [--port 8093] [--jvm-opts "-Xms256m -Xmx512m"] [--jar target/quarkus-app/quarkus-run.jar]
#                   [--wait-quiet 300]  (before measuring, wait up to that long for the machine to be >= 85% idle)
# Needs the jar (./mvnw -B -q package -DskipTests -DskipFrontend -DskipE2e), curl, jq, bc, awk, psql, openssl.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
LINES=100000
WARMUP=20000
DB_URL="postgresql://postgres@127.0.0.1:5432/factdesk_bench_import"
PORT=8093
JVM_OPTS="-Xms256m -Xmx512m"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
ADMIN_PASSWORD="${FACTDESK_BENCH_ADMIN_PASSWORD:-bench-admin-Pa55word-2026}"
TARGET=5000
WAIT_QUIET=300

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while (($#)); do
  case "$1" in
    --lines) LINES="$2"; shift 2 ;;
    --warmup-lines) WARMUP="$2"; shift 2 ;;
    --db-url) DB_URL="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --jvm-opts) JVM_OPTS="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --wait-quiet) WAIT_QUIET="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage 2 ;;
  esac
done
[[ "$LINES" =~ ^[0-9]+$ && "$LINES" -ge 100 && "$LINES" -le 100000 ]] || { echo "--lines must be 100..100000 (the import limit)" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+$ && "$WARMUP" -le 100000 ]] || { echo "--warmup-lines must be 0..100000" >&2; exit 2; }

re='^(jdbc:)?postgres(ql)?://(([^:@/]+)(:([^@/]*))?@)?([^:/?]+)(:([0-9]+))?/([^?]+)'
[[ "$DB_URL" =~ $re ]] || { echo "cannot parse --db-url $DB_URL" >&2; exit 2; }
export PGUSER="${BASH_REMATCH[4]:-postgres}"
DB_PASSWORD="${BASH_REMATCH[6]:-${PGPASSWORD:-postgres}}"
export PGHOST="${BASH_REMATCH[7]}" PGPORT="${BASH_REMATCH[9]:-5432}"
DB="${BASH_REMATCH[10]}"
[[ -n "${BASH_REMATCH[6]}" ]] && export PGPASSWORD="$DB_PASSWORD"

START_TS=$(date +%s)
step() { printf '\n==== [%4ss] %s\n' "$(( $(date +%s) - START_TS ))" "$*"; }
die() { echo "bench: $*" >&2; exit 1; }
TMP="$(mktemp -d /tmp/factdesk-import-bench.XXXXXX)"
APP_PID=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID"; for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID"; wait "$APP_PID" 2>/dev/null
  fi
  if [[ $rc -ne 0 && -s "$TMP/app.log" ]]; then echo "--- last 40 lines of the service log"; tail -n 40 "$TMP/app.log"; fi
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "tools"
for t in curl jq bc awk psql openssl java; do command -v "$t" >/dev/null || die "needs $t"; done
[[ -f "$JAR" ]] || die "no packaged jar at $JAR; build it: ./mvnw -B -q package -DskipTests -DskipFrontend -DskipE2e"
pg_isready -q || die "PostgreSQL at $PGHOST:$PGPORT is not accepting connections"
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is in use; pass --port"
echo "$(java -version 2>&1 | head -n 1); $(psql -Atc 'select version()' postgres | cut -d, -f1)"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/{print $2}') GiB RAM; $LINES lines, warm-up $WARMUP lines; JVM $JVM_OPTS"

# gen FILE LINES PREFIX: claims from word lists (so statements differ and the language detector has real work),
# every hundredth line (n % 100 == 50) bad in one of five ways; two in three lines come without a language
gen() {
  awk -v lines="$2" -v prefix="$3" 'BEGIN {
    srand(42);
    split("minister mayor senator governor spokesman council union company report post video", who, " ");
    split("unemployment inflation crime exports vaccination emissions rents tuition wages potholes", what, " ");
    split("fell rose doubled halved tripled stalled", how, " ");
    split("Springfield Riverside Lakeside the capital the north the coast Zephyr Hills", where, " ");
    for (n = 1; n <= lines; n++) {
      if (n % 100 == 50) {
        k = int(n / 100) % 5;
        if (k == 0) print "{\"statement\": \"cut off";
        else if (k == 1) print "{\"claimant\":\"Nobody\",\"externalId\":\"" prefix n "\"}";
        else if (k == 2) print "{\"statement\":\"Too short\",\"externalId\":\"" prefix n "\"}";
        else if (k == 3) print "{\"statement\":\"A claim of an unknown priority level\",\"priority\":\"SOMETIMES\"}";
        else print "{\"statement\":\"The same external id as the line before\",\"externalId\":\"" prefix (n - 1) "\"}";
        continue;
      }
      s = "The " who[1 + int(rand() * 11)] " said " what[1 + int(rand() * 10)] " " how[1 + int(rand() * 6)] \
          " by " int(rand() * 90 + 2) " percent in " where[1 + int(rand() * 9)] " since " (1990 + int(rand() * 35)) \
          " (claim " n ")";
      lang = (n % 3 == 0) ? ",\"language\":\"en\"" : "";
      printf "{\"statement\":\"%s\",\"claimant\":\"%s %d\",\"claimedAt\":\"2024-%02d-%02d\",\"tags\":[\"%s\",\"bench\"],\"sourceUrl\":\"https://news.example.org/%d\",\"externalId\":\"%s%d\"%s}\n", \
        s, who[1 + n % 11], n % 50, 1 + n % 12, 1 + n % 28, what[1 + n % 10], n, prefix, n, lang;
    }
  }' > "$1"
}
step "generate $LINES NDJSON lines"
gen "$TMP/import.ndjson" "$LINES" "bench-"
[[ "$WARMUP" -gt 0 ]] && gen "$TMP/warmup.ndjson" "$WARMUP" "warmup-"
BAD=$(( (LINES + 50) / 100 ))
echo "$(wc -l < "$TMP/import.ndjson") lines, $(du -h "$TMP/import.ndjson" | cut -f1), $BAD bad"

step "fresh database $DB, service up (prod mode, port $PORT)"
dropdb --if-exists --force "$DB"
createdb "$DB"
openssl genpkey -algorithm ed25519 -out "$TMP/tlog-key.pem" 2>/dev/null
(
  cd "$TMP"
  export QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD"
  export FACTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" FACTDESK_TRANSPARENCY_KEY_FILE="$TMP/tlog-key.pem"
  export FACTDESK_PUBLISHING_BASE_URL=https://bench.factdesk.test
  # shellcheck disable=SC2086
  exec java $JVM_OPTS -jar "$JAR" </dev/null >"$TMP/app.log" 2>&1
) &
APP_PID=$!
BASE="http://127.0.0.1:$PORT"
for i in $(seq 1 120); do
  kill -0 "$APP_PID" 2>/dev/null || die "the service exited during startup"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)" == 200 ]] && break
  [[ $i -eq 120 ]] && die "service not ready after 120 s"
  sleep 1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' -c "$TMP/cookies" --data-urlencode username=admin \
  --data-urlencode "password=$ADMIN_PASSWORD" "$BASE/api/v1/auth/login")" == 200 ]] || die "admin login failed"
curl -s -b "$TMP/cookies" -H 'Content-Type: application/json' --data '{"name":"bench-import","role":"EDITOR"}' \
  "$BASE/api/v1/api-keys" > "$TMP/key.json"
TOKEN=$(jq -er .token "$TMP/key.json") || die "could not create the EDITOR API key: $(cat "$TMP/key.json")"
IMPORTER="apikey:$(jq -r .id "$TMP/key.json")"

CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)
PM_PID=$(head -n 1 "$(psql -Atc 'show data_directory' postgres)/postmaster.pid" 2>/dev/null || true)
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
proc_cpu() { # utime+stime ticks of the given pids (with children: cutime+cstime when $CHILDREN=1)
  local sum=0 p f a
  for p in "$@"; do
    f=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    read -ra a <<<"${f##*) }"
    sum=$(( sum + a[11] + a[12] ))
    [[ "${CHILDREN:-0}" == 1 ]] && sum=$(( sum + a[13] + a[14] ))
  done
  echo "$sum"
}
pg_cpu() { # this server's backends and, through the postmaster's cutime, those that exited
  [[ -n "$PM_PID" ]] || { echo 0; return; }
  local kids
  mapfile -t kids < <(pgrep -P "$PM_PID" || true)
  echo $(( $(proc_cpu "${kids[@]}") + $(CHILDREN=1 proc_cpu "$PM_PID") ))
}
cpu_start() { B0=$(machine_busy); J0=$(proc_cpu "$APP_PID"); P0=$(pg_cpu); W0=$(date +%s.%N); }
cpu_report() { # how the machine's CPU went while the last import ran
  local b j p w total other idle
  b=$(( $(machine_busy) - B0 )); j=$(( $(proc_cpu "$APP_PID") - J0 )); p=$(( $(pg_cpu) - P0 ))
  w=$(echo "$(date +%s.%N) - $W0" | bc -l); total=$(echo "$w * $NCPU * $CLK_TCK" | bc -l)
  other=$(( b - j - p )); (( other < 0 )) && other=0
  idle=$(echo "100 * ($total - $b) / $total" | bc -l)
  printf 'CPU: JVM %.1f s, PostgreSQL %.1f s, other processes %.1f s, idle %.0f%% of %d cores\n' \
    "$(echo "$j / $CLK_TCK" | bc -l)" "$(echo "$p / $CLK_TCK" | bc -l)" "$(echo "$other / $CLK_TCK" | bc -l)" "$idle" "$NCPU"
  CPU_OTHER=$(echo "100 * $other / $total" | bc -l)
}

# import FILE -> report in $TMP/report.json, seconds in $SECONDS_TAKEN
import() {
  local out
  out=$(curl -sS --max-time 600 -o "$TMP/report.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$1" "$BASE/api/v1/imports/claims")
  [[ "${out%% *}" == 200 ]] || die "import of $1: HTTP ${out%% *} $(head -c 400 "$TMP/report.json")"
  SECONDS_TAKEN=${out#* }
}
report() { jq -r '"received \(.received), created \(.created), existing \(.existing), failed \(.failed), errors listed \(.errors | length)"' "$TMP/report.json"; }

if [[ "$WARMUP" -gt 0 ]]; then
  step "warm-up import of $WARMUP lines (JIT; other external ids, not counted)"
  import "$TMP/warmup.ndjson"
  printf 'warm-up: %.1f s = %.0f claims/s; %s\n' "$SECONDS_TAKEN" "$(echo "$(jq .created "$TMP/report.json") / $SECONDS_TAKEN" | bc -l)" "$(report)"
fi

wait_quiet() { # wait (at most $1 s) until the machine is >= 85% idle over 5 s
  local limit=$1 start b0 b1 busy
  start=$(date +%s)
  while :; do
    b0=$(machine_busy); sleep 5; b1=$(machine_busy)
    busy=$(echo "100 * ($b1 - $b0) / (5 * $NCPU * $CLK_TCK)" | bc -l)
    if [[ "$(echo "$busy <= 15" | bc -l)" == 1 ]]; then printf 'machine %.0f%% busy: measuring\n' "$busy"; return; fi
    if (( $(date +%s) - start >= limit )); then printf 'machine still %.0f%% busy after %d s: measuring anyway\n' "$busy" "$limit"; return; fi
  done
}
[[ "$WAIT_QUIET" -gt 0 ]] && wait_quiet "$WAIT_QUIET"

step "import $LINES lines"
cpu_start
import "$TMP/import.ndjson"
cpu_report
T_IMPORT=$SECONDS_TAKEN
CREATED=$(jq .created "$TMP/report.json"); FAILED=$(jq .failed "$TMP/report.json")
RATE=$(echo "$CREATED / $T_IMPORT" | bc -l)
printf 'import: %.1f s = %.0f claims/s (%.0f lines/s); %s\n' "$T_IMPORT" "$RATE" "$(echo "$LINES / $T_IMPORT" | bc -l)" "$(report)"
grep -a 'Import by' "$TMP/app.log" | tail -n 1 | sed 's/.*Import by/service log: import by/'
[[ "$CREATED" -eq $(( LINES - BAD )) && "$FAILED" -eq "$BAD" ]] || die "expected $(( LINES - BAD )) created and $BAD failed"
EVENTS=$(psql -Atq -d "$DB" -c "SELECT count(*) FROM audit_event e JOIN claim c ON c.id = e.claim_id
  WHERE c.imported_by = '$IMPORTER' AND c.external_id LIKE 'bench-%' AND e.type = 'CLAIM_SUBMITTED'")
[[ "$EVENTS" -eq "$CREATED" ]] || die "$EVENTS CLAIM_SUBMITTED events for $CREATED claims"
echo "database: $CREATED claims, $EVENTS CLAIM_SUBMITTED events"

step "repeat of the same file (every good line reported existing)"
import "$TMP/import.ndjson"
T_REPEAT=$SECONDS_TAKEN
printf 'repeat: %.1f s = %.0f lines/s; %s\n' "$T_REPEAT" "$(echo "$LINES / $T_REPEAT" | bc -l)" "$(report)"
[[ "$(jq .created "$TMP/report.json")" -eq 0 ]] || die "the repeat created claims"

step "ceiling: PostgreSQL inserting the same rows (one INSERT ... SELECT each into copies with the same indexes)"
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL >/dev/null
CREATE TABLE ceiling_claim (LIKE claim INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING INDEXES);
CREATE TABLE ceiling_event (LIKE audit_event INCLUDING DEFAULTS INCLUDING INDEXES);
ALTER INDEX IF EXISTS ceiling_claim_match_terms_idx SET (fastupdate = off);
SQL
# the match-terms index of the copy has its own name; give every GIN index of the copy fastupdate = off like the original
psql -Atq -d "$DB" -c "SELECT format('ALTER INDEX %I SET (fastupdate = off);', indexname) FROM pg_indexes
  WHERE tablename = 'ceiling_claim' AND indexdef LIKE '%match_terms%'" | psql -q -d "$DB" >/dev/null
t0=$(date +%s.%N)
psql -q -v ON_ERROR_STOP=1 -d "$DB" <<SQL >/dev/null
BEGIN;
INSERT INTO ceiling_claim (id, statement, claimant, source_url, claimed_at, language, tags, priority, status, submitted_by,
                           created_at, updated_at, updated_by, version, external_id, imported_by)
  OVERRIDING SYSTEM VALUE
  SELECT id, statement, claimant, source_url, claimed_at, language, tags, priority, status, submitted_by, created_at,
         updated_at, updated_by, version, external_id, imported_by FROM claim WHERE external_id LIKE 'bench-%';
INSERT INTO ceiling_event SELECT e.* FROM audit_event e JOIN claim c ON c.id = e.claim_id WHERE c.external_id LIKE 'bench-%';
COMMIT;
SQL
t1=$(date +%s.%N)
T_CEIL=$(echo "$t1 - $t0" | bc -l)
CEIL=$(echo "$CREATED / $T_CEIL" | bc -l)
printf 'ceiling: %.1f s = %.0f claims/s\n' "$T_CEIL" "$CEIL"
psql -q -d "$DB" -c "DROP TABLE ceiling_claim, ceiling_event" >/dev/null

echo
echo "== summary =="
printf '%-4s import of %d NDJSON lines: %.0f claims/s (%d created, %d failed, %.1f s; target >= %d claims/s)\n' \
  "$([[ "$(echo "$RATE >= $TARGET" | bc -l)" == 1 ]] && echo PASS || echo FAIL)" "$LINES" "$RATE" "$CREATED" "$FAILED" \
  "$T_IMPORT" "$TARGET"
printf '     ceiling (PostgreSQL alone, same rows and indexes): %.0f claims/s; import / ceiling = %.2f\n' "$CEIL" \
  "$(echo "$RATE / $CEIL" | bc -l)"
printf '     repeat of the same file (all existing): %.0f lines/s\n' "$(echo "$LINES / $T_REPEAT" | bc -l)"
[[ "$(echo "$CPU_OTHER > 5" | bc -l)" == 1 ]] && printf '     other processes used %.0f%% of the machine during the import: the figure is depressed\n' "$CPU_OTHER"
exit 0
