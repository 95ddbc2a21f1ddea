#!/usr/bin/env bash
# tests/fuzz/run.sh - builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with
# clang into build-fuzz and runs each for ${FUZZ_SECONDS:-30} seconds, seeded
# from tests/corpus/hostile and schemas/examples (when present). Prints the
# executions and rate per target and any crash; exits non-zero on a crash.
# Needs clang and libclang-rt-14-dev (the libFuzzer runtime).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=$repo/build-fuzz
seconds=${FUZZ_SECONDS:-30}

# The libraries get coverage instrumentation too (fuzzer-no-link), or
# libFuzzer would see only the target file and mutate blind.
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DSUBSIDY_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" >/dev/null
cmake --build "$build" >/dev/null

# seed_dir TARGET: a fresh working corpus copied from the seeds.
seed_dir() {
    local dir=$build/fuzz-corpus/$1
    mkdir -p "$dir"
    local src
    for src in "$repo/tests/corpus/hostile" "$repo/schemas/examples"; do
        [[ -d $src ]] && find "$src" -type f -name '*.json' -exec cp -t "$dir" {} +
    done
    printf '%s' "$dir"
}

status=0
for src in "$repo"/tests/fuzz/fuzz_*.c; do
    target=$(basename "$src" .c)
    exe=$(find "$build" -type f -name "$target" -perm -u+x | head -n 1)
    [[ -n $exe ]] || {
        echo "fuzz: $target was not built" >&2
        status=1
        continue
    }
    corpus=$(seed_dir "$target")
    artifacts=$build/fuzz-artifacts/$target
    mkdir -p "$artifacts"
    log=$build/$target.log
    rc=0
    "$exe" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=1100000 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || rc=$?
    execs=$(grep -m1 '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    rate=$(grep -m1 '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    printf 'fuzz: %s: %s executions in %ss (%s exec/s), exit %d\n' "$target" "${execs:-?}" \
        "$seconds" "${rate:-?}" "$rc"
    if [[ $rc -ne 0 ]] || grep -qE 'ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error:' "$log"; then
        echo "fuzz: $target CRASHED; log $log, inputs in $artifacts:" >&2
        grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" >&2 || true
        status=1
    fi
done
exit $status
