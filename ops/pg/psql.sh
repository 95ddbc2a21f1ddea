#!/usr/bin/env bash
# ops/pg/psql.sh - psql connected to this run's database ($PG_DSN: database
# $PG_DB as $PG_USER on 127.0.0.1:$PG_PORT); every argument and standard input
# go to psql unchanged, e.g. ops/pg/psql.sh -qAtX -c 'select 1'.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
exec psql -d "$PG_DSN" "$@"
