#!/usr/bin/env bash
# ops/kafka/fetch.sh - puts the jars of the Kafka broker pinned in
# ops/kafka/pom.xml (broker, tools, a log4j2 binding) into $KAFKA_LIBS with
# Maven, whose local repository is $SUBSIDY_CACHE/m2. Does nothing when the
# jars are already there. Safe to run from two places at once: a lock file
# serialises the fetch, and Maven copies into a private folder that is renamed
# into place only when complete.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"

# The jar whose presence means a complete fetch (the rename is the last step).
MARKER="$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar"

present() {
    [[ -f $MARKER ]] || return 1
    echo "kafka $KAFKA_VERSION jars present in $KAFKA_LIBS"
}

present && exit 0
command -v mvn >/dev/null || { echo "fetch.sh: mvn not found (run ops/install.sh)" >&2; exit 1; }
parent=$(dirname "$KAFKA_LIBS")
mkdir -p "$parent" "$SUBSIDY_CACHE/m2"
exec 9>"$parent/fetch.lock"
flock 9
present && exit 0

staging=$(mktemp -d "$parent/libs.partial.XXXXXX")
trap 'rm -rf "$staging"' EXIT
echo "fetching kafka $KAFKA_VERSION jars with maven into $KAFKA_LIBS"
start=$SECONDS
log="$staging/maven.log"
if ! mvn -B -f "$REPO/ops/kafka/pom.xml" \
    -Dmaven.repo.local="$SUBSIDY_CACHE/m2" \
    dependency:copy-dependencies \
    -DincludeScope=runtime \
    -DoutputDirectory="$staging" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fetch.sh: maven failed (above: the end of its output)" >&2
    exit 1
fi
rm -f "$log"
[[ -f $staging/${MARKER##*/} ]] || { echo "fetch.sh: maven did not bring ${MARKER##*/}" >&2; exit 1; }

chmod 755 "$staging"
rm -rf "$KAFKA_LIBS"
mv "$staging" "$KAFKA_LIBS"
trap - EXIT
echo "fetched $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $((SECONDS - start)) s"
