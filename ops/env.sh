# shellcheck shell=bash
# ops/env.sh - the one place that names the work folders, ports and database of
# a run. Sourced by every ops script (never executed). Each variable keeps the
# value it already has; only unset ones get the default below, and all are
# exported so the scripts this one's caller starts see the same run.
#
#   REPO                   repository root (always derived from this file)
#   SUBSIDY_WORK           work folder of this run        ($REPO/.work/dev)
#   SUBSIDY_CACHE          downloads shared by all runs    ($REPO/.cache)
#   KAFKA_PORT             broker listener                 (19092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener       (19093)
#   PG_PORT                PostgreSQL on 127.0.0.1         (55432)
#   PG_DB, PG_USER         database and its superuser      (subsidy, subsidy)
# Always derived from the above (never taken from the environment, so a
# stale export from another run cannot leak in):
#   KAFKA_VERSION          pinned in ops/kafka/pom.xml
#   KAFKA_LIBS             the broker's jars: $SUBSIDY_CACHE/kafka-$KAFKA_VERSION/libs
#   KAFKA_DIR, PG_DIR      $SUBSIDY_WORK/kafka and $SUBSIDY_WORK/pg
#   KAFKA_BROKERS, PG_DSN  what clients connect to
#
# Two runs never collide when they differ in SUBSIDY_WORK and in the three
# ports (the integration tests pick free ports and a mktemp folder). When the
# scripts run as root, PostgreSQL runs as the `postgres` user: every folder
# above $SUBSIDY_WORK must be enterable by it (chmod 755 a mktemp folder).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO

: "${SUBSIDY_WORK:=$REPO/.work/dev}"
: "${SUBSIDY_CACHE:=$REPO/.cache}"
: "${KAFKA_PORT:=19092}"
: "${KAFKA_CONTROLLER_PORT:=19093}"
: "${PG_PORT:=55432}"
: "${PG_DB:=subsidy}"
: "${PG_USER:=subsidy}"
# Relative folders are taken from the current folder, once, here: the scripts
# change folder before starting the servers.
[[ $SUBSIDY_WORK == /* ]] || SUBSIDY_WORK=$PWD/$SUBSIDY_WORK
[[ $SUBSIDY_CACHE == /* ]] || SUBSIDY_CACHE=$PWD/$SUBSIDY_CACHE
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$REPO/ops/kafka/pom.xml")
KAFKA_LIBS=$SUBSIDY_CACHE/kafka-$KAFKA_VERSION/libs
KAFKA_DIR=$SUBSIDY_WORK/kafka
PG_DIR=$SUBSIDY_WORK/pg
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
PG_DSN="host=127.0.0.1 port=$PG_PORT dbname=$PG_DB user=$PG_USER"

export SUBSIDY_WORK SUBSIDY_CACHE KAFKA_PORT KAFKA_CONTROLLER_PORT PG_PORT PG_DB PG_USER
export KAFKA_VERSION KAFKA_LIBS KAFKA_DIR PG_DIR KAFKA_BROKERS PG_DSN
