-- wrk script: rotates over the request paths in a file (one per line,
-- already percent-encoded) given after "--", or requests wrk's own URL
-- when there is none; at the end prints one machine-readable line:
--   RESULT rps=... p50_ms=... p95_ms=... p99_ms=... max_ms=...
--          requests=... non2xx=... errors=...
-- for bench/run to parse.  Each wrk thread starts at a different place
-- in the list so that the threads do not ask for the same page together.

local paths = {}
local i = 0
local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
end

function init(args)
	local file = args[1]
	if file then
		for line in io.lines(file) do
			if line ~= "" then
				paths[#paths + 1] = line
			end
		end
		i = (id or 0) * 7919
	end
end

function request()
	if #paths == 0 then
		return wrk.format(nil, nil)
	end
	i = i + 1
	return wrk.format(nil, paths[(i % #paths) + 1])
end

function done(summary, latency, requests)
	local e = summary.errors
	local secs = summary.duration / 1e6
	io.write(string.format(
		"RESULT rps=%.1f p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f " ..
		"max_ms=%.3f requests=%d non2xx=%d errors=%d bytes=%d\n",
		summary.requests / secs,
		latency:percentile(50) / 1000, latency:percentile(95) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000,
		summary.requests, e.status,
		e.connect + e.read + e.write + e.timeout, summary.bytes))
end
