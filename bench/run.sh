#!/usr/bin/env bash
# Factdesk benchmark: bulk-loads claims into PostgreSQL, starts the packaged jar against them, measures
# the API with wrk (API-key auth) and PostgreSQL itself with pgbench -S, evidence upload/download, and
# prints the figures with PASS/MISS per target. See bench/README.md. Not run in CI.
#
#   bench/run.sh [--claims N] [--duration 15s] [--db-url postgresql://user@host:port/db] [--skip-load]
#                [--port 8089] [--connections 32] [--threads 2] [--warmup 30s] [--jvm-opts "..."] [--jar path]
#                [--wait-quiet SECONDS]  (wait up to that long for other work on the machine to stop)
#                [--scenarios "get login-flood"]  (only these wrk scenarios; no pgbench or evidence steps then)
#   scenarios: get list page500 search search4 post login-flood (all by default)
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"

CLAIMS=100000
DURATION=15s
WARMUP=30s
DB_URL="postgresql://postgres@127.0.0.1:5432/factdesk_bench"
SKIP_LOAD=0
PORT=8089
CONNS=32
THREADS=2
JVM_OPTS="-Xms256m -Xmx512m"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
ADMIN_PASSWORD="${FACTDESK_BENCH_ADMIN_PASSWORD:-bench-admin-Pa55word-2026}"
LOAD_JOBS="$(nproc)"
WAIT_QUIET=0
ALL_SCENARIOS="get list page500 search search4 similar similar4 post-plain post-idem post login-flood"
ONLY=""
FLOOD_SOURCE=127.0.0.2

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while (($#)); do
  case "$1" in
    --claims) CLAIMS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --db-url) DB_URL="$2"; shift 2 ;;
    --skip-load) SKIP_LOAD=1; shift ;;
    --port) PORT="$2"; shift 2 ;;
    --connections) CONNS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --jvm-opts) JVM_OPTS="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --wait-quiet) WAIT_QUIET="$2"; shift 2 ;;
    --scenarios) ONLY="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage 2 ;;
  esac
done
[[ "$CLAIMS" =~ ^[0-9]+$ && "$CLAIMS" -ge 1000 ]] || { echo "--claims must be a number >= 1000" >&2; exit 2; }
for s in $ONLY; do [[ " $ALL_SCENARIOS " == *" $s "* ]] || { echo "unknown scenario $s; known: $ALL_SCENARIOS" >&2; exit 2; }; done
read -ra SCENARIOS <<<"${ONLY:-$ALL_SCENARIOS}"
EXTRAS=$([[ -z "$ONLY" ]] && echo 1 || echo 0)  # evidence steps: full runs only
wants() { [[ " ${SCENARIOS[*]} " == *" $1 "* ]]; }

seconds_of() { # 15s | 2m | 30 -> seconds
  case "$1" in
    *ms) echo 1 ;; *s) echo "${1%s}" ;; *m) echo $(( ${1%m} * 60 )) ;; *h) echo $(( ${1%h} * 3600 )) ;; *) echo "$1" ;;
  esac
}
DUR_S=$(seconds_of "$DURATION")
[[ "$DUR_S" =~ ^[0-9]+$ && "$DUR_S" -ge 1 && "$DUR_S" -le 600 ]] || { echo "--duration must be 1s..10m" >&2; exit 2; }

# --- database URL: postgresql://[user[:password]@]host[:port]/db, with or without a jdbc: prefix
re='^(jdbc:)?postgres(ql)?://(([^:@/]+)(:([^@/]*))?@)?([^:/?]+)(:([0-9]+))?/([^?]+)'
[[ "$DB_URL" =~ $re ]] || { echo "cannot parse --db-url $DB_URL" >&2; exit 2; }
export PGUSER="${BASH_REMATCH[4]:-postgres}"
DB_PASSWORD="${BASH_REMATCH[6]:-${PGPASSWORD:-postgres}}"
export PGHOST="${BASH_REMATCH[7]}"
export PGPORT="${BASH_REMATCH[9]:-5432}"
DB="${BASH_REMATCH[10]}"
JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
[[ -n "${BASH_REMATCH[6]}" ]] && export PGPASSWORD="$DB_PASSWORD"
PGBENCH_DB="${DB}_pgbench"

START_TS=$(date +%s)
step() { printf '\n==== [%4ss] %s\n' "$(( $(date +%s) - START_TS ))" "$*"; }
die() { echo "bench: $*" >&2; exit 1; }

