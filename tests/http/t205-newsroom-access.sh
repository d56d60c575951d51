#!/usr/bin/env bash
# [security] newsroom_allow limits the newsroom to address ranges (IPv4
# and IPv6); cookie_secure (or an https base_url) adds Secure to the
# cookies and Strict-Transport-Security to the newsroom's answers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server "[security]" "newsroom_allow = 10.0.0.0/8, fd00::/8"
fetch /quan-tri/dang-nhap
expect_vi_error 403 "127.0.0.1 outside 10.0.0.0/8: the log-in page"
expect_body 'chỉ mở cho các địa chỉ mạng của cơ quan' "the message says why"
fetch /quan-tri/dang-nhap -H "Origin: $BASE" --data-urlencode "csrf=x"
expect_status 403 "outside the ranges: a log-in POST"
fetch /
expect_status 200 "the public site is not limited"
stop_server

start_server "[security]" "newsroom_allow = 10.0.0.0/8 127.0.0.0/8,::1"
fetch /quan-tri/dang-nhap
expect_status 200 "127.0.0.1 inside 127.0.0.0/8: the log-in page"
stop_server

if sed 's/^newsroom_allow.*/newsroom_allow = 10.0.0.300\/8/' "$T_TMP/ttdt.ini" \
	>"$T_TMP/bad.ini" && ! "$TTDT" serve --config "$T_TMP/bad.ini" \
	>"$T_TMP/bad.log" 2>&1; then
	ok "a malformed range stops the server from starting"
else
	not_ok "a malformed range stops the server from starting"
fi
check "it names the range" grep -q "10.0.0.300/8" "$T_TMP/bad.log"

start_server "[security]" "cookie_secure = true"
fetch /quan-tri/dang-nhap
expect_header Set-Cookie '^ttdt_csrf=[0-9a-f]{64};.*; Secure$' "cookie_secure: Secure on the token cookie"
expect_header Strict-Transport-Security 'max-age=[0-9]+' "cookie_secure: HSTS"
login a cntt@stp-kontum.example Demo-cntt-2026
check "cookie_secure: the session cookie is Secure" \
	grep -qiE '^set-cookie: ttdt_session=[0-9a-f]{64};.*; Secure' "$HDRS"
fetch /
check "no HSTS on the public site from the newsroom's code" \
	test -z "$(header Strict-Transport-Security)"
t_done
