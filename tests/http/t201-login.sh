#!/usr/bin/env bash
# The newsroom's way in: the log-in page, wrong and right passwords, the
# session cookie's flags, the dashboard, the role check on the IT
# administrator's pages, log-out ending the session, lock-out after 5
# failures and the per-address delays (issue 3 items 4, 5, 9).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

CNTT=cntt@stp-kontum.example
STAFF=chuyenvien@stp-kontum.example

fetch /quan-tri/dang-nhap
expect_status 200 "GET the log-in page"
expect_body 'lang="vi"' "the log-in page is in Vietnamese"
expect_body '<label for="email">' "the e-mail field has a label"
expect_body '<label for="mat_khau">Mật khẩu</label>' "the password field has a label"
expect_body 'autocomplete="username"' "autocomplete=username"
expect_body 'autocomplete="current-password"' "autocomplete=current-password"
expect_body_re '<main id="noi-dung"' "a main landmark"
expect_no_body '<script>' "no inline script"
expect_no_body 'style=' "no inline style"
expect_header Cache-Control 'no-store' "the log-in page is no-store"
expect_header Set-Cookie '^ttdt_csrf=[0-9a-f]{64}; Path=/quan-tri; HttpOnly; SameSite=Lax$' \
	"the log-in form's token cookie"

fetch /quan-tri
expect_location /quan-tri/dang-nhap "no session: /quan-tri goes to the log-in page"
fetch /quan-tri/ho-so
expect_location /quan-tri/dang-nhap "no session: the profile goes to the log-in page"

login a "$CNTT" "Sai-mat-khau-2026"
expect_status 200 "a wrong password answers the form again"
expect_body 'role="alert"' "the error is announced (role=alert)"
expect_body 'E-mail hoặc mật khẩu không đúng.' "wrong password: the Vietnamese message"
check "wrong password: no session cookie" \
	test -z "$(grep -i '^set-cookie: ttdt_session' "$HDRS")"
expect_body "value=\"$CNTT\"" "the e-mail typed is kept"
check "wrong password: audited login.fail" test "$(last_action)" = login.fail
sql "delete from login_attempt"

login a "nobody@stp-kontum.example" "Demo-cntt-2026"
expect_body 'E-mail hoặc mật khẩu không đúng.' \
	"an unknown e-mail gets the same message as a wrong password"
sql "delete from login_attempt"

login a "$CNTT" "Demo-cntt-2026"
expect_location /quan-tri "the right password: 303 to the dashboard"
cookie=$(grep -i '^set-cookie: ttdt_session=' "$HDRS" | tr -d '\r')
check "the session cookie is 256 bits in hex" \
	grep -qE '^set-cookie: ttdt_session=[0-9a-f]{64};' -i <<<"$cookie"
check "the session cookie is HttpOnly" grep -q '; HttpOnly' <<<"$cookie"
check "the session cookie is SameSite=Lax" grep -q '; SameSite=Lax' <<<"$cookie"
check "the session cookie is Path=/quan-tri" grep -q '; Path=/quan-tri' <<<"$cookie"
check "no Secure flag over plain http by default" \
	bash -c '! grep -q "; Secure" <<<"$1"' _ "$cookie"
check "the log-in form's token cookie is cleared" \
	grep -qi '^set-cookie: ttdt_csrf=; .*Max-Age=0' "$HDRS"
check "audited login.ok" test "$(last_action)" = login.ok
tok=$(session_cookie a)
id=$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)
check "only the token's SHA-256 is stored" \
	test "$(sql "select count(*) from session where id = '$id'")" = 1 -a \
	"$(sql "select count(*) from session where id = '$tok'")" = 0

name=$(sql "select full_name from account where email = '$CNTT'")
get a /quan-tri
expect_status 200 "the dashboard"
expect_body "Xin chào, $name" "the dashboard greets the user by name"
expect_body 'Cán bộ CNTT' "the dashboard names the role"
expect_no_body 'Việc cần làm' \
	"the IT administrator, who has no queue, gets no to-do section (t215)"