TMP="$(mktemp -d /tmp/factdesk-bench.XXXXXX)"
APP_PID=""
KEY_ID=""
SAMPLER_PID=""
cleanup() {
  local rc=$?
  set +e
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null
  if [[ -n "$KEY_ID" && -n "$APP_PID" ]]; then
    curl -s -o /dev/null --max-time 5 -X DELETE -b "$TMP/cookies" "$BASE/api/v1/api-keys/$KEY_ID"
    [[ -n "${CONTRIB_KEY_ID:-}" ]] && curl -s -o /dev/null --max-time 5 -X DELETE -b "$TMP/cookies" "$BASE/api/v1/api-keys/$CONTRIB_KEY_ID"
  fi
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID"
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID"
    wait "$APP_PID" 2>/dev/null
  fi
  dropdb --if-exists --force "$PGBENCH_DB" 2>/dev/null
  if [[ $rc -ne 0 && -s "$TMP/app.log" ]]; then echo "--- last 40 lines of the service log"; tail -n 40 "$TMP/app.log"; fi
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------
step "tools"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
command -v bc >/dev/null || need+=(bc)
command -v psql >/dev/null || need+=(postgresql-client)
command -v python3 >/dev/null || need+=(python3)
command -v pgbench >/dev/null || need+=(postgresql-client)
if ((${#need[@]})); then
  echo "installing ${need[*]} (apt-get)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "${need[@]}" >/dev/null
fi
[[ -f "$JAR" ]] || die "no packaged jar at $JAR; build it: ./mvnw -B -q package -DskipTests -DskipFrontend -DskipE2e"
pg_isready -q || die "PostgreSQL at $PGHOST:$PGPORT is not accepting connections"
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is in use; pass --port"
echo "wrk $(wrk -v 2>&1 | head -n 1 | awk '{print $2}'), $(psql -Atc 'select version()' postgres | cut -d, -f1), $(java -version 2>&1 | head -n 1)"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/{print $2}') GiB RAM, $(uname -srm)"
echo "database $DB on $PGHOST:$PGPORT as $PGUSER; $CLAIMS claims; duration $DURATION; $CONNS connections, $THREADS threads"

# ------------------------------------------------------------------------------------------------
BASE="http://127.0.0.1:$PORT"
if [[ $SKIP_LOAD -eq 0 ]]; then
  step "fresh database $DB"
  dropdb --if-exists --force "$DB"
  createdb "$DB"
else
  psql -Atqc 'select 1' "$DB" >/dev/null 2>&1 || die "--skip-load but database $DB does not exist"
fi

step "start the service (prod mode, port $PORT, JVM options: $JVM_OPTS)"
(
  cd "$TMP"
  export QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1
  export QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD"
  export FACTDESK_ADMIN_PASSWORD="$ADMIN_PASSWORD"
  # production requires the transparency log's signing key (bench/transparency.sh measures the log itself)
  [[ -f "$TMP/tlog-key.pem" ]] || openssl genpkey -algorithm ed25519 -out "$TMP/tlog-key.pem"
  export FACTDESK_TRANSPARENCY_KEY_FILE="$TMP/tlog-key.pem"
  export FACTDESK_PUBLISHING_BASE_URL="http://127.0.0.1:$PORT"
  # shellcheck disable=SC2086
  exec java $JVM_OPTS -jar "$JAR" </dev/null >"$TMP/app.log" 2>&1
) &
APP_PID=$!
for i in $(seq 1 120); do
  kill -0 "$APP_PID" 2>/dev/null || die "the service exited during startup"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/q/health/ready" || true)" == 200 ]] && break
  [[ $i -eq 120 ]] && die "service not ready after 120 s"
  sleep 1
done
echo "ready (pid $APP_PID) after $(( $(date +%s) - START_TS ))s"

# api METHOD PATH [curl args] -> body in $TMP/body, headers in $TMP/headers, status in $STATUS
api() {
  local m=$1 p=$2; shift 2
  STATUS=$(curl -sS --max-time 60 -X "$m" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$BASE$p")
}
hdr() { grep -i "^$1:" "$TMP/headers" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

step "sign in as admin, create bench users and an EDITOR API key"
api POST /api/v1/auth/login -c "$TMP/cookies" --data-urlencode username=admin --data-urlencode "password=$ADMIN_PASSWORD"
[[ "$STATUS" == 200 ]] || die "admin login failed ($STATUS): the database must have been created by this script (admin password from FACTDESK_BENCH_ADMIN_PASSWORD)"
CHECKERS=(bench-fc1 bench-fc2 bench-fc3 bench-fc4)
for u in "${CHECKERS[@]}"; do
  api POST /api/v1/users -b "$TMP/cookies" -H 'Content-Type: application/json' \
    --data "{\"username\":\"$u\",\"displayName\":\"Bench checker $u\",\"password\":\"$ADMIN_PASSWORD-$u\",\"roles\":[\"FACT_CHECKER\"]}"
  [[ "$STATUS" == 201 || "$STATUS" == 409 ]] || die "creating user $u: HTTP $STATUS $(head -c 300 "$TMP/body")"
done
api POST /api/v1/api-keys -b "$TMP/cookies" -H 'Content-Type: application/json' --data "{\"name\":\"bench-$(date +%s)\",\"role\":\"EDITOR\"}"
[[ "$STATUS" == 201 ]] || die "creating the API key: HTTP $STATUS $(head -c 300 "$TMP/body")"
TOKEN=$(jq -r .token "$TMP/body"); KEY_ID=$(jq -r .id "$TMP/body")
# a contributor's POST answers without similar claims (they may not see other people's): the submission alone
api POST /api/v1/api-keys -b "$TMP/cookies" -H 'Content-Type: application/json' --data "{\"name\":\"bench-contrib-$(date +%s)\",\"role\":\"CONTRIBUTOR\"}"
[[ "$STATUS" == 201 ]] || die "creating the contributor API key: HTTP $STATUS $(head -c 300 "$TMP/body")"
CONTRIB_TOKEN=$(jq -r .token "$TMP/body"); CONTRIB_KEY_ID=$(jq -r .id "$TMP/body")
AUTH=(-H "Authorization: Bearer $TOKEN")

# ------------------------------------------------------------------------------------------------
LOAD_S=""
if [[ $SKIP_LOAD -eq 0 ]]; then
  step "bulk-load $CLAIMS claims ($LOAD_JOBS parallel INSERT ... SELECT generate_series, indexes rebuilt after)"
  t0=$(date +%s.%N)
  psql -Atqc "select indexdef || ';' from pg_indexes i where schemaname = 'public' and tablename = 'claim'
                and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)" \
    "$DB" > "$TMP/indexes.sql"
  psql -Atqc "select format('DROP INDEX %I.%I;', schemaname, indexname) from pg_indexes i where schemaname = 'public' and tablename = 'claim'
                and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)" \
    "$DB" | psql -q -v ON_ERROR_STOP=1 "$DB"
  checkers="{$(IFS=,; echo "${CHECKERS[*]}")}"
  submitters="{admin,bench-contrib1,bench-contrib2,bench-contrib3,bench-contrib4,bench-contrib5,newsroom-api,tipline-api}"
  pids=()
  per=$(( (CLAIMS + LOAD_JOBS - 1) / LOAD_JOBS ))
  for ((j = 0; j < LOAD_JOBS; j++)); do
    from=$(( j * per + 1 )); to=$(( (j + 1) * per )); (( to > CLAIMS )) && to=$CLAIMS
    (( from > to )) && continue
    psql -q -v ON_ERROR_STOP=1 -v from="$from" -v to="$to" -v total="$CLAIMS" -v seed="0.$((j + 1))" \
      -v checkers="$checkers" -v submitters="$submitters" -f "$BENCH_DIR/load-claims.sql" "$DB" >"$TMP/load-$j.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { cat "$TMP"/load-*.log; die "bulk load failed"; }; done
  t1=$(date +%s.%N)
  # rebuild: the full-text GIN index in one session, the others in a second one
  { echo "SET maintenance_work_mem = '512MB';"; grep -i 'using gin (search)' "$TMP/indexes.sql" || true; } > "$TMP/idx-a.sql"
  { echo "SET maintenance_work_mem = '256MB';"; grep -vi 'using gin (search)' "$TMP/indexes.sql" || true; } > "$TMP/idx-b.sql"
  psql -q -v ON_ERROR_STOP=1 -f "$TMP/idx-a.sql" "$DB" & pa=$!
  psql -q -v ON_ERROR_STOP=1 -f "$TMP/idx-b.sql" "$DB" & pb=$!
  wait "$pa" || die "index rebuild failed"; wait "$pb" || die "index rebuild failed"
  t2=$(date +%s.%N)
  psql -q -c "VACUUM (ANALYZE) claim" "$DB"
  t3=$(date +%s.%N)
  LOAD_S=$(echo "$t3 - $t0" | bc -l | xargs printf '%.1f')
  printf 'loaded %s claims in %s s (insert %.1f s, indexes %.1f s, vacuum/analyze %.1f s) = %.0f claims/s\n' \
    "$CLAIMS" "$LOAD_S" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t2 - $t1" | bc -l)" "$(echo "$t3 - $t2" | bc -l)" \
    "$(echo "$CLAIMS / ($t3 - $t0)" | bc -l)"
else
  psql -q -c "ANALYZE claim" "$DB"
fi
read -r MIN_ID MAX_ID TOTAL_CLAIMS < <(psql -AtF' ' -c "select min(id), max(id), count(*) from claim" "$DB")
echo "claims in the table: $TOTAL_CLAIMS (ids $MIN_ID..$MAX_ID); bulk-loaded rows have no audit events"
psql -Atc "select pg_size_pretty(pg_total_relation_size('claim'))" "$DB" | sed 's/^/claim table with indexes: /'

# ------------------------------------------------------------------------------------------------
PAGE500_PATH=""
if wants page500; then
step "walk the cursor to page 500"
api GET /api/v1/claims "${AUTH[@]}"
[[ "$STATUS" == 200 ]] || die "GET /api/v1/claims: HTTP $STATUS $(head -c 300 "$TMP/body")"
PAGE_SIZE=$(jq '.items | length' "$TMP/body")
CURSOR=""
deadline=$(( $(date +%s) + 300 ))
for ((page = 2; page <= 500; page++)); do
  c=$(jq -r '.nextCursor // empty' "$TMP/body")
  [[ -n "$c" ]] || die "no nextCursor on page $((page - 1))"
  CURSOR=$(jq -rn --arg c "$c" '$c | @uri')
  api GET "/api/v1/claims?cursor=$CURSOR" "${AUTH[@]}"
  [[ "$STATUS" == 200 ]] || die "page $page: HTTP $STATUS"
  (( $(date +%s) < deadline )) || die "walking 500 pages took over 300 s"
done
PAGE500_PATH="/api/v1/claims?cursor=$CURSOR"
echo "page size $PAGE_SIZE; page 500 starts at claim $(jq '.items[0].id' "$TMP/body")"
fi

SEARCHES=(unemployment 'house prices' Springfield 'vaccination rates' wildfires 'carbon emissions Europe'
  '"minimum wage"' 'teachers -union' 'Senator Lopez' 'opioid overdoses' potholes 'Zephyr Hills'
  'budget deficit' 'knife crime' measles nurses 'flood damage' 'tuition fees students' heatwave 'cyber attacks')
QUERIES=""
for q in "${SEARCHES[@]}"; do QUERIES+="$(jq -rn --arg q "$q" '$q | @uri')|"; done

# ------------------------------------------------------------------------------------------------
MAX_RSS_KB=0
sample_rss() { # background: highest RSS of the JVM while the current load runs
  local max=0 v
  while kill -0 "$APP_PID" 2>/dev/null; do
    v=$(ps -o rss= -p "$APP_PID" 2>/dev/null | tr -d ' ') || true
    [[ -n "$v" ]] && (( v > max )) && { max=$v; echo "$max" > "$TMP/rss"; }
    sleep 0.5
  done
}
declare -A R
CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)
machine_busy() { # busy CPU ticks of the whole machine (user+nice+system+irq+softirq+steal)
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat
}
proc_cpu() { # utime+stime ticks of the given pids
  local sum=0 p f a
  for p in "$@"; do
    f=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    read -ra a <<<"${f##*) }"
    sum=$(( sum + a[11] + a[12] ))
  done
  echo "$sum"
}
pg_cpu() { # all PostgreSQL processes, plus the CPU of exited backends (the postmaster's cutime+cstime)
  local pids pm f a
  mapfile -t pids < <(pgrep -x postgres || true)
  pm=$(pgrep -o -x postgres || true)
  a=(0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
  if [[ -n "$pm" ]] && f=$(cat "/proc/$pm/stat" 2>/dev/null); then read -ra a <<<"${f##*) }"; fi
  echo $(( $(proc_cpu "${pids[@]}") + a[13] + a[14] ))
}
wait_quiet() { # wait (at most $1 s) until the machine is >= 85% idle over 5 s; report what was seen
  local limit=$1 start b0 b1 busy
  start=$(date +%s)
  while :; do
    b0=$(machine_busy); sleep 5; b1=$(machine_busy)
    busy=$(( 100 * (b1 - b0) / (5 * NCPU * CLK_TCK) ))
    if (( busy <= 15 )); then echo "machine is quiet: ${busy}% busy before the run"; return 0; fi
    if (( $(date +%s) - start >= limit )); then
      echo "WARNING: the machine is ${busy}% busy with other work before the run; figures will be low"; return 0
    fi
  done
}
run_wrk() { # name mode duration [env...]
  local name=$1 mode=$2 dur=$3; shift 3
  echo 0 > "$TMP/rss"
  sample_rss & SAMPLER_PID=$!
  local b0 j0 p0 t0 b1 j1 p1 t1
  b0=$(machine_busy); j0=$(proc_cpu "$APP_PID"); p0=$(pg_cpu); t0=$(date +%s.%N)
  local TIMEFORMAT='%U %S'
  { time ( env BENCH_MODE="$mode" BENCH_TOKEN="$TOKEN" BENCH_MIN_ID="$MIN_ID" BENCH_MAX_ID="$MAX_ID" "$@" \
      timeout $(( $(seconds_of "$dur") + 60 )) wrk -t "$THREADS" -c "${RUN_CONNS:-$CONNS}" -d "$dur" --timeout 10s --latency \
      -s "$BENCH_DIR/wrk.lua" "$BASE/" > "$TMP/wrk-$name.txt" 2>&1 || true ) ; } 2> "$TMP/wrk-time-$name"
  b1=$(machine_busy); j1=$(proc_cpu "$APP_PID"); p1=$(pg_cpu); t1=$(date +%s.%N)
  kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  local rss; rss=$(cat "$TMP/rss"); (( rss > MAX_RSS_KB )) && MAX_RSS_KB=$rss
  local line; line=$(grep '^BENCH_RESULT' "$TMP/wrk-$name.txt" || true)
  [[ -n "$line" ]] || { cat "$TMP/wrk-$name.txt"; die "wrk run $name produced no result"; }
  # CPU shares in % of the whole machine during the run; "other" is everything that is not the JVM,
  # PostgreSQL or wrk (other people's builds, say): if it is high, the figures are not meaningful.
  local cap wrk_s reqs
  cap=$(echo "($t1 - $t0) * $NCPU * $CLK_TCK" | bc -l)
  wrk_s=$(awk '{print $1 + $2}' "$TMP/wrk-time-$name")
  reqs=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  (( reqs > 0 )) || reqs=1
  R[$name]="$line rss_kb=$rss $(awk -v j=$(( j1 - j0 )) -v p=$(( p1 - p0 )) -v w="$wrk_s" -v b=$(( b1 - b0 )) -v c="$cap" -v r="$reqs" -v t="$CLK_TCK" 'BEGIN {
      w = w * t; o = b - j - p - w; if (o < 0) o = 0
      printf "cpu_jvm=%.0f cpu_pg=%.0f cpu_wrk=%.0f cpu_other=%.0f cpu_idle=%.0f jvm_ms_per_req=%.3f pg_ms_per_req=%.3f",
        100 * j / c, 100 * p / c, 100 * w / c, 100 * o / c, 100 * (c - b) / c, 1000 * j / t / r, 1000 * p / t / r }')"
}
field() { sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" <<<"${R[$1]}"; }

step "machine load"
wait_quiet "$WAIT_QUIET"

declare -A LABEL=([get]="GET one claim" [list]="list, first page" [page500]="list, page 500" [search]="search q"
  [search4]="search q, 4 conns" [similar]="similar claims" [similar4]="similar, 4 conns"
  [post-plain]="POST, no matching" [post-idem]="POST, Idempotency-Key" [post]="POST a claim" [login-flood-base]="GET, no flood" [login-flood]="GET, login flood")
FLOOD_LINE=""
# login-flood: GET one claim (API key) while another client floods POST /auth/login with wrong passwords from
# $FLOOD_SOURCE, for a real account and invented usernames. The flood's address spends its sign-in budget within
# a second and gets 429s without a password check from then on; the ratio of the GETs' p95 to a run without the
# flood just before (same duration) is the figure (target <= 2x).
run_login_flood() { # duration
  run_wrk login-flood-base get "$1"
  python3 "$BENCH_DIR/login-flood.py" --host 127.0.0.1 --port "$PORT" --source "$FLOOD_SOURCE" \
    --seconds $(( $(seconds_of "$1") + 3 )) --threads 4 --user admin > "$TMP/flood.txt" 2>&1 &
  local flood_pid=$!
  sleep 2
  run_wrk login-flood get "$1"
  wait "$flood_pid" || true
  FLOOD_LINE=$(grep '^FLOOD_RESULT' "$TMP/flood.txt" || echo "FLOOD_RESULT none: $(head -c 300 "$TMP/flood.txt")")
}
run_scenario() { # name duration
  case $1 in
    get) run_wrk "$1" get "$2" ;;
    list) run_wrk "$1" list "$2" BENCH_PATH=/api/v1/claims ;;
    page500) run_wrk "$1" page "$2" BENCH_PATH="$PAGE500_PATH" ;;
    search) run_wrk "$1" search "$2" BENCH_QUERIES="$QUERIES" ;;
    search4) RUN_CONNS=4 run_wrk "$1" search "$2" BENCH_QUERIES="$QUERIES" ;;
    similar) run_wrk "$1" similar "$2" ;;
    similar4) RUN_CONNS=4 run_wrk "$1" similar "$2" ;;
    post-plain) run_wrk "$1" post "$2" BENCH_TOKEN="$CONTRIB_TOKEN" ;;
    post-idem) run_wrk "$1" post "$2" BENCH_TOKEN="$CONTRIB_TOKEN" BENCH_IDEMPOTENCY=1 ;;
    post) run_wrk "$1" post "$2" ;;
    login-flood) run_login_flood "$2" ;;
  esac
}
# The JIT needs minutes of traffic on two cores before the code is compiled: every read scenario runs once
# for the warm-up time first, then each scenario is warmed up again right before it is measured. POST comes
# last (and only then warms up), so the claims it adds are not there while the reads run.
step "JIT warm-up: each read scenario for $WARMUP, nothing measured"
for s in get list page500 search similar; do wants "$s" && run_scenario "$s" "$WARMUP"; done
wants get || ! wants login-flood || run_scenario get "$WARMUP"
for s in "${SCENARIOS[@]}"; do
  step "wrk: ${LABEL[$s]} ($WARMUP warm-up, then $DURATION measured; $([[ $s == *4 ]] && echo 4 || echo "$CONNS") connections, $THREADS threads)"
  run_scenario "$s" "$WARMUP"
  R[warm-$s]=${R[$s]}
  (( WAIT_QUIET > 0 )) && wait_quiet $(( WAIT_QUIET / 5 )) | sed 's/^/  /'  # other work may have started meanwhile
  run_scenario "$s" "$DURATION"
  sed -n '/Latency Distribution/,/requests in/p' "$TMP/wrk-$s.txt" | sed 's/^/  /'
  grep -E 'Non-2xx|Socket errors|BENCH_FIRST_ERROR' "$TMP/wrk-$s.txt" | sed 's/^/  /' || true
  [[ $s == login-flood ]] && echo "  without the flood: ${R[login-flood-base]}" && echo "  flood: $FLOOD_LINE"
  echo "  warm-up: $(sed -n 's/.*\(rps=[^ ]*\).*/\1/p' <<<"${R[warm-$s]}")"
  echo "  ${R[$s]}"
