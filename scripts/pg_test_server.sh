#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server on loopback for the test suite.
#   scripts/pg_test_server.sh start DIR   -> prints the database URL to use with --db-url
#   scripts/pg_test_server.sh stop DIR
# Installs Debian's postgresql package when no server binaries are found (needs root).
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a directory for the cluster}
if [ -n "${PGTEST_PORT:-}" ]; then
  port=$PGTEST_PORT
else
  # a port nothing listens on right now
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bin=$(find_bin)
if [ -z "$bin" ] && [ "$action" = start ]; then
  echo "installing PostgreSQL from the distribution's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

run_as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    run_as_pg "$bin/initdb" -D "$dir/data" -U tracker --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    if ! run_as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" \
      start >&2; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    run_as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U tracker tracker_test
    echo "postgresql+psycopg://tracker@127.0.0.1:$port/tracker_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      run_as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
