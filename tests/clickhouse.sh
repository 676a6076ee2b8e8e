# shellcheck disable=SC2034,SC2154 # CH_* are for the tests that source
# this; _ch_rc is set in the trap, T and _tap_end come from tests/lib.sh
# tests/clickhouse.sh: a real ClickHouse server for the fleet store tests,
# sourced after tests/lib.sh (as tests/nginx.sh starts nginx).  Debian's
# clickhouse-server runs with a private configuration and data folder under
# $T, listening on 127.0.0.1 only, and is stopped when the test ends:
#
#   ch_start      start it; sets CH_URL (http://127.0.0.1:PORT) and
#                 CH_DB (clickhouse://127.0.0.1:PORT/fleet, for --db)
#   ch_query SQL  run one statement over HTTP, the answer on stdout
#   ch_stop       stop it (also run at exit, whatever happens)
#
# Without clickhouse-server (./quickstart check installs it) ch_start
# fails: the test fails, it is never skipped.  The configuration's root
# element is <yandex>, as ClickHouse 18.16 (Debian 12) wants it.

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy 2>/dev/null || true

CLICKHOUSE=$(command -v clickhouse-server 2>/dev/null || echo /usr/sbin/clickhouse-server)

_ch_pid=
ch_stop() {
	if [ -n "$_ch_pid" ]; then
		kill "$_ch_pid" 2>/dev/null || true
		wait "$_ch_pid" 2>/dev/null || true
	fi
	_ch_pid=
}
trap '_ch_rc=$?; ch_stop; (exit $_ch_rc); _tap_end' EXIT
trap 'exit 130' INT TERM

ch_query() {
	curl -sS --fail-with-body --max-time 120 --data-binary "$1" "$CH_URL/"
}

ch_start() {
	if [ ! -x "$CLICKHOUSE" ]; then
		echo "# clickhouse-server is not installed (./quickstart check installs it)"
		return 1
	fi
	CH=$T/clickhouse
	mkdir -p "$CH/data" "$CH/tmp" "$CH/log"
	_http=$(stall-server -p)
	_tcp=$(stall-server -p)
	cat >"$CH/users.xml" <<EOF_USERS
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
EOF_USERS
	cat >"$CH/config.xml" <<EOF_CONFIG
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$CH/log/server.log</log>
    <errorlog>$CH/log/error.log</errorlog>
    <console>0</console>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$_http</http_port>
  <tcp_port>$_tcp</tcp_port>
  <path>$CH/data/</path>
  <tmp_path>$CH/tmp/</tmp_path>
  <user_files_path>$CH/tmp/</user_files_path>
  <users_config>$CH/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>104857600</mark_cache_size>
  <uncompressed_cache_size>104857600</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
</yandex>
EOF_CONFIG
	"$CLICKHOUSE" --config-file="$CH/config.xml" >"$CH/log/stdout" 2>&1 &
	_ch_pid=$!
	CH_URL=http://127.0.0.1:$_http
	CH_DB=clickhouse://127.0.0.1:$_http/fleet
	_i=0
	while [ $_i -lt 300 ]; do
		if [ "$(curl -s --max-time 2 "$CH_URL/ping" 2>/dev/null)" = "Ok." ]; then
			return 0
		fi
		if ! kill -0 "$_ch_pid" 2>/dev/null; then
			break
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "# clickhouse-server did not start:"
	tail -n 20 "$CH/log/error.log" "$CH/log/stdout" 2>/dev/null | sed 's/^/# /'
	return 1
}
