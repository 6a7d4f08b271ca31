-- wrk script of bench/load.sh. MODE (environment) chooses the requests:
--   get      the URL given to wrk, again and again
--   unique   the URL with a query string no one asked before (every request misses the page cache)
--   search   /search/?q=… over a few common words
--   submit   POSTs of the public consultation form (CSRF pair and Host from the environment)
-- done() prints one line: RESULT <req/s> <p50 ms> <p95 ms> <p99 ms> <requests> <errors> <3xx answers>
local mode = os.getenv("MODE") or "get"
local threads = {}
counter = 0
redirects = 0  -- globals: done() reads them from every thread
local words = {"工作", "通知", "教育", "乡村振兴", "政策", "医疗保障", "安全生产", "办事指南"}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id)
end

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function uuid()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-a%03x-%012x", os.time() % 0xffffffff, id, counter % 0xfff,
    math.random(0, 0xfff), counter)
end

function request()
  if mode == "unique" then
    counter = counter + 1
    return wrk.format("GET", wrk.path .. "?bench=" .. id .. "-" .. counter .. "-" .. math.random(1, 1e9))
  elseif mode == "search" then
    counter = counter + 1
    return wrk.format("GET", "/search/?q=" .. encode(words[counter % #words + 1]))
  elseif mode == "submit" then
    local body = "csrfmiddlewaretoken=" .. os.getenv("CSRF_TOKEN") .. "&submission_token=" .. uuid()
      .. "&captcha_0=bench&captcha_1=PASSED&title=bench-" .. id .. "-" .. counter
      .. "&body=load-test&name=bench&phone=13800000000"
    return wrk.format("POST", "/interaction/new/consultation/", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. os.getenv("CSRF_COOKIE"),
    }, body)
  end
  return wrk.request()
end

-- Only the submissions count their answers: a response() callback costs every request some time.
if mode == "submit" then
  function response(status, headers, body)
    if status >= 300 and status < 400 then
      redirects = redirects + 1
    end
  end
end

function done(summary, latency, requests)
  local total_redirects = 0
  for _, thread in ipairs(threads) do
    total_redirects = total_redirects + thread:get("redirects")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors, total_redirects))
end
