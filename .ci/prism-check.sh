#!/usr/bin/env bash
# Replays typical API calls through a Prism proxy in --errors mode: any response (success or problem) that
# does not match the served OpenAPI document makes Prism answer with a violation, and this script fails.
# Only requests that are valid by the spec are sent: Prism rejects invalid ones itself, before the service.
# Usage: .ci/prism-check.sh BASE_URL API_TOKEN PRISM_BIN
set -euo pipefail
BASE=$1 TOKEN=$2 PRISM=$3
WORK=$(mktemp -d /tmp/factdesk-prism.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
curl -sf "$BASE/q/openapi?format=json" -o "$WORK/openapi.json"
"$PRISM" proxy "$WORK/openapi.json" "$BASE" --errors -h 127.0.0.1 -p "$PORT" > "$WORK/prism.log" 2>&1 &
PRISM_PID=$!
cleanup() { kill "$PRISM_PID" 2>/dev/null || true; wait "$PRISM_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null && break; sleep 1; done
P="http://127.0.0.1:$PORT"
AUTH=(-H "Authorization: Bearer $TOKEN")
JSON=(-H 'Content-Type: application/json')
CHECKED=0
call() {
  local want=$1 what=$2; shift 2
  local status
  status=$(curl -sS --max-time 20 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@")
  if grep -qi '^sl-violations:' "$WORK/headers" || grep -q 'stoplight.io/prism' "$WORK/body"; then
    echo "  spec violation in $what:"; grep -i '^sl-violations:' "$WORK/headers" | cut -c1-1500
    head -c 1500 "$WORK/body"; echo; exit 1
  fi
  [[ "$status" == "$want" ]] || { echo "  $what: expected $want, got $status"; head -c 800 "$WORK/body"; echo; exit 1; }
  CHECKED=$((CHECKED + 1))
  echo "  ok  $what -> $status conforms"
}
call 201 "POST /api/v1/claims" "${AUTH[@]}" "${JSON[@]}" -X POST "$P/api/v1/claims" \
  --data '{"statement":"Prism check: the embassy revoked Internet access last year.","tags":["prism"],"claimedAt":"2019-04-05"}'
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/body")
call 200 "GET /api/v1/claims/$ID" "${AUTH[@]}" "$P/api/v1/claims/$ID"
call 200 "GET /api/v1/claims?limit=2" "${AUTH[@]}" "$P/api/v1/claims?limit=2"
call 200 "GET /api/v1/claims?q=embassy" "${AUTH[@]}" "$P/api/v1/claims?q=embassy"
call 200 "GET /api/v1/claims/counts" "${AUTH[@]}" "$P/api/v1/claims/counts"
call 404 "GET /api/v1/claims/99999999" "${AUTH[@]}" "$P/api/v1/claims/99999999"
# (a PATCH without If-Match is invalid by the contract, which marks it required: Prism refuses it before the
# service; OpenApiContractTest checks the service's 428 for each such write)
call 200 "PATCH /api/v1/claims/$ID with If-Match" "${AUTH[@]}" "${JSON[@]}" -H 'If-Match: "0"' -X PATCH \
  "$P/api/v1/claims/$ID" --data '{"claimant":"Prism"}'
call 412 "PATCH with a stale If-Match" "${AUTH[@]}" "${JSON[@]}" -H 'If-Match: "0"' -X PATCH \
  "$P/api/v1/claims/$ID" --data '{"claimant":"Stale"}'
call 409 "POST transitions to RATED (illegal)" "${AUTH[@]}" "${JSON[@]}" -H 'If-Match: "1"' -X POST \
  "$P/api/v1/claims/$ID/transitions" --data '{"to":"RATED"}'
call 200 "POST transitions to RESEARCHING" "${AUTH[@]}" "${JSON[@]}" -H 'If-Match: "1"' -X POST \
  "$P/api/v1/claims/$ID/transitions" --data '{"to":"RESEARCHING"}'
call 201 "POST link evidence" "${AUTH[@]}" "${JSON[@]}" -X POST "$P/api/v1/claims/$ID/evidence" \
  --data '{"url":"https://example.org/statement","title":"Ministry statement","stance":"REFUTES"}'
call 201 "POST comment" "${AUTH[@]}" "${JSON[@]}" -X POST "$P/api/v1/claims/$ID/comments" \
  --data '{"body":"Checked against the ministry statement."}'
call 200 "GET /api/v1/claims/$ID/history" "${AUTH[@]}" "$P/api/v1/claims/$ID/history"
call 200 "GET /api/v1/claims/$ID/history/verify" "${AUTH[@]}" "$P/api/v1/claims/$ID/history/verify"
call 200 "GET /api/v1/rating-scale" "${AUTH[@]}" "$P/api/v1/rating-scale"
call 200 "GET /api/v1/claims/$ID/evidence" "${AUTH[@]}" "$P/api/v1/claims/$ID/evidence"
call 200 "GET /api/v1/claims/$ID/comments" "${AUTH[@]}" "$P/api/v1/claims/$ID/comments"
call 200 "GET /api/public/claim-reviews" "$P/api/public/claim-reviews"
echo "prism: $CHECKED responses conform to the served OpenAPI document"
exit 0
