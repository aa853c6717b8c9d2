#!/usr/bin/env bash
# Checks a Factdesk instance restored from a backup (or any running one) over its API, as an outsider would:
#   - the system hash chain verifies                       GET /api/v1/audit/verify
#   - every claim's hash chain verifies                    GET /api/v1/claims/{id}/history/verify
#   - every evidence file's bytes match their SHA-256      GET /api/v1/evidence/{id}/verify
#     (so a database restored without its bucket, or with a stale or damaged bucket, fails here)
#
#   tools/backup-check.sh --url http://127.0.0.1:8080 [--token API_KEY]   (or FACTDESK_TOKEN; an AUDITOR key)
#
# Exit code 0 when every check passed, 1 when one failed (each failure is printed), 2 on bad usage or an
# unreachable service. To add a check (the transparency log's signed checkpoints, say), write a function
# check_<name> that prints one summary line, prints "FAIL ..." lines and returns non-zero on failure, and add
# <name> to CHECKS below.
set -uo pipefail

CHECKS=(system_chain claim_chains evidence_hashes)

URL=""
TOKEN="${FACTDESK_TOKEN:-}"
while (($#)); do
  case "$1" in
    --url) URL="${2%/}"; shift 2 ;;
    --token) TOKEN="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[[ -n "$URL" && -n "$TOKEN" ]] || { echo "usage: $0 --url URL --token API_KEY" >&2; exit 2; }
command -v curl >/dev/null && command -v jq >/dev/null || { echo "needs curl and jq" >&2; exit 2; }

BODY="$(mktemp)"
trap 'rm -f "$BODY"' EXIT

# get PATH -> body in $BODY; returns non-zero unless 200
get() {
  local status
  status=$(curl -sS --max-time 600 -o "$BODY" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL$1") || return 1
  [[ "$status" == 200 ]] || { echo "FAIL GET $1: HTTP $status $(head -c 300 "$BODY")"; return 1; }
}

# every claim id, following the cursor
claim_ids() {
  local cursor="" page
  while :; do
    get "/api/v1/claims?limit=100${cursor:+&cursor=$cursor}" || return 1
    jq -r '.items[].id' "$BODY"
    page=$(jq -r '.nextCursor // empty' "$BODY")
    [[ -n "$page" ]] || return 0
    cursor=$(jq -rn --arg c "$page" '$c | @uri')
  done
}

check_system_chain() {
  get /api/v1/audit/verify || return 1
  if jq -e '.valid' "$BODY" >/dev/null; then
    echo "system chain: $(jq -r '.events' "$BODY") events verify"
  else
    echo "FAIL system chain broken at seq $(jq -r '.firstBrokenSeq' "$BODY")"; return 1
  fi
}

check_claim_chains() {
  local ids id n=0 events=0 bad=0
  ids=$(claim_ids) || { echo "$ids"; return 1; }
  for id in $ids; do
    get "/api/v1/claims/$id/history/verify" || { bad=$((bad + 1)); continue; }
    n=$((n + 1)); events=$((events + $(jq -r '.events' "$BODY")))
    jq -e '.valid' "$BODY" >/dev/null || { echo "FAIL claim $id: chain broken at seq $(jq -r '.firstBrokenSeq' "$BODY")"; bad=$((bad + 1)); }
  done
  echo "claim chains: $n claims, $events events, $bad broken"
  ((bad == 0))
}

check_evidence_hashes() {
  local ids id files=0 bad=0 evidence
  ids=$(claim_ids) || { echo "$ids"; return 1; }
  for id in $ids; do
    get "/api/v1/claims/$id/evidence" || { bad=$((bad + 1)); continue; }
    evidence=$(jq -r '.items[] | select(.kind == "FILE") | .id' "$BODY")
    for e in $evidence; do
      files=$((files + 1))
      get "/api/v1/evidence/$e/verify" || { bad=$((bad + 1)); continue; }
      jq -e '.matches' "$BODY" >/dev/null || { echo "FAIL evidence $e (claim $id): stored bytes hash to $(jq -r '.sha256 // "nothing (missing)"' "$BODY")"; bad=$((bad + 1)); }
    done
  done
  echo "evidence files: $files checked, $bad not matching"
  ((bad == 0))
}

curl -s -o /dev/null --max-time 10 "$URL/q/health/ready" || { echo "no Factdesk at $URL" >&2; exit 2; }
failed=0
for c in "${CHECKS[@]}"; do
  "check_$c" || failed=$((failed + 1))
done
if ((failed)); then
  echo "backup check: $failed of ${#CHECKS[@]} checks FAILED"
  exit 1
fi
echo "backup check: all ${#CHECKS[@]} checks passed"
