-- Readers for the load test: each connection walks the reader pages in turn, as the load
-- balancer's host; done() prints the totals as one JSON line.
paths = {
  "/", "/missions/", "/missions/?region=africa", "/missions/?q=force&sort=-start",
  "/missions/unficyp/", "/organizations/", "/lessons/", "/search/?q=ceasefire",
  "/missions/timeline/", "/missions/map/", "/topics/", "/healthz",
}
counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], {["Host"] = "atlas.test"})
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '\n{"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx": %d, ' ..
    '"p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
