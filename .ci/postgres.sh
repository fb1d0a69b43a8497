# Starts the local PostgreSQL cluster (creating one if there is none), makes a role and a database
# for the ledger tests, and exports MOODLEBRIDGE_POSTGRES_URL for them. Sourced by .ci/setup --tests
# and by .ci/run. Runs as root.
if [ -z "${MOODLEBRIDGE_POSTGRES_URL:-}" ]; then
    if ! command -v pg_lsclusters >/dev/null; then
        echo "setup: PostgreSQL is not installed (apt-get install postgresql)" >&2
        return 1
    fi
    if [ -z "$(pg_lsclusters -h)" ]; then
        pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        pg_createcluster "$pg_version" main
        pg_changed="created cluster"
    fi
    read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -n 1)
    if [ "$pg_status" != "online" ]; then
        pg_ctlcluster "$pg_version" "$pg_cluster" start
        pg_changed="started"
    fi
    pg_sql() { su postgres -c "psql -p $pg_port -v ON_ERROR_STOP=1 -tAc \"$1\""; }
    for _ in $(seq 1 30); do pg_sql "select 1" >/dev/null 2>&1 && break; sleep 1; done
    [ "$(pg_sql "select 1 from pg_roles where rolname = 'bridge'")" = "1" ] ||
        { pg_sql "create role bridge login password 'bridge' createdb" >/dev/null && pg_changed="made the test role"; }
    # The role the bridge connects as in the roles test: it owns nothing, so it cannot disable the
    # ledger's triggers (the test grants it rows in a schema the test role owns).
    [ "$(pg_sql "select 1 from pg_roles where rolname = 'bridge_app'")" = "1" ] ||
        { pg_sql "create role bridge_app login password 'bridge_app'" >/dev/null && pg_changed="made the test roles"; }
    [ "$(pg_sql "select 1 from pg_database where datname = 'moodlebridge_test'")" = "1" ] ||
        { pg_sql "create database moodlebridge_test owner bridge" >/dev/null && pg_changed="made the test database"; }
    export MOODLEBRIDGE_POSTGRES_URL="postgres://bridge:bridge@127.0.0.1:${pg_port}/moodlebridge_test"
    if [ -n "${pg_changed:-}" ]; then
        echo "setup: PostgreSQL ${pg_version}/${pg_cluster} on port ${pg_port} (${pg_changed})"
    fi
fi
