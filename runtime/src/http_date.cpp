// Retry-After: delta-seconds or an HTTP-date (RFC 9110, section 5.6.7) in any of its three forms.
#include <algorithm>

#include "errspec/client.hpp"
#include "text.hpp"

namespace errspec {
namespace {

using text::is_alnum;
using text::is_digit;
using text::parse_digits;
using text::kMaxRetryAfterSeconds;
using text::starts_with_ignoring_case;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long year, unsigned month, unsigned day) noexcept {
    year -= month <= 2;
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}

long long year_of_days(long long days) noexcept {
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned month_index = (5 * day_of_year + 2) / 153;  // 0 is March
    return static_cast<long long>(year_of_era) + era * 400 + (month_index >= 10 ? 1 : 0);
}

// Reads an HTTP-date from left to right.
class DateReader {
public:
    explicit DateReader(std::string_view text) noexcept : text_(text) {}

    bool done() const noexcept { return text_.empty(); }
    bool literal(std::string_view expected) noexcept {
        if (text_.substr(0, expected.size()) != expected) return false;
        text_.remove_prefix(expected.size());
        return true;
    }
    bool letters() noexcept {  // a day name, which the date itself makes redundant
        std::size_t n = 0;
        while (n < text_.size() && is_alnum(text_[n]) && !is_digit(text_[n])) ++n;
        text_.remove_prefix(n);
        return n > 0;
    }
    std::optional<int> digits(std::size_t count) noexcept {
        if (text_.size() < count) return std::nullopt;
        const auto value = parse_digits(text_.substr(0, count), 9999);
        if (value) text_.remove_prefix(count);
        return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
    }
    std::optional<int> space_padded_day() noexcept {
        if (literal(" ")) return digits(1);
        return digits(2);
    }
    std::optional<unsigned> month() noexcept {
        static constexpr std::string_view names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
        for (unsigned m = 0; m < 12; ++m) {
            if (starts_with_ignoring_case(text_, names[m])) {
                text_.remove_prefix(3);
                return m + 1;
            }
        }
        return std::nullopt;
    }
    // HH:MM:SS as seconds of the day.
    std::optional<long long> time_of_day() noexcept {
        const auto hours = digits(2);
        if (!hours || !literal(":")) return std::nullopt;
        const auto minutes = digits(2);
        if (!minutes || !literal(":")) return std::nullopt;
        const auto seconds = digits(2);
        if (!seconds || *hours > 23 || *minutes > 59 || *seconds > 60) return std::nullopt;
        return *hours * 3600LL + *minutes * 60LL + std::min(*seconds, 59);  // a leap second counts as :59
    }

private:
    std::string_view text_;
};

bool is_valid_date(long long year, unsigned month, int day) noexcept {
    static constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month >= 1 && month <= 12 && day >= 1 && day <= month_days[month - 1] && (month != 2 || day <= 28 || leap);
}

// Seconds since the epoch of an HTTP-date in any of its three forms; `now_year` places RFC 850's
// two-digit years (RFC 9110: more than 50 years ahead means the century before).
std::optional<long long> parse_http_date(std::string_view text, long long now_year) noexcept {
    DateReader date(text);
    if (!date.letters()) return std::nullopt;
    std::optional<int> day;
    std::optional<unsigned> month;
    long long year = 0;
    std::optional<long long> seconds;
    if (date.literal(", ")) {
        day = date.digits(2);
        if (date.literal(" ")) {  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            month = date.month();
            const auto full_year = date.literal(" ") ? date.digits(4) : std::nullopt;
            if (!full_year) return std::nullopt;
            year = *full_year;
        } else if (date.literal("-")) {  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            month = date.month();
            const auto short_year = date.literal("-") ? date.digits(2) : std::nullopt;
            if (!short_year) return std::nullopt;
            year = now_year - now_year % 100 + *short_year;
            if (year > now_year + 50) year -= 100;
            else if (year + 100 <= now_year + 50) year += 100;
        } else {
            return std::nullopt;
        }
        seconds = date.literal(" ") ? date.time_of_day() : std::nullopt;
        if (!seconds || !date.literal(" GMT")) return std::nullopt;
    } else {  // asctime: Sun Nov  6 08:49:37 1994
        if (!date.literal(" ")) return std::nullopt;
        month = date.month();
        day = date.literal(" ") ? date.space_padded_day() : std::nullopt;
        seconds = date.literal(" ") ? date.time_of_day() : std::nullopt;
        const auto full_year = date.literal(" ") ? date.digits(4) : std::nullopt;
        if (!full_year) return std::nullopt;
        year = *full_year;
    }
    if (!date.done() || !day || !month || !seconds || !is_valid_date(year, *month, *day)) return std::nullopt;
    return days_from_civil(year, *month, static_cast<unsigned>(*day)) * 86400 + *seconds;
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) noexcept {
    value = text::trim(value);
    if (const auto delta = parse_digits(value, kMaxRetryAfterSeconds)) return std::chrono::seconds(*delta);
    // In whole seconds: an HTTP-date may lie beyond what system_clock's nanoseconds can hold. The
    // date has no fraction, so date - floor(now) is the wait rounded up.
    const long long now_seconds = std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
    const long long now_days = now_seconds / 86400 - (now_seconds % 86400 < 0 ? 1 : 0);
    const std::optional<long long> date = parse_http_date(value, year_of_days(now_days));
    if (!date) return std::nullopt;
    return std::chrono::seconds(std::clamp(*date - now_seconds, 0LL, kMaxRetryAfterSeconds));
}

}  // namespace errspec
