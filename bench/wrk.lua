-- wrk script for bench/run.sh. Configured through the environment:
--   BENCH_MODE    get | list | page | search | similar | post
--   BENCH_IDEMPOTENCY  1: every POST carries a new Idempotency-Key (as a retrying integration sends them)
--   BENCH_TOKEN   API key (sent as Authorization: Bearer)
--   BENCH_MIN_ID, BENCH_MAX_ID   id range for "get" (random id per request)
--   BENCH_PATH    request path for "list" and "page"
--   BENCH_QUERIES search queries for "search", separated by '|' (already URL-encoded)
--   BENCH_TREE_SIZE, BENCH_MIN_SEQ, BENCH_MAX_SEQ   for "inclusion" (random seq) and "consistency" (random
--                 checkpointed size from BENCH_SIZES, '|'-separated, to BENCH_TREE_SIZE)
-- done() prints one machine-readable line: BENCH_RESULT key=value ...
-- (wrk's own --latency table has p50/75/90/99 only; p95 comes from here).

local mode = os.getenv("BENCH_MODE") or "get"
local idempotency = os.getenv("BENCH_IDEMPOTENCY") == "1"
local token = os.getenv("BENCH_TOKEN") or ""
local min_id = tonumber(os.getenv("BENCH_MIN_ID") or "1")
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1")
local path = os.getenv("BENCH_PATH") or "/api/v1/claims"
local tree_size = os.getenv("BENCH_TREE_SIZE") or "0"
local min_seq = tonumber(os.getenv("BENCH_MIN_SEQ") or "1")
local max_seq = tonumber(os.getenv("BENCH_MAX_SEQ") or "1")
local sizes = {}
for v in string.gmatch(os.getenv("BENCH_SIZES") or "", "[^|]+") do
  table.insert(sizes, v)
end
local queries = {}
for q in string.gmatch(os.getenv("BENCH_QUERIES") or "", "[^|]+") do
  table.insert(queries, q)
end

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
local post_headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json",
  ["Content-Type"] = "application/json" }

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

-- keep the first failed response of each thread, so done() can show why requests failed
first_error = nil
function response(status, headers, body)
  if status >= 400 and first_error == nil then
    first_error = status .. " " .. string.sub(body or "", 1, 300)
  end
end

local counter = 0
-- POSTed statements use the same kind of vocabulary as load-claims.sql, so the claims they add at the top of
-- the table do not skew later list and search runs
local topics = { "unemployment", "inflation", "violent crime", "house prices", "rents", "average wages",
  "vaccination rates", "hospital waiting times", "school funding", "carbon emissions", "electricity prices",
  "immigration", "the national debt", "income tax", "homelessness", "child poverty", "road deaths",
  "air pollution", "wind power", "food prices", "voter turnout", "exports", "tourism", "wildfires",
  "tuition fees", "knife crime", "nurse vacancies", "childcare costs", "mortgage rates", "plastic waste" }
local places = { "Springfield", "Riverton", "Lakeside", "Northfield", "Kingsport", "Brookhaven", "Fairview",
  "Westbury", "Oakdale", "Millbrook", "Ashford", "Greenville", "Harbor City", "Maplewood", "Cedar Falls",
  "Port Allen", "Stonebridge", "Redwood", "Bayview", "Glenwood", "the capital", "rural areas" }
local changes = { "rose", "fell", "doubled", "dropped", "increased", "halved", "jumped", "stayed flat" }
local sinces = { "since 2015", "last year", "in the past decade", "under the current government",
  "since the pandemic", "in the last five years" }
local claimants = { "Senator Maria Lopez", "Governor Tom Becker", "Mayor Anne Fischer", "a viral Facebook post",
  "a TikTok video", "Councillor Jane Okafor", "a campaign leaflet", "a talk radio host" }
local function pick(t) return t[math.random(1, #t)] end
local function urlencode(t)
  return (string.gsub(t, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_no or 0) * 7919)
  for _ = 1, 10 do math.random() end
end

function request()
  if mode == "get" then
    return wrk.format("GET", "/api/v1/claims/" .. math.random(min_id, max_id))
  elseif mode == "search" then
    return wrk.format("GET", "/api/v1/claims?q=" .. queries[math.random(1, #queries)])
  elseif mode == "similar" then
    -- a statement like the loaded ones, as a desk would check it before submitting (a new wording each time)
    local text = string.format("%s %s %s by %d%% %s", pick(places), pick(topics), pick(changes),
      math.random(2, 90), pick(sinces))
    return wrk.format("GET", "/api/v1/claims/similar?limit=5&language=en&text=" .. urlencode(text))
  elseif mode == "inclusion" then
    return wrk.format("GET", "/api/public/transparency/proof/inclusion?seq=" .. math.random(min_seq, max_seq)
      .. "&treeSize=" .. tree_size)
  elseif mode == "consistency" then
    return wrk.format("GET", "/api/public/transparency/proof/consistency?from=" .. sizes[math.random(1, #sizes)]
      .. "&to=" .. tree_size)
  elseif mode == "post" then
    counter = counter + 1
    local body = string.format(
      '{"statement":"%s: %s %s by %d%% %s.","claimant":"%s","sourceUrl":"https://news.example.org/live/%d-%d",'
        .. '"language":"en","tags":["bench"],"priority":"NORMAL"}',
      pick(places), pick(topics), pick(changes), math.random(2, 90), pick(sinces), pick(claimants),
      thread_no or 0, counter)
    -- a headers table given to wrk.format replaces wrk.headers, so repeat Authorization here
    if idempotency then
      post_headers["Idempotency-Key"] = string.format('"bench-%d-%d-%d-%d"', os.time(), thread_no or 0, counter,
        math.random(0, 2147483647))
    end
    return wrk.format("POST", "/api/v1/claims", post_headers, body)
  else -- list, page
    return wrk.format("GET", path)
  end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    local err = t:get("first_error")
    if err then
      io.write("BENCH_FIRST_ERROR " .. string.gsub(err, "[\r\n]", " ") .. "\n")
      break
    end
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f "
      .. "max_ms=%.2f mean_ms=%.2f non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
