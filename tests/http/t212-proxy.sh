#!/usr/bin/env bash
# The client address (issue 3 item 5): the connection's, or taken from
# X-Forwarded-For only when the connection comes from a proxy named in
# [server] trusted_proxies.  The chain is read right to left, skipping
# trusted proxies; the first address not trusted is the client (anything
# left of it is whatever the client claimed).  A malformed entry ends the
# walk: the last trusted hop is used.  The address is what the access
# log, the audit log and newsroom_allow see.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

# The access log goes to standard error (server.log), one write a line,
# so a line is there as soon as the answer is (a file is buffered).
LOG=$T_TMP/server.log
# seen PATH: the address of the access log's last line for a GET of PATH.
seen() {
	grep -F "\"GET $1 HTTP/" "$LOG" | tail -n 1 | cut -d ' ' -f 1
}
# xff_get NAME VALUE PATH: a GET of PATH with X-Forwarded-For: VALUE.
xff_get() {
	fetch "$3" -H "X-Forwarded-For: $2"
}
# xff_login NAME XFF EMAIL PASSWORD: log-in as browser NAME, both the
# form and the post carrying X-Forwarded-For: XFF.
xff_login() {
	local tok
	get "$1" /quan-tri/dang-nhap -H "X-Forwarded-For: $2"
	tok=$(page_token)
	post "$1" /quan-tri/dang-nhap -H "X-Forwarded-For: $2" \
		--data-urlencode "csrf=$tok" --data-urlencode "email=$3" \
		--data-urlencode "mat_khau=$4"
}
# last_login_addr: the client address of the newest login.ok entry.
last_login_addr() {
	sql "select client_addr from audit where action = 'login.ok' order by id desc limit 1"
}

# --- No trusted proxy: the header is ignored.
start_server "[server]" "access_log = -"
xff_get a 10.1.2.3 '/?khong-tin=1'
expect_status 200 "no trusted proxy: a page with X-Forwarded-For"
check "the access log shows the connection's address" \
	test "$(seen '/?khong-tin=1')" = 127.0.0.1
xff_login a 203.0.113.9 thuky@stp-kontum.example Demo-thuky-2026
expect_location /quan-tri "no trusted proxy: log-in"
check "the log-in's audit entry shows 127.0.0.1, not the header" \
	test "$(last_login_addr)" = 127.0.0.1
check "so does the session" \
	test "$(sql "select client_addr from session order by created_at desc limit 1")" = 127.0.0.1
stop_server

start_server "[security]" "newsroom_allow = 10.0.0.0/8"
xff_get a 10.1.2.3 /quan-tri/dang-nhap
expect_status 403 "no trusted proxy: a forwarded 10.1.2.3 is not let in by newsroom_allow"
stop_server

# --- 127.0.0.1 is a trusted proxy.
start_server "[server]" "access_log = -" "trusted_proxies = 127.0.0.1 ::1" \
	"[security]" "newsroom_allow = 10.0.0.0/8"
xff_get a 10.1.2.3 /quan-tri/dang-nhap
expect_status 200 "trusted proxy: a forwarded 10.1.2.3 is inside 10.0.0.0/8"
check "the access log shows the forwarded address" \
	test "$(seen /quan-tri/dang-nhap)" = 10.1.2.3
xff_get a 192.0.2.1 /quan-tri/dang-nhap
expect_status 403 "trusted proxy: a forwarded 192.0.2.1 is refused"
fetch /quan-tri/dang-nhap
expect_status 403 "trusted proxy without the header: the proxy's own address, refused"
xff_login b 10.1.2.3 thuky@stp-kontum.example Demo-thuky-2026
expect_location /quan-tri "trusted proxy: log-in from a forwarded 10.1.2.3"
check "the log-in's audit entry shows the forwarded address" \
	test "$(last_login_addr)" = 10.1.2.3
get b /quan-tri -H "X-Forwarded-For: 10.1.2.3"
expect_status 200 "the session works through the proxy"

# Chains, right to left.
xff_get a "10.9.9.9, 127.0.0.1" /quan-tri/dang-nhap
expect_status 200 "a chain through a second trusted proxy: the address before it (10.9.9.9)"
check "the access log shows 10.9.9.9" test "$(seen /quan-tri/dang-nhap)" = 10.9.9.9
xff_get a "10.1.2.3, 192.0.2.1" /quan-tri/dang-nhap
expect_status 403 "a chain: the rightmost untrusted (192.0.2.1) counts, not a claimed 10.1.2.3"
xff_get a "192.0.2.1,10.4.5.6" /quan-tri/dang-nhap
expect_status 200 "a chain: the address the proxy saw (10.4.5.6), not the client's claim"
check "the access log shows 10.4.5.6" test "$(seen /quan-tri/dang-nhap)" = 10.4.5.6

# Two header lines: the last is the one the proxy wrote.
fetch /quan-tri/dang-nhap -H "X-Forwarded-For: 10.1.2.3" \
	-H "X-Forwarded-For: 192.0.2.1"
expect_status 403 "two X-Forwarded-For lines: the last (192.0.2.1) counts"
fetch /quan-tri/dang-nhap -H "X-Forwarded-For: 192.0.2.1" \
	-H "X-Forwarded-For: 10.1.2.3"
expect_status 200 "two X-Forwarded-For lines: the last (10.1.2.3) counts"

# Garbage is ignored: the proxy's own address stays.
for bad in "garbage" "10.1.2.3, garbage" "10.1.2.3 junk" "10.1.2.300" \
	"10.1.2.3:8080" "" " , ,"; do
	xff_get a "$bad" /quan-tri/dang-nhap
	expect_status 403 "X-Forwarded-For '$bad': ignored, refused as 127.0.0.1"
	check "X-Forwarded-For '$bad': the access log shows 127.0.0.1" \
		test "$(seen /quan-tri/dang-nhap)" = 127.0.0.1
done
xff_get a "2001:db8::7" /
check "an IPv6 forwarded address is logged as such" \
	test "$(seen /)" = 2001:db8::7
xff_login c 192.0.2.77 thanhvien@stp-kontum.example Demo-thanhvien-2026
expect_status 403 "a log-in forwarded from outside the ranges is refused"
check "and leaves no login.ok entry" \
	test "$(last_login_addr)" = 10.1.2.3
t_done
