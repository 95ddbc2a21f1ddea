#!/usr/bin/env bash
# ops/install.sh - installs what building, testing and running the back office
# need, and only what is missing: the Debian packages below (one apt-get run,
# only if any is absent; through sudo unless root), then the pinned Kafka
# broker's jars (ops/kafka/fetch.sh). Re-running it when everything is present
# takes well under a second and touches no network.
set -euo pipefail
OPS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PACKAGES=(
    build-essential cmake ninja-build pkg-config      # C toolchain and build
    librdkafka-dev libjansson-dev libpq-dev libssl-dev libicu-dev  # libraries
    libcmocka-dev json-schema-test-suite             # unit tests
    clang libclang-rt-14-dev clang-format             # sanitizers, fuzzing, format
    postgresql                                        # the database server
    default-jdk-headless maven                        # the Kafka broker and its fetch
    shellcheck                                        # checking these scripts
)

# Prints the packages of PACKAGES that dpkg does not list as installed.
missing_packages() {
    local installed
    installed=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "${PACKAGES[@]}" 2>/dev/null |
        awk '$1 == "installed" { print $2 }' || true)
    local p
    for p in "${PACKAGES[@]}"; do
        grep -qx "$p" <<<"$installed" || echo "$p"
    done
}

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if ((EUID == 0)); then
        "$@"
    else
        sudo "$@"
    fi
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} > 0)); then
    echo "installing ${#missing[@]} Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "Debian packages present (${#PACKAGES[@]})"
fi
"$OPS/kafka/fetch.sh"
