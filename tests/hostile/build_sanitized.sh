#!/bin/sh
# Configures and builds errspec, its tests and its fuzzers with clang, ASan and UBSan on everything
# (ERRSPEC_FUZZ), in a folder of its own. Usage: build_sanitized.sh SOURCE_DIR BUILD_DIR GENERATOR
set -eu
cmake -S "$1" -B "$2" -G "$3" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DERRSPEC_FUZZ=ON -DERRSPEC_BUILD_TESTS=ON -DERRSPEC_UPDATE_GENERATED=OFF
cmake --build "$2"
