# tests/http/lib.sh: sourced by every tests/http/tNNN-area-what.sh.
#
# Each test starts a real `ttdt serve` on a free loopback port over a copy
# of a demo database, drives it with curl and stops it with SIGTERM,
# checking that it exits 0.  Checks print "ok - ..." or "not ok - ...";
# the script exits 1 if any failed.  tests/run-all counts those lines.
#
# Environment:
#   TTDT             the binary (default build/ttdt; run-all sets
#                    build-asan/ttdt for the sanitizer pass)
#   TTDT_TEST_CACHE  a directory shared by the tests of one run, where the
#                    demo database is made once and copied per test
#   TTDT_START_WAIT  seconds to wait for /healthz (default 20)
# shellcheck shell=bash

set -uo pipefail
export LC_ALL=C.UTF-8

T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$T_ROOT" || exit 1
TTDT=${TTDT:-build/ttdt}
[[ $TTDT == /* ]] || TTDT=$T_ROOT/$TTDT
T_NAME=$(basename "$0" .sh)
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttdt-$T_NAME.XXXXXX")
T_PASS=0
T_FAIL=0
T_PID=
T_PORT=
T_HOST=127.0.0.1
BASE=
# Written by fetch: status code, header and body files.
STATUS=
HDRS=$T_TMP/headers
BODY=$T_TMP/body

if [[ ! -x $TTDT ]]; then
	echo "not ok - $T_NAME: $TTDT is not built"
	exit 1
fi

t_cleanup() {
	if [[ -n $T_PID ]] && kill -0 "$T_PID" 2>/dev/null; then
		kill -KILL "$T_PID" 2>/dev/null
		wait "$T_PID" 2>/dev/null
	fi
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT
trap 'exit 130' INT TERM

ok() {
	T_PASS=$((T_PASS + 1))
	echo "ok - $*"
}

not_ok() {
	T_FAIL=$((T_FAIL + 1))
	echo "not ok - $*"
}

# check DESCRIPTION COMMAND...: ok if the command succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# note TEXT: diagnostic output, indented so it is not counted.
note() {
	sed 's/^/    # /' <<<"$*"
}

# free_port: prints a TCP port nobody listens on now, on $1 (default
# 127.0.0.1).
free_port() {
	python3 - "${1:-127.0.0.1}" <<'EOF'
import socket, sys
host = sys.argv[1]
fam = socket.AF_INET6 if ":" in host else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.bind((host, 0))
print(s.getsockname()[1])
s.close()
EOF
}

# demo_db DIR: copies a demo database (and its media) into DIR/t.db and
# DIR/media.  The database is made once per run in $TTDT_TEST_CACHE.
demo_db() {
	local dir=$1 cache=${TTDT_TEST_CACHE:-$T_TMP/cache}
	mkdir -p "$cache"
	(
		flock 9
		if [[ ! -f $cache/demo.db ]]; then
			rm -rf "${cache:?}/media" "${cache:?}/tmp.db"
			mkdir -p "$cache/media"
			if ! "$TTDT" init --db "$cache/tmp.db" --demo \
				--media "$cache/media" >"$cache/init.log" 2>&1; then
				cat "$cache/init.log" >&2
				exit 1
			fi
			mv "$cache/tmp.db" "$cache/demo.db"
		fi
	) 9>"$cache/.lock" || return 1
	cp "$cache/demo.db" "$dir/t.db"
	rm -rf "${dir:?}/media"
	cp -R "$cache/media" "$dir/media"
}

# write_config FILE [INI LINES...]: a config for this test; extra lines
# are appended verbatim (later keys of a section override earlier ones).
write_config() {
	local file=$1
	shift
	{
		echo "[server]"
		echo "listen = $T_LISTEN"
		echo "threads = 4"
		echo "access_log = $T_TMP/access.log"
		echo "[paths]"
		echo "db = $T_TMP/t.db"
		echo "templates_dir = $T_ROOT/templates"
		echo "static_dir = $T_ROOT/static"
		echo "media_dir = $T_TMP/media"
		echo "[site]"
		echo "name = Sở Tư pháp tỉnh Kon Tum"
		echo "parent_name = Ủy ban nhân dân tỉnh Kon Tum"
		echo "base_url = http://$T_LISTEN"
		local line
		for line in "$@"; do echo "$line"; done
	} >"$file"
}

# start_server [INI LINES...]: makes the database, starts ttdt on a free
# port of $T_HOST (127.0.0.1, or ::1 when T_HOST=::1 is set first) and
# waits until /healthz answers.  Sets BASE and T_PID.  Extra lines as in
# write_config, e.g. start_server "[server]" "max_body = 1k".
start_server() {
	local i wait=${TTDT_START_WAIT:-20}
	[[ -f $T_TMP/t.db ]] || demo_db "$T_TMP" || {
		not_ok "$T_NAME: cannot make the demo database"
		t_done
	}
	T_PORT=$(free_port "$T_HOST")
	if [[ $T_HOST == *:* ]]; then
		T_LISTEN="[$T_HOST]:$T_PORT"
	else
		T_LISTEN="$T_HOST:$T_PORT"
	fi
	BASE="http://$T_LISTEN"
	write_config "$T_TMP/ttdt.ini" "$@"
	"$TTDT" serve --config "$T_TMP/ttdt.ini" >"$T_TMP/server.log" 2>&1 &
	T_PID=$!
	for ((i = 0; i < wait * 10; i++)); do
		if curl -s -o /dev/null --max-time 2 "$BASE/healthz"; then
			return 0
		fi
		if ! kill -0 "$T_PID" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	not_ok "$T_NAME: server did not answer /healthz on $BASE"
	note "$(tail -n 30 "$T_TMP/server.log")"
	t_done
}

# server_alive: the server process is still running.
server_alive() {
	[[ -n $T_PID ]] && kill -0 "$T_PID" 2>/dev/null
}

# stop_server: SIGTERM, then checks the exit status is 0 and the log has
# no sanitizer report.
stop_server() {
	local status i
	[[ -n $T_PID ]] || return 0
	if ! server_alive; then
		wait "$T_PID"
		status=$?
		not_ok "$T_NAME: server died during the test (status $status)"
		note "$(tail -n 40 "$T_TMP/server.log")"
		T_PID=
		return
	fi
	kill -TERM "$T_PID"
	# Give it 20 s, as systemd's TimeoutStopSec does.
	for ((i = 0; i < 200; i++)); do
		server_alive || break
		sleep 0.1
	done
	if server_alive; then
		not_ok "$T_NAME: server still running 20 s after SIGTERM"
		kill -KILL "$T_PID"
	fi
	wait "$T_PID"
	status=$?
	T_PID=
	if ((status == 0)); then
		ok "$T_NAME: server exits 0 on SIGTERM"
	else
		not_ok "$T_NAME: server exit status $status after SIGTERM"
		note "$(tail -n 40 "$T_TMP/server.log")"
	fi
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
		"$T_TMP/server.log"; then
		not_ok "$T_NAME: sanitizer report in the server log"
		note "$(grep -A 30 -E 'Sanitizer|runtime error:' \
			"$T_TMP/server.log" | head -n 60)"
	fi
}

# fetch PATH_OR_URL [CURL ARGS...]: GET (or whatever the arguments say)
# into $BODY and $HDRS; sets STATUS ("000" if no answer).
fetch() {
	local url=$1
	shift
	[[ $url == http* ]] || url=$BASE$url
	# curl writes no file when there is no body (HEAD, 304).
	: >"$BODY"
	: >"$HDRS"
	STATUS=$(curl -sS --path-as-is --max-time 15 -o "$BODY" -D "$HDRS" \
		-w '%{http_code}' "$@" "$url" 2>"$T_TMP/curl.err")
	[[ -n $STATUS ]] || STATUS=000
	return 0
}

# fetch_head PATH [HEADER LINES...]: a HEAD request over a raw socket, so
# that a body sent by mistake is seen (curl -I would not read it).  Sets
# STATUS, $HDRS and $BODY (whatever came after the headers).
fetch_head() {
	STATUS=$(python3 - "$T_HOST" "$T_PORT" "$1" "$HDRS" "$BODY" \
		"${@:2}" <<'PY'
import socket, sys
host, port, path, hdrs, body = sys.argv[1:6]
extra = "".join(h + "\r\n" for h in sys.argv[6:])
s = socket.create_connection((host, int(port)), timeout=10)
s.sendall(("HEAD %s HTTP/1.1\r\nHost: localhost\r\n%s"
           "Connection: close\r\n\r\n" % (path, extra)).encode())
data = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
except socket.timeout:
    pass
head, _, rest = data.partition(b"\r\n\r\n")
open(hdrs, "wb").write(head + b"\r\n")
open(body, "wb").write(rest)
parts = head.split(b" ", 2)
print(parts[1].decode() if len(parts) > 1 else "000")
PY
	)
	[[ -n $STATUS ]] || STATUS=000
}

# header NAME: value of a response header of the last fetch (last one if
# repeated), without CR.
header() {
	tr -d '\r' <"$HDRS" | awk -v n="$1" 'BEGIN { IGNORECASE = 1 }
		tolower(substr($0, 1, length(n) + 1)) == tolower(n) ":" {
			v = substr($0, length(n) + 2); sub(/^[ \t]+/, "", v)
		}
		END { print v }'
}

# expect_status CODE DESCRIPTION
expect_status() {
	if [[ $STATUS == "$1" ]]; then
		ok "$2 ($STATUS)"
	else
		not_ok "$2: status $STATUS, want $1"
		note "$(head -c 600 "$BODY")"
	fi
}

# expect_status_in "CODE CODE..." DESCRIPTION
expect_status_in() {
	if [[ " $1 " == *" $STATUS "* ]]; then
		ok "$2 ($STATUS)"
	else
		not_ok "$2: status $STATUS, want one of $1"
		note "$(head -c 600 "$BODY")"
	fi
}

# expect_body TEXT DESCRIPTION: the body of the last fetch contains TEXT.
expect_body() {
	if grep -qF -- "$1" "$BODY"; then
		ok "$2"
	else
		not_ok "$2: body lacks '$1'"
		note "$(head -c 600 "$BODY")"
	fi
}

# expect_no_body TEXT DESCRIPTION
expect_no_body() {
	if grep -qF -- "$1" "$BODY"; then
		not_ok "$2: body has '$1'"
		note "$(grep -F -m 3 -- "$1" "$BODY" | cut -c 1-300)"
	else
		ok "$2"
	fi
}

# expect_body_re REGEX DESCRIPTION (grep -E)
expect_body_re() {
	if grep -qE -- "$1" "$BODY"; then
		ok "$2"
	else
		not_ok "$2: body does not match /$1/"
		note "$(head -c 600 "$BODY")"
	fi
}

# expect_header NAME REGEX DESCRIPTION
expect_header() {
	local v
	v=$(header "$1")
	if [[ -n $v ]] && grep -qiE -- "$2" <<<"$v"; then
		ok "$3"
	else
		not_ok "$3: $1 is '$v', want /$2/"
	fi
}

# expect_vi_error CODE DESCRIPTION: an HTML error page in Vietnamese.
expect_vi_error() {
	expect_status "$1" "$2"
	if grep -qi 'lang="vi"' "$BODY" &&
		grep -q '[ăâđêôơưĂÂĐÊÔƠƯàáảãạờớởỡợệếềểễộốồổỗịíìỉĩụúùủũ]' \
			"$BODY"; then
		ok "$2: Vietnamese page"
	else
		not_ok "$2: not a Vietnamese HTML page"
		note "$(head -c 400 "$BODY")"
	fi
}

# first_link REGEX: the first href in the last body matching REGEX.
first_link() {
	grep -oE "href=\"$1\"" "$BODY" | head -n 1 | sed 's/^href="//; s/"$//'
}

# t_done: stops the server if running, prints the counts, exits.
t_done() {
	[[ -z $T_PID ]] || stop_server
	echo "# $T_NAME: $T_PASS ok, $T_FAIL not ok"
	((T_FAIL == 0))
	exit $?
}
