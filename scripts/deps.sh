# Sourced by scripts/build and scripts/test: installs what errspec needs on Debian 12, as root.
# Packages already present are left alone; apt-get update runs only when something is missing.
set -eu
ERRSPEC_APT_PACKAGES="cmake ninja-build g++ clang libclang-rt-14-dev nlohmann-json3-dev libyaml-cpp-dev
  catch2 libkainjow-mustache-dev libcli11-dev libbenchmark-dev libcmark-dev libicu-dev chromium
  libcpp-httplib-dev libcurl4-openssl-dev"
missing=""
for package in $ERRSPEC_APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
# The node-based tests use npm packages pinned by a lockfile in their folder: installed when missing
# or older than the lockfile.
npm_ci_if_stale() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] ||
     [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$1" --no-audit --no-fund
  fi
}
npm_ci_if_stale tests/web  # the docs targets' lint and browser checks
npm_ci_if_stale tests/ts   # tsc, Redocly and ajv: the typescript and openapi targets, the spec schema
