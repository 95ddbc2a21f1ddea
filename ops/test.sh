#!/usr/bin/env bash
# ops/test.sh - every test, from a clean clone with nothing running:
#  1. installs what is missing and builds with -Werror;
#  2. unit tests (cmocka), including the JSON-Schema-Test-Suite run;
#  3. the unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer;
#  4. integration tests, each on its own real Kafka broker and PostgreSQL
#     (exactly-once pipeline and replay, crash recovery, dead letters with the
#     hostile corpus under ASan, the sample set's outcomes, payments);
#  5. the libFuzzer target over the intake decoder for a bounded time.
# Exits non-zero if anything fails. FUZZ_SECONDS (default 30) bounds step 5.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
step() { printf '\n== %s\n' "$*"; }

step "Installing what is missing"
ops/install.sh

step "Style: clang-format and shellcheck"
git ls-files -co --exclude-standard -- '*.c' '*.h' | xargs clang-format --dry-run --Werror
git ls-files -co --exclude-standard -- '*.sh' .ci/run | xargs shellcheck -x -S warning
echo "clang-format and shellcheck clean"

# build DIR CMAKE_ARGS...: configures and builds; the compiler's output is
# kept in DIR/build-output.log and shown in full only when the build fails.
build() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
    if ! cmake --build "$dir" >"$dir/build-output.log" 2>&1; then
        cat "$dir/build-output.log"
        exit 1
    fi
    echo "built $(grep -c 'Linking' "$dir/build-output.log") targets in $dir, no warnings (log: $dir/build-output.log)"
}

step "Building with -Werror"
build build -DSUBSIDY_WERROR=ON
step "Building with AddressSanitizer and UndefinedBehaviorSanitizer"
build build-asan -DSUBSIDY_WERROR=ON -DSUBSIDY_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug

# figures LOG: the counts the tests print (suite run, corpus, examples,
# integration figures), from CTest's full log of the last run.
figures() {
    grep -hE '^(JSON-Schema-Test-Suite|schemas:|invalid examples:|tests/corpus|make_big|\[[a-z]+\] )' "$1" |
        grep -v 'work folder' || true
}

step "Unit tests"
ctest --test-dir build -L unit --output-on-failure
figures build/Testing/Temporary/LastTest.log
step "Unit tests under ASan and UBSan"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan -L unit --output-on-failure

step "Integration tests (real Kafka and PostgreSQL)"
ASAN_BUILD_DIR=$REPO/build-asan ctest --test-dir build -L integration --output-on-failure
figures build/Testing/Temporary/LastTest.log

if [[ -x tests/fuzz/run.sh ]]; then
    step "Fuzzing the intake decoder for ${FUZZ_SECONDS:-30} s"
    tests/fuzz/run.sh
fi
step "All tests passed"
