// Against a real HTTP server: cpp-httplib's, on 127.0.0.1, started and stopped by the test. It
// answers with every example (status, headers, body) of every spec under test, a proxy's HTML
// page, a dropped connection, a slow reply, and Retry-After waits; the client side decodes with
// both adapters (cpp-httplib and libcurl) and retries through call_with_retry.
#include "support.hpp"

#include <errspec/curl.hpp>
#include <errspec/httplib.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <thread>

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

struct Example {
    std::string api, code;
    const json* example;
};

std::vector<Example> all_examples() {
    std::vector<Example> examples;
#define ERRSPEC_COLLECT_EXAMPLES(ns)                                                  \
    for (const json& error : model_of(#ns)["errors"]) {                              \
        for (const json& example : error["examples"]) examples.push_back({#ns, error["code"], &example}); \
    }
    ERRSPEC_FOR_EACH_SPEC(ERRSPEC_COLLECT_EXAMPLES)
    return examples;
}

std::string http_date_in(int seconds) {
    const std::time_t at = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + seconds;
    char date[64];
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&at));
    return date;
}

// The server, on a port of its own, for the length of one test.
class Server {
public:
    Server() {
        server_.Get(R"(/example/(\d+))", [this](const httplib::Request& request, httplib::Response& response) {
            const json& example = *examples_.at(std::stoul(request.matches[1])).example;
            response.status = example["status"];
            for (const json& header : example["headers"]) response.set_header(header["name"].get<std::string>(), header["value"].get<std::string>());
            response.set_content(example["body"].get<std::string>(), "application/json");
        });
        server_.Get("/proxy", [](const httplib::Request&, httplib::Response& response) {
            response.status = 502;
            response.set_content("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html");
        });
        server_.Get("/drop", [](const httplib::Request&, httplib::Response& response) {
            // Headers promise a body the provider never writes: the server closes the connection.
            response.set_content_provider(1000, "application/json", [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
        });
        server_.Get("/slow", [](const httplib::Request&, httplib::Response& response) {
            std::this_thread::sleep_for(milliseconds(1500));
            response.set_content("{}", "application/json");
        });
        // Rate limited twice (Retry-After in seconds, then as an HTTP-date), then served.
        server_.Get("/limited", [this](const httplib::Request&, httplib::Response& response) {
            const int call = ++limited_calls_;
            if (call == 1 || call == 2) {
                response.status = 429;
                response.set_header("Retry-After", call == 1 ? "2" : http_date_in(3));
                response.set_content(R"({"error":{"code":"rate_limited","message":"Rate limited."}})", "application/json");
                return;
            }
            response.set_content("ok", "text/plain");
        });
        server_.Get("/long-wait", [](const httplib::Request&, httplib::Response& response) {
            response.status = 429;
            response.set_header("Retry-After", "3600");
            response.set_content(R"({"error":{"code":"rate_limited","message":"Rate limited."}})", "application/json");
        });
        server_.Post("/charge", [](const httplib::Request&, httplib::Response& response) {
            response.status = 500;
            response.set_content(R"({"error":{"code":"internal_error","message":"Internal error."}})", "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(milliseconds(1));
    }
    ~Server() {
        server_.stop();
        thread_.join();
    }
    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(0, 400000);  // 400 ms: /slow takes longer
        return client;
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    const std::vector<Example>& examples() const { return examples_; }

private:
    std::vector<Example> examples_ = all_examples();
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    std::atomic<int> limited_calls_{0};
};

// A GET through libcurl: its code, and the body it received.
struct CurlTransfer {
    CURLcode code;
    std::string body;
    CURL* handle;
};
CurlTransfer curl_get(CURL* handle, const std::string& url) {
    CurlTransfer transfer{CURLE_OK, "", handle};
    curl_easy_reset(handle);
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 400L);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer.body);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t size, std::size_t count, void* out) {
        static_cast<std::string*>(out)->append(data, size * count);
        return size * count;
    });
    transfer.code = curl_easy_perform(handle);
    return transfer;
}

const errspec::Envelope& envelope_of(const std::string& api) {
    static const std::map<std::string, const errspec::Envelope*> envelopes = [] {
        std::map<std::string, const errspec::Envelope*> all;
#define ERRSPEC_ENVELOPE(ns) all[#ns] = &ns::envelope();
        ERRSPEC_FOR_EACH_SPEC(ERRSPEC_ENVELOPE)
        return all;
    }();
    return *envelopes.at(api);
}

}  // namespace

TEST_CASE("every example of every spec, served over HTTP, decodes through both adapters", "[cpp-client][server]") {
    Server server;
    REQUIRE_FALSE(server.examples().empty());
    httplib::Client client = server.client();
    CURL* curl = curl_easy_init();
    REQUIRE(curl != nullptr);
    for (std::size_t i = 0; i < server.examples().size(); ++i) {
        const Example& example = server.examples()[i];
        const json& served = *example.example;
        INFO(example.api << " " << example.code << ": " << served["body"]);
        const errspec::Envelope& api = envelope_of(example.api);
        const std::string path = "/example/" + std::to_string(i);

        const httplib::Result result = client.Get(path.c_str());
        REQUIRE(result);
        const errspec::ApiError via_httplib = errspec::decode_error(api, *result);
        const CurlTransfer transfer = curl_get(curl, server.url(path));
        REQUIRE(transfer.code == CURLE_OK);
        const errspec::ApiError via_curl = errspec::decode_error(api, curl, transfer.body);

        for (const errspec::ApiError* decoded : {&via_httplib, &via_curl}) {
            CHECK(decoded->recognized());
            CHECK(decoded->code == example.code);
            CHECK(decoded->status == served["status"].get<int>());
            CHECK(decoded->api == &api.errors);
            if (served["has_request_id"].get<bool>()) CHECK(decoded->request_id == served["request_id"]);
        }
        CHECK(via_httplib.retry_after == via_curl.retry_after);
        CHECK(via_httplib.details.text() == via_curl.details.text());
    }
    curl_easy_cleanup(curl);
}

TEST_CASE("a proxy's page, a dropped connection and a slow reply", "[cpp-client][server]") {
    Server server;
    httplib::Client client = server.client();
    const errspec::Envelope& api = trendtrack::envelope();

    const auto proxy = errspec::outcome_of(api, client.Get("/proxy"));
    REQUIRE(std::holds_alternative<errspec::ApiError>(proxy));
    const errspec::ApiError& page = std::get<errspec::ApiError>(proxy);
    CHECK_FALSE(page.recognized());
    CHECK(page.status == 502);
    CHECK(page.error_code());  // never zero: `if (ec)` sees the failure
    CHECK(page.condition() == errspec::condition::unavailable);
    CHECK(errspec::decide_retry(page, 1, trendtrack::kRetryPolicy, errspec::Idempotency::idempotent, 0.0).reason ==
          errspec::RetryReason::backoff);

    const auto dropped = errspec::outcome_of(api, client.Get("/drop"));
    REQUIRE(std::holds_alternative<errspec::TransportFailure>(dropped));
    CHECK(std::get<errspec::TransportFailure>(dropped) == errspec::TransportFailure::connection_lost);
    // It may have been processed: a POST is not retried, a GET is.
    CHECK(errspec::decide_retry(std::get<errspec::TransportFailure>(dropped), 1, trendtrack::kRetryPolicy,
                                errspec::Idempotency::not_idempotent, 0.0).reason == errspec::RetryReason::not_idempotent);
    CHECK(errspec::decide_retry(std::get<errspec::TransportFailure>(dropped), 1, trendtrack::kRetryPolicy,
                                errspec::Idempotency::idempotent, 0.0).reason == errspec::RetryReason::transport_failure);

    // cpp-httplib 0.11 reports a read time-out as a read error; libcurl says it timed out.
    const auto slow = errspec::outcome_of(api, client.Get("/slow"));
    REQUIRE(std::holds_alternative<errspec::TransportFailure>(slow));
    CURL* curl = curl_easy_init();
    const CurlTransfer transfer = curl_get(curl, server.url("/slow"));
    CHECK(errspec::transport_failure_of(transfer.code) == errspec::TransportFailure::timed_out);
    const CurlTransfer dropped_by_curl = curl_get(curl, server.url("/drop"));
    CHECK(dropped_by_curl.code != CURLE_OK);
    CHECK(errspec::transport_failure_of(dropped_by_curl.code) == errspec::TransportFailure::connection_lost);
    curl_easy_cleanup(curl);

    // Nobody listens on a port just bound and released: the request never left.
    int closed_port = 0;
    {
        const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        closed_port = ntohs(address.sin_port);
        ::close(probe);
    }
    httplib::Client nowhere("127.0.0.1", closed_port);
    const auto refused = errspec::outcome_of(api, nowhere.Get("/"));
    REQUIRE(std::holds_alternative<errspec::TransportFailure>(refused));
    CHECK(std::get<errspec::TransportFailure>(refused) == errspec::TransportFailure::connect_failed);
}

TEST_CASE("retries follow Retry-After in seconds and as an HTTP-date, and give up with the right reason", "[cpp-client][server]") {
    Server server;
    httplib::Client client = server.client();
    std::vector<milliseconds> waits;
    errspec::RetryHooks hooks;
    hooks.sleep = [&](milliseconds delay) { waits.push_back(delay); };
    const errspec::Envelope& api = trendtrack::envelope();

    const auto served = errspec::call_with_retry(
        [&](int) { return errspec::outcome_of(api, client.Get("/limited")); }, trendtrack::kRetryPolicy,
        errspec::Idempotency::idempotent, hooks);
    REQUIRE(std::holds_alternative<httplib::Response>(served.outcome));
    CHECK(std::get<httplib::Response>(served.outcome).body == "ok");
    CHECK(served.attempts == 3);
    REQUIRE(waits.size() == 2);
    CHECK(waits[0] == milliseconds(2000));
    CHECK(waits[1] >= milliseconds(2000));  // the date three seconds ahead, read a moment later
    CHECK(waits[1] <= milliseconds(3000));

    waits.clear();
    const auto too_long = errspec::call_with_retry(
        [&](int) { return errspec::outcome_of(api, client.Get("/long-wait")); }, trendtrack::kRetryPolicy,
        errspec::Idempotency::idempotent, hooks);
    REQUIRE(too_long.gave_up.has_value());
    CHECK(too_long.gave_up->reason == errspec::RetryReason::retry_after_too_long);
    CHECK(too_long.gave_up->retry_after == milliseconds(3600000));  // "try again in an hour"
    CHECK(waits.empty());

    const auto charged = errspec::call_with_retry(
        [&](int) { return errspec::outcome_of(api, client.Post("/charge")); }, trendtrack::kRetryPolicy,
        errspec::Idempotency::not_idempotent, hooks);
    REQUIRE(charged.gave_up.has_value());
    CHECK(charged.gave_up->reason == errspec::RetryReason::not_idempotent);
    CHECK(charged.attempts == 1);

    const auto dropped = errspec::call_with_retry(
        [&](int) { return errspec::outcome_of(api, client.Get("/drop")); }, trendtrack::kRetryPolicy,
        errspec::Idempotency::idempotent, hooks);
    REQUIRE(dropped.gave_up.has_value());
    CHECK(dropped.gave_up->reason == errspec::RetryReason::attempts_exhausted);
    CHECK(dropped.attempts == trendtrack::kRetryPolicy.max_attempts);
}

TEST_CASE("one catch (const errspec::ApiException&) handles the errors of two APIs", "[cpp-client][server]") {
    Server server;
    httplib::Client client = server.client();
    // The first served example of two different APIs.
    std::vector<std::string> whats;
    std::vector<std::string> apis;
    for (std::size_t i = 0; i < server.examples().size() && apis.size() < 2; ++i) {
        const Example& example = server.examples()[i];
        if (!apis.empty() && apis.back() == example.api) continue;
        const auto outcome = errspec::outcome_of(envelope_of(example.api), client.Get(("/example/" + std::to_string(i)).c_str()));
        try {
            REQUIRE(std::holds_alternative<errspec::ApiError>(outcome));
            throw errspec::ApiException(std::get<errspec::ApiError>(outcome));
        } catch (const errspec::ApiException& exception) {
            const std::string api_name = model_of(example.api)["api"]["name"];
            CHECK(std::string(exception.what()).rfind(api_name + ": " + example.code, 0) == 0);
            CHECK(exception.code().category().name() == example.api);
            CHECK(exception.error().code == example.code);
            apis.push_back(example.api);
        }
    }
    CHECK(apis.size() == 2);
}
