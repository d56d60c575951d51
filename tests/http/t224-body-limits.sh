#!/usr/bin/env bash
# Body limits per route (issue 4 item 7): the routes that take files
# accept bodies up to [server] upload_max, every other route max_body;
# bodies over max_body are held in memory, so only two are received at
# once and a third is answered 503 instead of growing the process.
. "$(dirname "$0")/lib.sh"

start_server "[server]" "max_body = 64k" "upload_max = 1m"

head -c 300000 /dev/urandom >"$T_TMP/300k"
head -c 1200000 /dev/urandom >"$T_TMP/1200k"
up() { # up PATH FILE [curl args]: a multipart POST, no session
	local p=$1 f=$2
	shift 2
	fetch "$p" -X POST -F "tep=@$f;type=image/jpeg" -F csrf=x "$@"
}

up /quan-tri/ho-so "$T_TMP/300k"
expect_status 413 "300 kB to an ordinary route is over max_body 64k: 413"
for p in /quan-tri/thu-vien/tai-len /quan-tri/thu-vien/7 \
	/quan-tri/tin-bai/12/tep; do
	up "$p" "$T_TMP/300k"
	check "300 kB to $p is read (upload_max 1m) and reaches the guard" \
		test "$STATUS" != 413 -a "$STATUS" != 503 -a "$STATUS" != 000
done
up /quan-tri/thu-vien/tai-len "$T_TMP/1200k"
expect_status 413 "1.2 MB to an upload route is over upload_max: 413"
up /quan-tri/tin-bai/12/tep/cap-nhat "$T_TMP/300k"
expect_status 413 "a longer path than the upload pattern keeps max_body"
up /quan-tri/tin-bai//tep "$T_TMP/300k"
expect_status 413 "an empty :id segment does not match the upload pattern"
up "/quan-tri/thu-vien/tai-len?x=1" "$T_TMP/300k"
check "a query string does not change the route's limit" \
	test "$STATUS" != 413

# Chunked bodies (no Content-Length) are held to the same limits.
up /quan-tri/ho-so "$T_TMP/300k" -H 'Transfer-Encoding: chunked'
expect_status 413 "a chunked 300 kB body to an ordinary route: 413"
up /quan-tri/thu-vien/tai-len "$T_TMP/300k" -H 'Transfer-Encoding: chunked'
check "a chunked 300 kB body to an upload route is read" \
	test "$STATUS" != 413 -a "$STATUS" != 503

# Two slow uploads hold both slots; a third big one gets 503 at once,
# a small request still goes through, and after them big ones work again.
slow=()
for i in 1 2; do
	curl -s -o /dev/null -w '%{http_code}' --limit-rate 60k \
		-X POST -F "tep=@$T_TMP/300k" -F csrf=x \
		"$BASE/quan-tri/thu-vien/tai-len" >"$T_TMP/slow$i" &
	slow+=($!)
done
sleep 1.5
up /quan-tri/thu-vien/tai-len "$T_TMP/300k"
expect_status 503 "a third big body while two are received: 503"
check "the 503 page is in Vietnamese" grep -q "nhiều tệp" "$BODY"
fetch /quan-tri/dang-nhap
expect_status 200 "a small request is served meanwhile"
wait "${slow[@]}"
check "the slow uploads were read whole" \
	test "$(cat "$T_TMP/slow1")" != 503 -a "$(cat "$T_TMP/slow2")" != 503 \
	-a "$(cat "$T_TMP/slow1")" != 413
up /quan-tri/thu-vien/tai-len "$T_TMP/300k"
check "after them the slots are free again" test "$STATUS" != 503
check "the server is alive" server_alive

stop_server
t_done
