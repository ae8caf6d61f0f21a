// decode_error against a bare nlohmann::json::parse of the same body, on the seeds' own example
// bodies (spec/*.yaml `examples:`, verbatim from the documents) with the headers of a typical
// response. The ratio of each pair is what issue 3 bounds (at most 1.5).
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "admaxxer_client.hpp"
#include "trackpilots_client.hpp"
#include "trendtrack_client.hpp"

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// What a real error response carries besides the body.
const Headers kHeaders = {
    {"Date", "Sun, 23 Nov 2025 10:00:00 GMT"}, {"Content-Type", "application/json; charset=utf-8"},
    {"Content-Length", "120"},                 {"Connection", "keep-alive"},
    {"Cache-Control", "no-store"},             {"Vary", "Accept-Encoding"},
    {"X-Request-Id", "req_123"},               {"Strict-Transport-Security", "max-age=31536000"},
};

const std::string kTrendtrack = R"({
  "error": {
    "code": "missing_api_key",
    "message": "Missing API key.",
    "requestId": "req_123"
  }
})";

const std::string kTrackpilots = R"({
  "success": false,
  "statusCode": 401,
  "statusMessage": "Upgrade required",
  "data": null,
  "error": {
    "message": "Upgrade required to use Trackpilots APIs",
    "code": "PLAN_EXPIRED"
  }
})";

const std::string kAdmaxxer = R"({
  "error": {
    "code": "insufficient_scope",
    "message": "This endpoint requires the 'pixel:write' scope",
    "details": { "required": "pixel:write", "available": ["pixel:read"] }
  },
  "meta": { "request_id": "req_abc123" }
})";

void parse(benchmark::State& state, const std::string& body) {
    for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(body));
}

template <typename Decode>
void decode(benchmark::State& state, Decode decode_error, int status, const std::string& body) {
    for (auto _ : state) benchmark::DoNotOptimize(decode_error(status, kHeaders, body));
}

}  // namespace

BENCHMARK_CAPTURE(parse, trendtrack, kTrendtrack);
BENCHMARK_CAPTURE(decode, trendtrack, trendtrack::decode_error, 401, kTrendtrack);
BENCHMARK_CAPTURE(parse, trackpilots, kTrackpilots);
BENCHMARK_CAPTURE(decode, trackpilots, trackpilots::decode_error, 401, kTrackpilots);
BENCHMARK_CAPTURE(parse, admaxxer, kAdmaxxer);
BENCHMARK_CAPTURE(decode, admaxxer, admaxxer::decode_error, 403, kAdmaxxer);

BENCHMARK_MAIN();
