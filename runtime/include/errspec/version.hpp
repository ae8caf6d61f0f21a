// The version of the errspec runtime's interface. Generated code names the version it was generated
// for and does not compile against another (see docs/cpp-client.md, "Versions").
#pragma once

// Bumped whenever generated code of one version cannot work with a runtime of another.
#define ERRSPEC_RUNTIME_VERSION 2
#define ERRSPEC_RUNTIME_VERSION_STRING "2"
