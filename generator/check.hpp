// The check stage: the semantic rules of the format, judged once over the whole spec. Every error
// and warning is reported; an error stops generation, a warning does not.
#pragma once

#include "diagnostics.hpp"
#include "spec.hpp"

namespace errspec {

struct CheckOptions {
    // The docs completeness gate: an error without a message, fix text or example is an error,
    // not a warning.
    bool strict = false;
};

// The rules whose breaking is an error (and the --strict gate's warnings); the lint's warnings
// (lint.hpp) are apart, so that generation can run them beside building the spec's views.
void check_spec(const Spec& spec, Diagnostics& diagnostics, const CheckOptions& options = {});

}  // namespace errspec