expect_body 'href="/quan-tri/nguoi-dung"' "the IT administrator sees the users link"
expect_header Cache-Control '^no-store$' "the dashboard is no-store"
check "no HSTS over plain http" test -z "$(header Strict-Transport-Security)"
expect_body 'action="/quan-tri/dang-xuat" method="post"' "log-out is a POST form"

get a /quan-tri/ho-so
expect_status 200 "the profile page"
expect_body "$CNTT" "the profile shows the e-mail"
expect_body 'Lần đăng nhập gần nhất' "the profile shows the last log-in"
get a /quan-tri/nguoi-dung
expect_status 200 "the IT administrator: the users page"
expect_body 'giamdoc@stp-kontum.example' "the users page lists the accounts"
get a /quan-tri/don-vi
expect_status 200 "the IT administrator: the units page"
expect_body "Phòng Tư pháp huyện Ngọc Hồi" "the units page lists the district offices"

# A staff account: the dashboard, but not the IT administrator's pages.
login s "$STAFF" "Demo-chuyenvien-2026"
expect_location /quan-tri "staff logs in"
get s /quan-tri
expect_no_body 'href="/quan-tri/nguoi-dung"' "staff sees no users link"
get s /quan-tri/nguoi-dung
expect_vi_error 403 "staff on the users page"
get s /quan-tri/don-vi
expect_vi_error 403 "staff on the units page"

# Log out: the session ends, its old cookie no longer works.
tok=$(form_token a /quan-tri)
post a /quan-tri/dang-xuat --data-urlencode "csrf=$tok"
expect_location '/quan-tri/dang-nhap?thong-bao=da-dang-xuat' "log-out: 303 to the log-in page"
check "log-out: the session row is gone" \
	test "$(sql "select count(*) from session where id = '$id'")" = 0
check "log-out: audited" test "$(last_action)" = logout
fetch /quan-tri/dang-nhap?thong-bao=da-dang-xuat
expect_body 'Anh/chị đã đăng xuất.' "the log-in page says so"
fetch /quan-tri -b "ttdt_session=$(printf '%064d' 7)"
expect_location /quan-tri/dang-nhap "a made-up cookie: the log-in page"
fetch /quan-tri -b "ttdt_session=$(printf '%s' "$cookie" | sed -E 's/^[^=]*=([0-9a-f]+);.*/\1/')"
expect_location /quan-tri/dang-nhap "the logged-out cookie: the log-in page"

# Lock-out: 5 failures lock the account for 12 hours, even against the
# right password.  The per-address delays are cleared between tries so
# only the account's count grows.
BM=thanhvien@stp-kontum.example
for i in 1 2 3 4 5; do
	sql "delete from login_attempt"
	login l "$BM" "Sai-mat-khau-$i"
done
check "5 failures lock the account" \
	test "$(sql "select locked_until > strftime('%s','now') from account where email = '$BM'")" = 1
sql "delete from login_attempt"
login l "$BM" "Demo-thanhvien-2026"
expect_status 200 "a locked account: the form again"
expect_body_re 'Tài khoản đang tạm khóa vì đăng nhập sai quá nhiều lần, đến [0-9]{2}:[0-9]{2} ngày [0-9]{2}/[0-9]{2}/[0-9]{4}' \
	"the lock message with its time"
check "a locked account: no session" \
	test -z "$(grep -i '^set-cookie: ttdt_session' "$HDRS")"

# Per address: after 6 failures in a row this address waits 16 s (the
# count is set directly: the delays have one-second granularity).
sql "insert or replace into login_attempt values ('127.0.0.1', 6, strftime('%s', 'now'))"
login t "$STAFF" "Demo-chuyenvien-2026"
expect_body 'Anh/chị đã đăng nhập sai nhiều lần liên tiếp. Vui lòng đợi một lát rồi thử lại.' \
	"failures in a row from one address: the wait message"
check "throttled: no session" \
	test -z "$(grep -i '^set-cookie: ttdt_session' "$HDRS")"

t_done
