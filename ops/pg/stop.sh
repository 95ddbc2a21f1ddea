#!/usr/bin/env bash
# ops/pg/stop.sh - stops this run's PostgreSQL cluster in $PG_DIR (pg_ctl stop
# -m fast: open sessions are ended, committed data stays). Not an error when
# the cluster is absent or already stopped.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../env.sh
source "$HERE/../env.sh"
# shellcheck source=SCRIPTDIR/common.sh
source "$HERE/common.sh"

if [[ ! -f $PGDATA/PG_VERSION ]]; then
    echo "postgres: no cluster in $PGDATA"
    exit 0
fi
if ! pg_running; then
    echo "postgres not running ($PGDATA)"
    exit 0
fi
pg_as_owner pg_ctl stop -D "$PGDATA" -m fast -w -t 60 >/dev/null
echo "postgres stopped ($PGDATA)"
