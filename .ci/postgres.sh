# Sourced by .ci/run: starts a throw-away PostgreSQL server for the API tests (npm run test:pg) and
# exports TEST_DATABASE_URL; the server and its files go away when the calling script exits.
# Needs Debian's postgresql package (.ci/run installs it). Can also be sourced on its own to get a
# server for local runs: `source .ci/postgres.sh && start_test_postgres`.

start_test_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "ci: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1
  fi

  # PostgreSQL refuses to run as root: as root, run it as the package's `postgres` user.
  local as_owner=()
  [ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)

  CI_PG_DIR="$(mktemp -d /tmp/recall-ci-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$CI_PG_DIR"
  # Loopback only, on the first free port from 5433 up (a system cluster may own 5432).
  local port=5433
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

  # trust: the server listens on 127.0.0.1 only and lives for this CI run only. fsync off: a test
  # database that a crash may lose. Connections: the test workers open one pool per test file.
  "${as_owner[@]}" "$bin/initdb" -D "$CI_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  CI_PG_CTL=("${as_owner[@]}" "$bin/pg_ctl" -D "$CI_PG_DIR/data")
  trap stop_test_postgres EXIT
  "${CI_PG_CTL[@]}" -l "$CI_PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $CI_PG_DIR -c fsync=off -c max_connections=200" start >/dev/null

  "${as_owner[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc \
    'create database recall_ci' >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/recall_ci"
  echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (TEST_DATABASE_URL)"
}

stop_test_postgres() {
  if [ -n "${CI_PG_DIR:-}" ] && [ -d "$CI_PG_DIR" ]; then
    "${CI_PG_CTL[@]}" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$CI_PG_DIR"
  fi
}
