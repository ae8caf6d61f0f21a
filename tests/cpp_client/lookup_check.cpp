// Compiled with -mno-sse2: every spec's error_from_code takes its portable path, and must still
// find every code of its spec and nothing else.
#include <cstdio>
#include <string>

#include "lookup_includes.inc"

template <typename Errors, typename CodeOf, typename FromCode>
int check_lookup(const Errors& errors, CodeOf code_of, FromCode from_code) {
    int failures = 0;
    for (const auto error : errors) {
        const std::string code(code_of(error));
        if (from_code(code) != error || from_code(code + "x").has_value()) {
            std::printf("lookup of '%s' failed\n", code.c_str());
            ++failures;
        }
    }
    return failures;
}

int main() {
    int failures = 0;
#include "lookup_checks.inc"
    return failures == 0 ? 0 : 1;
}
