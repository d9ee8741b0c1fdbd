#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port, for the postgres store's tests and benchmarks.
#   scripts/postgres.sh start [port]   create (first time) and start it unless it runs; prints the JDBC
#                                      URL, the user and the password file (default port 55432)
#   scripts/postgres.sh stop           stop it (its data stays until `rm -rf target/postgres`)
#   scripts/postgres.sh restart        pg_ctl restart, as a failover test does
# The cluster lives in target/postgres (or $CHECKPOINT_PG_DIR); the user `checkpoint` logs in over TCP
# with a password (scram-sha-256) kept in an owner-only file. Run as root, the server runs as the
# `postgres` user, as PostgreSQL refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: $0 start [port] | stop | restart" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] || { echo "PostgreSQL is not installed here; on Debian: apt-get install -y postgresql" >&2; exit 1; }
dir=${CHECKPOINT_PG_DIR:-$PWD/target/postgres}
data=$dir/data
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
start)
    port=${2:-55432}
    [[ $port =~ ^[0-9]+$ ]] || { echo "port must be a number, got '$port'" >&2; exit 2; }
    mkdir -p "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
        umask 077
        head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
        [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
        as_owner "$bin/initdb" -D "$data" -U checkpoint --pwfile="$dir/password" --auth-local=trust \
            --auth-host=scram-sha-256 >"$dir/initdb.log"
    fi
    echo "$port" > "$dir/port"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/port"
    # Started once: a second start (a script after CI's) finds it running.
    as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 || as_owner "$bin/pg_ctl" -D "$data" \
        -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    as_owner "$bin/psql" -h "$dir" -p "$port" -U checkpoint -d postgres -qAt \
        -c "select 1 from pg_database where datname = 'checkpoint'" | grep -q 1 \
        || as_owner "$bin/createdb" -h "$dir" -p "$port" -U checkpoint checkpoint
    echo "jdbcUrl=jdbc:postgresql://127.0.0.1:$port/checkpoint"
    echo "jdbcUser=checkpoint"
    echo "jdbcPasswordFile=$dir/password"
    ;;
stop)
    [ -f "$data/PG_VERSION" ] || { echo "no cluster in $data" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    ;;
restart)
    [ -f "$dir/port" ] || { echo "no cluster in $data" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -m fast -w \
        -o "-p $(cat "$dir/port") -k $dir -c listen_addresses=127.0.0.1" restart >/dev/null
    ;;
*)
    usage
    ;;
esac