done

# ------------------------------------------------------------------------------------------------
PGB_TPS=""; PGB_LAT=""; PGB_CPU="not run"; UP_MIBS=""; DOWN_MIBS=""; HEAP_NOTE="not measured"
# the ceiling runs with every selection of scenarios: ratios to it are only meaningful within one run
step "pgbench -S (select-only, -c $CONNS -j $THREADS -T $DUR_S) on the same PostgreSQL"
dropdb --if-exists --force "$PGBENCH_DB"; createdb "$PGBENCH_DB"
pgbench -i -q -s 10 "$PGBENCH_DB" >/dev/null 2>&1
b0=$(machine_busy); p0=$(pg_cpu); t0=$(date +%s.%N)
TIMEFORMAT='%U %S'
{ time ( timeout $(( DUR_S + 60 )) pgbench -S -n -c "$CONNS" -j "$THREADS" -T "$DUR_S" "$PGBENCH_DB" > "$TMP/pgbench.txt" 2>&1 || true ) ; } 2> "$TMP/pgbench-time"
sleep 1  # let the postmaster reap the pgbench backends, so their CPU shows in its cutime
b1=$(machine_busy); p1=$(pg_cpu); t1=$(date +%s.%N)
PGB_CPU=$(awk -v p=$(( p1 - p0 )) -v b=$(( b1 - b0 )) -v c="$(echo "($t1 - $t0) * $NCPU * $CLK_TCK" | bc -l)" -v t="$CLK_TCK" \
  '{ w = ($1 + $2) * t; o = b - p - w; if (o < 0) o = 0; printf "PostgreSQL %.0f%%, pgbench client %.0f%%, other %.0f%% of the machine", 100 * p / c, 100 * w / c, 100 * o / c }' "$TMP/pgbench-time")
