#!/bin/sh
# Builds examples/consumer as a user would, and checks from the build tool's own output that
# errspec_generate() is a correct, incremental build step. One of:
#   consumer_test.sh install BUILD_DIR PREFIX              fresh `cmake --install` of errspec's build
#   consumer_test.sh subdirectory ERRSPEC_SOURCE WORK_DIR GENERATOR
#   consumer_test.sh package PREFIX WORK_DIR GENERATOR     find_package against PREFIX, then edits
set -eu
consumer_source="$(cd "$(dirname "$0")/../../examples/consumer" && pwd)"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Builds $build, keeping the tool's output in $log (and on stdout, for ctest's log).
run_build() {
  status=0
  cmake --build "$build" -j 2 >"$log" 2>&1 || status=$?
  cat "$log"
  return "$status"
}

expect_in_log() {  # an extended regular expression the build output must match
  grep -Eq "$1" "$log" || fail "$2"
}

expect_not_in_log() {
  if grep -Eq "$1" "$log"; then fail "$2"; fi
}

ran_any_generator='errspec: generating '
ran_library_generator='errspec: generating .* for shop_errors '
ran_pages_generator='errspec: generating .* for shop_error_pages '
compiled='Building CXX object|Linking CXX'

expect_no_work() {
  expect_not_in_log "$ran_any_generator|$compiled" "$1: the build did something"
  case "$generator" in
    Ninja) expect_in_log '^ninja: no work to do\.$' "$1: ninja had work to do" ;;
  esac
}

expect_demo_works() {
  "$build/shop_demo" 409 '{"error": {"code": "out_of_stock", "message": "Sold out."}}' >"$log"
  expect_in_log '^out_of_stock \(HTTP 409\): Sold out\. Do not retry\.$' "shop_demo did not decode out_of_stock"
  "$build/shop_demo" 429 '{"error": {"code": "rate_limited"}}' 30 >"$log"
  expect_in_log '^rate_limited \(HTTP 429\): Slow down\. Retry in 30000 ms\.$' "shop_demo did not honour Retry-After"
  for page in shop-errors.md shop-errors.html; do
    [ -s "$build/pages/$page" ] || fail "no $page"
  done
  # FRONT_MATTER: front matter in place of the page's # title.
  [ "$(sed -n '1p;4p' "$build/pages/shop-errors.md")" = "$(printf -- '---\nslug: "shop-errors"')" ] ||
    fail "shop-errors.md does not open with the front matter FRONT_MATTER asks for"
}

# Make and Ninja compare mtimes: let the clock move past the last build before changing an input.
before_edit() {
  sleep 1
}

mode="$1"
case "$mode" in
  install)
    rm -rf "$3"
    cmake --install "$2" --prefix "$3"
    exit 0 ;;
  subdirectory)
    work="$3"
    generator="$4"
    configure_args="-DERRSPEC_SOURCE_DIR=$2" ;;
  package)
    work="$3"
    generator="$4"
    configure_args="-DCMAKE_PREFIX_PATH=$2" ;;
  *)
    fail "unknown mode $mode" ;;
esac
rm -rf "$work"
mkdir -p "$work"
build="$work/build"
log="$work/build.log"

if [ "$mode" = subdirectory ]; then
  cmake -S "$consumer_source" -B "$build" -G "$generator" "$configure_args"
  run_build || fail "the first build failed"
  expect_demo_works
  run_build || fail "the second build failed"
  expect_no_work "second build"
  exit 0
fi

# The package case edits the spec and a template: on a copy of the consumer.
source="$work/consumer"
cp -R "$consumer_source" "$source"
spec="$source/spec/shop.yaml"
cmake -S "$source" -B "$build" -G "$generator" "$configure_args"
run_build || fail "the first build failed"
expect_in_log "$ran_library_generator" "the first build did not generate the library"
expect_in_log "$ran_pages_generator" "the first build did not generate the pages"
expect_demo_works

run_build || fail "the second build failed"
expect_no_work "second build"

before_edit
echo '# A comment changes no output.' >>"$spec"
run_build || fail "the build after a comment-only spec edit failed"
expect_in_log "$ran_library_generator" "a comment-only spec edit did not regenerate the library"
expect_in_log "$ran_pages_generator" "a comment-only spec edit did not regenerate the pages"
expect_not_in_log "$compiled" "a comment-only spec edit recompiled or relinked"

run_build || fail "the build after the comment-only build failed"
expect_no_work "build after the comment-only build"

before_edit
printf ' Customised.' >>"$source/templates/_partials/banner.mustache"
run_build || fail "the build after a template edit failed"
expect_in_log "$ran_library_generator" "a template edit did not rerun errspec"
expect_not_in_log "$ran_pages_generator" "a template the pages do not use regenerated them"
expect_in_log 'Building CXX object CMakeFiles/shop_errors.dir/' "a template edit did not recompile shop_errors"
grep -q 'Customised\.' "$build/shop_errors/shop_errors.hpp" || fail "the edited template is not in the output"

status_line="$(grep -n 'status: 409' "$spec" | cut -d: -f1)"
before_edit
sed -i 's/status: 409/status: 999/' "$spec"
if run_build; then fail "a spec error did not fail the build"; fi
expect_in_log "^$spec:$status_line:13: error: " "the failed build does not show errspec's file:line:col diagnostic"

before_edit
sed -i 's/status: 999/status: 409/' "$spec"
run_build || fail "the build after fixing the spec failed"
expect_demo_works
