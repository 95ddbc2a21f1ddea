# shellcheck shell=bash
# ops/wait.sh - sourced by the demo and the integration tests: waiting for the
# pipeline to finish what was published. Needs BUILD_DIR and REPO (ops/env.sh).
# Each function returns non-zero with a message on stderr when time runs out.

# wait_settled COUNT SECONDS: intake has consumed everything published, then
# COUNT applications are at rest (subsidy-admin wait says after how long).
wait_settled() {
    local deadline=$((SECONDS + $2))
    # lag fails quietly while the group is still forming: just ask again.
    until [[ $("$BUILD_DIR/subsidy-admin" --log-level=error lag subsidy-intake \
        subsidy.application.submitted 2>/dev/null) == 0 ]]; do
        ((SECONDS < deadline)) || { echo "intake did not catch up in $2 s" >&2; return 1; }
        sleep 0.5
    done
    "$BUILD_DIR/subsidy-admin" --log-level=error wait "$1" "$2"
}

# wait_sql CONDITION SECONDS: until the database says SELECT CONDITION is true.
wait_sql() {
    local deadline=$((SECONDS + $2))
    until [[ $("$REPO/ops/pg/psql.sh" -qAtX -c "SELECT $1") == t ]]; do
        ((SECONDS < deadline)) || { echo "timed out after $2 s waiting for: $1" >&2; return 1; }
        sleep 0.5
    done
}