PGB_TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$TMP/pgbench.txt")
[[ -n "$PGB_TPS" ]] || PGB_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$TMP/pgbench.txt" | tail -n 1)
PGB_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$TMP/pgbench.txt")
grep -E '^(tps|latency average|number of failed)' "$TMP/pgbench.txt" | sed 's/^/  /'
echo "  CPU: $PGB_CPU"
dropdb --if-exists --force "$PGBENCH_DB"

if [[ $EXTRAS -eq 1 ]]; then

# ------------------------------------------------------------------------------------------------
step "evidence: upload/download throughput (20 MiB) and heap during a 25 MiB upload"
UP_MIBS=""; DOWN_MIBS=""; HEAP_NOTE="not measured"
heap_used() { # bytes of heap in use, from the service's own Prometheus metrics
  curl -s --max-time 5 "$BASE/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s}'
}
api POST /api/v1/claims "${AUTH[@]}" -H 'Content-Type: application/json' \
  --data '{"statement":"Bench evidence claim: the river flooded twelve times in the last decade.","tags":["bench"]}'
if [[ "$STATUS" == 201 ]]; then
  EV_CLAIM=$(jq -r .id "$TMP/body"); ETAG=$(hdr etag)
  api POST "/api/v1/claims/$EV_CLAIM/transitions" "${AUTH[@]}" -H "If-Match: $ETAG" -H 'Content-Type: application/json' \
    --data '{"to":"RESEARCHING"}'
  [[ "$STATUS" == 200 ]] || echo "  moving claim $EV_CLAIM to RESEARCHING: HTTP $STATUS $(head -c 200 "$TMP/body")"
  # distinct text files (base64 of random bytes is detected as text/plain); first line makes each unique
  make_file() { # path size tag
    head -c $(( $2 * 3 / 4 + 4096 )) /dev/urandom | base64 -w 76 > "$1"
    truncate -s "$2" "$1"
    printf 'factdesk bench %s %s\n' "$3" "$(date +%s%N)" | dd of="$1" conv=notrunc status=none
  }
  ups=(); downs=(); EV_ID=""
  for i in 1 2 3; do
    make_file "$TMP/up-$i.txt" $(( 20 * 1024 * 1024 )) "$i"
    out=$(curl -sS --max-time 120 -o "$TMP/body" -w '%{http_code} %{time_total}' "${AUTH[@]}" \
      -F "file=@$TMP/up-$i.txt;type=text/plain;filename=bench-20MiB-$i.txt" -F stance=CONTEXT -F note=bench \
      "$BASE/api/v1/claims/$EV_CLAIM/evidence") || out="000 0"
    code=${out%% *}; secs=${out##* }
    if [[ "$code" != 201 && "$code" != 200 ]]; then echo "  upload $i: HTTP $code $(head -c 200 "$TMP/body")"; break; fi
    EV_ID=$(jq -r .id "$TMP/body")
    ups+=("$(echo "20 / $secs" | bc -l)")
    rm -f "$TMP/up-$i.txt"
  done
  if [[ -n "$EV_ID" ]]; then
    for i in 1 2 3; do
      out=$(curl -sS --max-time 120 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "${AUTH[@]}" \
        "$BASE/api/v1/evidence/$EV_ID/content") || out="000 0 0"
      read -r code secs size <<<"$out"
      [[ "$code" == 200 ]] || { echo "  download $i: HTTP $code"; break; }
      downs+=("$(echo "$size / 1048576 / $secs" | bc -l)")
    done
  fi
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR) printf "%.0f", a[int((NR+1)/2)]}'; }
  ((${#ups[@]})) && UP_MIBS=$(median "${ups[@]}") && echo "  upload 20 MiB: $(printf '%.0f ' "${ups[@]}")MiB/s -> median $UP_MIBS MiB/s"
  ((${#downs[@]})) && DOWN_MIBS=$(median "${downs[@]}") && echo "  download 20 MiB: $(printf '%.0f ' "${downs[@]}")MiB/s -> median $DOWN_MIBS MiB/s"

  if [[ -n "$EV_ID" ]]; then
    # 25 MiB less 1 KiB (inside the default 25 MiB limit), sent at 5 MiB/s so the upload lasts ~5 s
    SIZE25=$(( 25 * 1024 * 1024 - 1024 ))
    make_file "$TMP/up-25.txt" "$SIZE25" 25
    jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true; sleep 1
    H_BASE=$(heap_used)
    curl -sS --max-time 60 --limit-rate 5M -o "$TMP/body25" -w '%{http_code}' "${AUTH[@]}" \
      -F "file=@$TMP/up-25.txt;type=text/plain;filename=bench-25MiB.txt" -F stance=CONTEXT -F note=heap \
      "$BASE/api/v1/claims/$EV_CLAIM/evidence" > "$TMP/code25" 2>&1 & UP_PID=$!
    H_PEAK=$H_BASE; H_LIVE=""; t_start=$(date +%s.%N); deadline=$(( $(date +%s) + 70 ))
    while kill -0 "$UP_PID" 2>/dev/null && (( $(date +%s) < deadline )); do
      h=$(heap_used); [[ -n "$h" ]] && (( h > H_PEAK )) && H_PEAK=$h
      if [[ -z "$H_LIVE" ]] && (( $(echo "$(date +%s.%N) - $t_start > 2.5" | bc) )); then
        jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
        H_LIVE=$(heap_used)
      fi
      sleep 0.2
    done
    wait "$UP_PID" || true
    jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true; sleep 1
    H_AFTER=$(heap_used)
    mib() { echo "$1 / 1048576" | bc -l | xargs printf '%.1f'; }
    HEAP_NOTE="HTTP $(cat "$TMP/code25"); heap before $(mib "$H_BASE") MiB, live mid-upload (after a forced GC) $(mib "${H_LIVE:-0}") MiB, peak sampled (incl. garbage) $(mib "$H_PEAK") MiB, after $(mib "$H_AFTER") MiB"
    HEAP_GROWTH_MIB=$(mib $(( ${H_LIVE:-0} - H_BASE )))
    echo "  25 MiB upload: $HEAP_NOTE; live growth $HEAP_GROWTH_MIB MiB"
    rm -f "$TMP/up-25.txt"
  fi
else
  echo "  could not create a claim for evidence: HTTP $STATUS"
fi

fi  # EXTRAS

# ------------------------------------------------------------------------------------------------
step "summary"
printf 'Factdesk bench %s | %s claims | %s cores | wrk -c%s -t%s -d%s | JVM %s\n' "$(date -u +%FT%TZ)" \
  "$TOTAL_CLAIMS" "$(nproc)" "$CONNS" "$THREADS" "$DURATION" "$JVM_OPTS"
printf '%-18s %9s %8s %8s %8s %7s %10s %11s %10s %6s %6s %6s %6s\n' scenario 'req/s' 'p50 ms' 'p95 ms' 'p99 ms' \
  'non-2xx' 'vs pgbench' 'JVM ms/req' 'PG ms/req' 'JVM%' 'PG%' 'wrk%' 'other%'
ROWS=()
for s in "${SCENARIOS[@]}"; do [[ $s == login-flood ]] && ROWS+=(login-flood-base); ROWS+=("$s"); done
for s in "${ROWS[@]}"; do
  rps=$(field "$s" rps)
  printf '%-18s %9s %8s %8s %8s %7s %10s %11s %10s %6s %6s %6s %6s\n' "${LABEL[$s]}" "$rps" "$(field "$s" p50_ms)" \
    "$(field "$s" p95_ms)" "$(field "$s" p99_ms)" "$(field "$s" non2xx)" \
    "$( [[ -n "$PGB_TPS" ]] && echo "$rps / $PGB_TPS" | bc -l | xargs printf '%.3f' || echo n/a)" \
    "$(field "$s" jvm_ms_per_req)" "$(field "$s" pg_ms_per_req)" "$(field "$s" cpu_jvm)" "$(field "$s" cpu_pg)" \
    "$(field "$s" cpu_wrk)" "$(field "$s" cpu_other)"
done
printf '%-18s %9s   (latency average %s ms; CPU: %s)\n' 'pgbench -S' "${PGB_TPS:-n/a}" "${PGB_LAT:-?}" "$PGB_CPU"
echo "(JVM/PG ms/req: CPU time per request; JVM%/PG%/wrk%/other%: share of all $(nproc) cores during the run;"
echo " 'other' is CPU used by processes outside the benchmark: above a few percent the figures are depressed)"
if [[ -n "$LOAD_S" ]]; then echo "load time: $LOAD_S s for $CLAIMS claims"; else echo "load time: skipped (--skip-load)"; fi
echo "JVM RSS under load (max sampled): $(( MAX_RSS_KB / 1024 )) MB"
echo "evidence: upload ${UP_MIBS:-n/a} MiB/s, download ${DOWN_MIBS:-n/a} MiB/s (20 MiB file); 25 MiB upload: $HEAP_NOTE"

verdict() { if [[ "$1" == 1 ]]; then echo PASS; else echo MISS; fi; }
ge() { [[ -n "$1" ]] && (( $(echo "$1 >= $2" | bc -l) )) && echo 1 || echo 0; }
le() { [[ -n "$1" ]] && (( $(echo "$1 <= $2" | bc -l) )) && echo 1 || echo 0; }
echo
echo "targets:"
errs_ok() { [[ "$(field "$1" non2xx)" == 0 && "$(field "$1" timeouts)" == 0 ]] && echo 1 || echo 0; }
s_note=""; (( TOTAL_CLAIMS < 1000000 )) && s_note=" (indicative only: the target is for 1M claims, this run has $TOTAL_CLAIMS)"
if wants get; then
g_ok=$(( $(ge "$(field get rps)" 3000) & $(le "$(field get p99_ms)" 30) & $(errs_ok get) ))
printf '  %-4s GET one claim >= 3000 req/s, p99 <= 30 ms at %s connections: %s req/s, p99 %s ms\n' \
  "$(verdict $g_ok)" "$CONNS" "$(field get rps)" "$(field get p99_ms)"
fi
if wants post; then
p_ok=$(( $(ge "$(field post rps)" 800) & $(errs_ok post) ))
printf '  %-4s POST a claim >= 800 req/s: %s req/s\n' "$(verdict $p_ok)" "$(field post rps)"
fi
if wants search; then
s_ok=$(( $(le "$(field search p95_ms)" 100) & $(errs_ok search) ))
s_note=""; (( TOTAL_CLAIMS < 1000000 )) && s_note=" (indicative only: the target is for 1M claims, this run has $TOTAL_CLAIMS)"
printf '  %-4s search p95 <= 100 ms at %s connections: %s ms%s\n' "$(verdict $s_ok)" "$CONNS" "$(field search p95_ms)" "$s_note"
fi
wants search4 && printf '       (search with 4 connections, i.e. little queueing: p95 %s ms, %s req/s)\n' "$(field search4 p95_ms)" "$(field search4 rps)"
if wants similar4; then
m_ok=$(( $(le "$(field similar4 p95_ms)" 50) & $(errs_ok similar4) ))
printf '  %-4s similar-claims lookup p95 <= 50 ms at 4 connections: %s ms%s\n' "$(verdict $m_ok)" "$(field similar4 p95_ms)" "$s_note"
fi
wants similar && printf '       (similar-claims lookup at %s connections: p95 %s ms, %s req/s)\n' "$CONNS" "$(field similar p95_ms)" "$(field similar rps)"
if wants similar && [[ -n "$PGB_TPS" && -n "$PGB_LAT" ]]; then
  printf '       (against pgbench -S in this run: throughput %s (32 conns) and %s (4 conns) of its %s tps; p95 %s and %s times its %s ms average latency)\n' \
    "$(echo "$(field similar rps) / $PGB_TPS" | bc -l | xargs printf '%.3f')" "$(echo "$(field similar4 rps) / $PGB_TPS" | bc -l | xargs printf '%.3f')" "$PGB_TPS" \
    "$(echo "$(field similar p95_ms) / $PGB_LAT" | bc -l | xargs printf '%.1f')" "$(echo "$(field similar4 p95_ms) / $PGB_LAT" | bc -l | xargs printf '%.1f')" "$PGB_LAT"
fi
if wants post && wants post-plain; then
pr=$(echo "$(field post rps) / $(field post-plain rps)" | bc -l | xargs printf '%.3f')
printf '  %-4s POST with similar claims in the answer >= 0.90x POST without (contributor): %s / %s req/s = %s\n' \
  "$(verdict "$(ge "$pr" 0.90)")" "$(field post rps)" "$(field post-plain rps)" "$pr"
fi
if wants post-idem && wants post-plain; then
ir=$(echo "$(field post-idem rps) / $(field post-plain rps)" | bc -l | xargs printf '%.3f')
printf '  %-4s POST with an Idempotency-Key >= 0.85x POST without (contributor): %s / %s req/s = %s\n' \
  "$(verdict "$(ge "$ir" 0.85)")" "$(field post-idem rps)" "$(field post-plain rps)" "$ir"
fi
if wants page500 && wants list; then
r50=$(echo "$(field page500 p50_ms) / $(field list p50_ms)" | bc -l | xargs printf '%.2f')
r99=$(echo "$(field page500 p99_ms) / $(field list p99_ms)" | bc -l | xargs printf '%.2f')
printf '  %-4s page 500 <= 2x page 1 latency: p50 ratio %s, p99 ratio %s\n' "$(verdict "$(le "$r50" 2)")" "$r50" "$r99"
fi
if wants login-flood; then
f95=$(field login-flood p95_ms); b95=$(field login-flood-base p95_ms)
fr=$(echo "$f95 / $b95" | bc -l | xargs printf '%.2f')
f_ok=$(( $(le "$fr" 2) & $(errs_ok login-flood) & $(errs_ok login-flood-base) ))
printf '  %-4s p95 of GETs under a wrong-password flood from %s <= 2x without it: %s / %s ms = %sx\n' \
  "$(verdict $f_ok)" "$FLOOD_SOURCE" "$f95" "$b95" "$fr"
printf '       (%s)\n' "$FLOOD_LINE"
fi
if [[ -n "$LOAD_S" && $CLAIMS -ge 1000000 ]]; then
  printf '  %-4s load 1M claims <= 60 s: %s s for %s\n' "$(verdict "$(le "$(echo "$LOAD_S * 1000000 / $CLAIMS" | bc -l)" 60)")" "$LOAD_S" "$CLAIMS"
elif [[ -n "$LOAD_S" ]]; then
  printf '  %-4s load 1M claims <= 60 s: this run loaded %s claims in %s s (run --claims 1000000 for the target)\n' "n/a" "$CLAIMS" "$LOAD_S"
else
  printf '  %-4s load 1M claims <= 60 s: skipped (--skip-load)\n' "n/a"
fi
printf '  %-4s JVM RSS under load <= 600 MB: %s MB\n' "$(verdict "$(le $(( MAX_RSS_KB / 1024 )) 600)")" "$(( MAX_RSS_KB / 1024 ))"
if [[ -n "${HEAP_GROWTH_MIB:-}" ]]; then
  printf '  %-4s heap growth during a 25 MiB upload well under the file size (< 12.5 MiB live): %s MiB\n' \
    "$(verdict "$(le "$HEAP_GROWTH_MIB" 12.5)")" "$HEAP_GROWTH_MIB"
fi
echo
echo "total bench time $(( $(date +%s) - START_TS )) s"
