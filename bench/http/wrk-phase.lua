-- wrk script: cycles through pre-generated DynamoDB request bodies (one JSON document a line), so
-- every request differs, and prints one JSON line of results when the run ends.
-- Usage: wrk ... -s wrk-phase.lua URL -- <DynamoDB operation> <bodies file> <start offset>
local requests = {}
local next_index = 1

function init(args)
  local operation, path, offset = args[1], args[2], tonumber(args[3] or "0")
  local headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. operation,
    -- What an AWS SDK sends; no peer checks the signature, dynalite wants the header present.
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
      .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0",
    ["X-Amz-Date"] = "20260101T000000Z",
  }
  for line in io.lines(path) do
    if #line > 0 then requests[#requests + 1] = wrk.format("POST", "/", headers, line) end
  end
  if #requests == 0 then error("no request bodies in " .. path) end
  -- Each run starts somewhere else in the list, so repeats do not replay the same requests.
  next_index = (offset % #requests) + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function done(summary, latency, requests_stats)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"mean_us":%.1f,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
