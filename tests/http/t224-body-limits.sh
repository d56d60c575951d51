#!/usr/bin/env bash
# Body limits per route (issue 4 item 7): the newsroom's upload routes
# accept bodies up to [server] upload_max from signed-in people only, the
# public contribution form up to contribute_max, every other request
# max_body.  Bodies over max_body are held in memory, so each pool (the
# newsroom's, the public form's) receives at most two at once and a
# third gets 503; a pool's slots are its own, and a body that trickles in
# too slowly is cut off.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server "[server]" "max_body = 64k" "upload_max = 1m" \
	"contribute_max = 1m"

head -c 300000 /dev/urandom >"$T_TMP/300k"
head -c 1200000 /dev/urandom >"$T_TMP/1200k"
login staff chuyenvien@stp-kontum.example Demo-chuyenvien-2026
check "the staff member is signed in" test "$STATUS" = 303
# up PATH FILE [curl args]: a multipart POST as the signed-in staff member
# (no form token: the guard refuses it after the body is read).
up() {
	local p=$1 f=$2
	shift 2
	post staff "$p" -F "tep=@$f;type=image/jpeg" -F csrf=x "$@"
}
read_whole() { test "$STATUS" != 413 -a "$STATUS" != 503 -a "$STATUS" != 000; }

up /quan-tri/ho-so "$T_TMP/300k"
expect_status 413 "300 kB to an ordinary route is over max_body 64k: 413"
for p in /quan-tri/thu-vien/tai-len /quan-tri/thu-vien/7 \
	/quan-tri/tin-bai/12/tep; do
	up "$p" "$T_TMP/300k"
	check "300 kB to $p from a signed-in account is read (upload_max 1m)" \
		read_whole
done
fetch /quan-tri/thu-vien/tai-len -X POST -F "tep=@$T_TMP/300k" -F csrf=x
expect_status 413 "the same without a session stays at max_body: 413"
fetch /quan-tri/thu-vien/tai-len -X POST -F "tep=@$T_TMP/300k" -F csrf=x \
	-b "ttdt_session=$(printf '%064d' 7)"
expect_status 413 "a made-up session cookie stays at max_body: 413"
up /quan-tri/thu-vien/tai-len "$T_TMP/1200k"
expect_status 413 "1.2 MB to an upload route is over upload_max: 413"
up /quan-tri/tin-bai/12/tep/cap-nhat "$T_TMP/300k"
expect_status 413 "a longer path than the upload pattern keeps max_body"
up /quan-tri/tin-bai//tep "$T_TMP/300k"
expect_status 413 "an empty :id segment does not match the upload pattern"
up "/quan-tri/thu-vien/tai-len?x=1" "$T_TMP/300k"
check "a query string does not change the route's limit" read_whole
fetch /gui-tin-bai -X POST -F "tep=@$T_TMP/300k" -F csrf=x
check "300 kB to the public form is read (contribute_max 1m)" read_whole

# Chunked bodies (no Content-Length) are held to the same limits.
up /quan-tri/ho-so "$T_TMP/300k" -H 'Transfer-Encoding: chunked'
expect_status 413 "a chunked 300 kB body to an ordinary route: 413"
up /quan-tri/thu-vien/tai-len "$T_TMP/300k" -H 'Transfer-Encoding: chunked'
check "a chunked 300 kB body to an upload route is read" read_whole

# Two slow public uploads hold the public form's slots: a third gets 503
# at once, while the newsroom's uploads and small requests go on.
slow=()
for i in 1 2; do
	curl -s -o /dev/null -w '%{http_code}' --limit-rate 60k \
		-X POST -F "tep=@$T_TMP/300k" -F csrf=x \
		"$BASE/gui-tin-bai" >"$T_TMP/slow$i" &
	slow+=($!)
done
sleep 1.5
fetch /gui-tin-bai -X POST -F "tep=@$T_TMP/300k" -F csrf=x
expect_status 503 "a third big public body while two are received: 503"
check "the 503 page is in Vietnamese" grep -q "nhiều tệp" "$BODY"
up /quan-tri/thu-vien/tai-len "$T_TMP/300k"
check "the newsroom's upload is not held up by the public ones" read_whole
fetch /quan-tri/dang-nhap
expect_status 200 "a small request is served meanwhile"
wait "${slow[@]}"
check "the slow uploads were read whole" \
	test "$(cat "$T_TMP/slow1")" != 503 -a "$(cat "$T_TMP/slow2")" != 503 \
	-a "$(cat "$T_TMP/slow1")" != 413
fetch /gui-tin-bai -X POST -F "tep=@$T_TMP/300k" -F csrf=x
check "after them the public slots are free again" read_whole

# A body that trickles in (a few bytes a second) loses its slot after
# the grace period instead of holding it for the idle timeout.
python3 - "$T_HOST" "$T_PORT" >"$T_TMP/trickle" <<'PY' &
import socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
s.sendall(b"POST /gui-tin-bai HTTP/1.1\r\nHost: t\r\n"
          b"Content-Type: application/octet-stream\r\n"
          b"Content-Length: 900000\r\n\r\n" + b"x" * 70000)
start = time.time()
try:
    while time.time() - start < 40:
        s.sendall(b"x" * 16)
        time.sleep(1)
    print("still open")
except OSError:
    print("cut off after %d s" % (time.time() - start))
PY
tpid=$!
wait "$tpid"
check "a trickling body is cut off within 40 s" grep -q "cut off" "$T_TMP/trickle"
note "$(cat "$T_TMP/trickle")"
check "the server is alive" server_alive

stop_server
t_done
