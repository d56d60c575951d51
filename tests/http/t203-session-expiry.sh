#!/usr/bin/env bash
# Session lifetimes (issue 3 item 5): idle 15 minutes, 5 for the IT
# administrator, 12 hours at most; an expired session is deleted and the
# log-in page says why; last_seen_at is written at most once a minute.
# Time is moved by editing the session row with the sqlite3 shell.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

STAFF=chuyenvien@stp-kontum.example
CNTT=cntt@stp-kontum.example

# sid NAME: the stored id of browser NAME's session.
sid() {
	printf '%s' "$(session_cookie "$1")" | sha256sum | cut -d' ' -f1
}
# age NAME COLUMN SECONDS: moves a time of NAME's session back.
age() {
	sql "update session set $2 = strftime('%s', 'now') - $3 where id = '$(sid "$1")'"
}
seen() {
	sql "select strftime('%s', 'now') - last_seen_at from session where id = '$(sid "$1")'"
}

login s "$STAFF" "Demo-chuyenvien-2026"
expect_location /quan-tri "staff logs in"
age s last_seen_at 840
get s /quan-tri
expect_status 200 "idle 14 minutes: still signed in"
check "the request recorded the activity" test "$(seen s)" -le 5

age s last_seen_at 30
get s /quan-tri
check "last_seen_at is written at most once a minute" test "$(seen s)" -ge 30

age s last_seen_at 960
id=$(sid s)
get s /quan-tri
expect_location '/quan-tri/dang-nhap?thong-bao=het-phien' "idle 16 minutes: the log-in page"
check "the expired session is deleted" \
	test "$(sql "select count(*) from session where id = '$id'")" = 0
check "the expired cookie is cleared" \
	grep -qi '^set-cookie: ttdt_session=; .*Max-Age=0' "$HDRS"
fetch '/quan-tri/dang-nhap?thong-bao=het-phien'
expect_body 'Phiên làm việc đã hết hạn' "the log-in page says the session expired"

login a "$CNTT" "Demo-cntt-2026"
age a last_seen_at 240
get a /quan-tri
expect_status 200 "IT administrator idle 4 minutes: still signed in"
age a last_seen_at 360
get a /quan-tri
expect_location '/quan-tri/dang-nhap?thong-bao=het-phien' \
	"IT administrator idle 6 minutes: the log-in page"

login s "$STAFF" "Demo-chuyenvien-2026"
age s created_at $((11 * 3600))
get s /quan-tri
expect_status 200 "a session 11 hours old, active: still signed in"
age s created_at $((12 * 3600 + 60))
get s /quan-tri
expect_location '/quan-tri/dang-nhap?thong-bao=het-phien' \
	"a session over 12 hours old: the log-in page, however active"

# A disabled account's session ends at once.
login s "$STAFF" "Demo-chuyenvien-2026"
"$TTDT" user disable --db "$T_TMP/t.db" --email "$STAFF" >/dev/null 2>&1
get s /quan-tri
expect_location /quan-tri/dang-nhap "a disabled account: the log-in page"
t_done
