#!/usr/bin/env bash
# make_big.sh OUT_DIR - writes the hostile messages too big to commit, named
# like tests/corpus/hostile/ (<EXPECTED_CODE>.<what>.json), for the tests to
# generate at run time:
#   TOO_DEEP.brackets-100000.json          100,000 nested arrays in an envelope
#   PAYLOAD_TOO_LARGE.name-10mib.json      a 10 MiB applicant name (> 1 MiB limit)
#   NUMBER_OVERFLOW.digits-1000000.json    a 1,000,000-digit claim amount (< 1 MiB)
# Bash, printf, head and tr only.
set -euo pipefail
export LC_ALL=C
[[ $# -eq 1 ]] || {
    echo "usage: make_big.sh OUT_DIR" >&2
    exit 2
}
here=$(cd "$(dirname "$0")" && pwd)
out=$1
. "$here/envelope_lib.sh"
mkdir -p "$out"

# repeat N CHAR: N copies of CHAR on stdout.
repeat() {
    head -c "$1" /dev/zero | tr '\0' "$2"
}

corpus_ids 900001
env=$(corpus_envelope "$(corpus_app)")
{
    printf '%s' "${env%\}}"',"x":'
    repeat 100000 '['
    repeat 100000 ']'
    printf '}'
} >"$out/TOO_DEEP.brackets-100000.json"

corpus_ids 900002
app=$(corpus_app)
{
    env=$(corpus_envelope "${app%%株式会社まつど介護*}")
    printf '%s' "${env%\}}"
    repeat $((10 * 1024 * 1024)) 'a'
    printf '%s' "${app#*株式会社まつど介護}}"
} >"$out/PAYLOAD_TOO_LARGE.name-10mib.json"

corpus_ids 900003
app=$(corpus_app)
env=$(corpus_envelope "${app%%21000,\"attachments\"*}")
env=${env%\}}
{
    printf '%s' "$env"
    repeat 1000000 '9'
    printf '%s' ",\"attachments\"${app#*21000,\"attachments\"}}"
} >"$out/NUMBER_OVERFLOW.digits-1000000.json"

printf 'make_big: 3 files in %s\n' "$out"
