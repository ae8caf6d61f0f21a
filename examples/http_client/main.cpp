// Calls a (stand-in) Trendtrack API with cpp-httplib and handles every error it documents: each
// response goes through errspec's cpp-httplib adapter and call_with_retry, and the application
// decides what to tell its user per error, per condition for errors the spec does not know.
#include <errspec/call_with_retry.hpp>
#include <errspec/httplib.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "trendtrack_client.hpp"

namespace {

// What the application tells its user about a failed call.
std::string advice(const errspec::ApiError& error) {
    switch (trendtrack::error_of(error)) {
    case trendtrack::Error::MissingApiKey:
    case trendtrack::Error::InvalidApiKey: return "Check the API key in your settings.";
    case trendtrack::Error::CredentialNotFound:
    case trendtrack::Error::CredentialRevoked:
    case trendtrack::Error::CredentialExpired: return "Create a new API key in the dashboard.";
    case trendtrack::Error::InsufficientCredits: return "Top up your credits.";
    case trendtrack::Error::WorkspacePublicApiDisabled: return "Ask an admin to enable the public API.";
    case trendtrack::Error::WorkspacePublicApiSuspended: return "Contact support: the workspace's API access is suspended.";
    case trendtrack::Error::Forbidden: return "Your key may not do this.";
    case trendtrack::Error::NotFound: return "Nothing there.";
    case trendtrack::Error::RateLimited: return "Too many requests: try again later.";
    case trendtrack::Error::InternalError: return "Trendtrack has a problem: try again later.";
    case trendtrack::Error::Unknown: break;
    }
    // Not an error of the spec (a proxy's page, a newer code): its condition still says something.
    if (error.condition() == errspec::condition::unavailable) return "The service is unavailable: try again later.";
    return "Unexpected error.";
}

// A stand-in for api.trendtrack.io: /errors/<code> answers with that error as Trendtrack sends it
// (rate_limited with a Retry-After of one second), /proxy with a gateway's HTML page.
class StandInServer {
public:
    StandInServer() {
        server_.Get(R"(/errors/(\w+))", [](const httplib::Request& request, httplib::Response& response) {
            const auto error = trendtrack::error_from_code(request.matches[1].str());
            if (!error) return;
            response.status = trendtrack::http_status(*error);
            if (*error == trendtrack::Error::RateLimited) response.set_header("Retry-After", "1");
            response.set_header("X-Request-Id", "req_" + request.matches[1].str());
            response.set_content(trendtrack::encode_error(*error), "application/json");
        });
        server_.Get("/proxy", [](const httplib::Request&, httplib::Response& response) {
            response.status = 502;
            response.set_content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~StandInServer() {
        server_.stop();
        thread_.join();
    }
    int port() const { return port_; }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace

int main() {
    const StandInServer server;
    httplib::Client client("127.0.0.1", server.port());
    // A short policy for the demonstration; kRetryPolicy is the spec's.
    errspec::RetryPolicy policy = trendtrack::kRetryPolicy;
    policy.max_attempts = 2;
    errspec::RetryHooks hooks;
    hooks.on_retry = [](const errspec::RetryDecision& decision, int attempt) {
        std::cout << "  attempt " << attempt << " failed; retrying in " << decision.delay.count() << " ms ("
                  << errspec::to_string(decision.reason) << ")\n";
    };

    int handled = 0;
    std::vector<std::string> paths = {"/proxy"};
    for (const trendtrack::Error error : trendtrack::all_errors()) paths.push_back("/errors/" + std::string(trendtrack::code_of(error)));
    for (const std::string& path : paths) {
        std::cout << "GET " << path << '\n';
        const auto result = errspec::call_with_retry(
            [&](int) { return errspec::outcome_of(trendtrack::envelope(), client.Get(path.c_str())); }, policy,
            errspec::Idempotency::idempotent, hooks);
        try {
            if (const auto* error = std::get_if<errspec::ApiError>(&result.outcome)) throw errspec::ApiException(*error);
            if (std::holds_alternative<errspec::TransportFailure>(result.outcome)) {
                std::cout << "  no response\n";
                continue;
            }
            std::cout << "  ok\n";
        } catch (const errspec::ApiException& exception) {
            std::cout << "  " << exception.what() << "\n  -> " << advice(exception.error()) << " (gave up: "
                      << errspec::to_string(result.gave_up->reason) << ")\n";
            ++handled;
        }
    }
    std::cout << handled << " of " << paths.size() << " calls failed, each handled\n";
    return handled == static_cast<int>(paths.size()) ? 0 : 1;
}
