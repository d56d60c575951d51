#!/usr/bin/env bash
# Forged forms (issue 3 item 7): every POST under /quan-tri needs the
# session's token and our own Origin (or Referer without it); a forged one
# gets 403 with the Vietnamese message and changes nothing.  The log-in
# form has its own double-submit token.  Tokens last the whole session,
# so several tabs and the back button keep working.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

VP=vanphong@stp-kontum.example
PW=Demo-vanphong-2026
MSG='Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.'
uid=$(sql "select id from account where email = '$VP'")
sessions() {
	sql "select count(*) from session where account_id = $uid"
}
audits() {
	sql "select count(*) from audit"
}

# The log-in form.
get x /quan-tri/dang-nhap
t1=$(page_token)
get x /quan-tri/dang-nhap
t2=$(page_token)
check "two log-in tabs get the same token" test -n "$t1" -a "$t1" = "$t2"
n=$(audits)
post x /quan-tri/dang-nhap --data-urlencode "email=$VP" --data-urlencode "mat_khau=$PW"
expect_vi_error 403 "log-in without the token"
expect_body "$MSG" "log-in without the token: the message"
post x /quan-tri/dang-nhap --data-urlencode "csrf=$(printf '%064d' 1)" \
	--data-urlencode "email=$VP" --data-urlencode "mat_khau=$PW"
expect_status 403 "log-in with a wrong token"
fetch /quan-tri/dang-nhap -H "Origin: $BASE" --data-urlencode "csrf=$t1" \
	--data-urlencode "email=$VP" --data-urlencode "mat_khau=$PW"
expect_status 403 "log-in with the token but without its cookie"
fetch /quan-tri/dang-nhap -b "$(jar x)" -H "Origin: http://evil.example" \
	--data-urlencode "csrf=$t1" --data-urlencode "email=$VP" \
	--data-urlencode "mat_khau=$PW"
expect_status 403 "log-in from another origin"
check "refused log-ins: no session, no audit entry" \
	test "$(sessions)" = 0 -a "$(audits)" = "$n"

login a "$VP" "$PW"
expect_location /quan-tri "log-in with the token and our Origin"
login b "$VP" "$PW"
check "two browsers, two sessions" test "$(sessions)" = 2

# Tokens: one per session, the same on every page.
ta=$(form_token a /quan-tri)
tp=$(form_token a /quan-tri/ho-so)
tb=$(form_token b /quan-tri)
check "the same token on every page of a session" test -n "$ta" -a "$ta" = "$tp"
check "another session has another token" test "$ta" != "$tb"

n=$(audits)
hash=$(sql "select password_hash from account where id = $uid")
post a /quan-tri/dang-xuat -d ""
expect_vi_error 403 "log-out without a token"
expect_body "$MSG" "log-out without a token: the message"
post a /quan-tri/dang-xuat --data-urlencode "csrf=$tb"
expect_status 403 "log-out with another session's token"
fetch /quan-tri/dang-xuat -b "$(jar a)" -H "Origin: http://evil.example" \
	--data-urlencode "csrf=$ta"
expect_status 403 "log-out from another origin"
fetch /quan-tri/dang-xuat -b "$(jar a)" -H "Origin: null" \
	--data-urlencode "csrf=$ta"
expect_status 403 "log-out from Origin: null"
fetch /quan-tri/dang-xuat -b "$(jar a)" --data-urlencode "csrf=$ta"
expect_status 403 "log-out with neither Origin nor Referer"
fetch /quan-tri/dang-xuat -b "$(jar a)" -H "Referer: http://evil.example/quan-tri" \
	--data-urlencode "csrf=$ta"
expect_status 403 "log-out with a foreign Referer"
post a /quan-tri/doi-mat-khau --data-urlencode "csrf=$tb" \
	--data-urlencode "mat_khau_cu=$PW" \
	--data-urlencode "mat_khau_moi=Mot-cau-rat-dai-de-nho" \
	--data-urlencode "mat_khau_moi_lai=Mot-cau-rat-dai-de-nho"
expect_status 403 "a password change with a forged token"
post a /quan-tri/dang-xuat-tat-ca -d ""
expect_status 403 "log out everywhere without a token"
check "forged forms changed nothing: sessions, password, audit" \
	test "$(sessions)" = 2 -a "$(audits)" = "$n" -a \
	"$(sql "select password_hash from account where id = $uid")" = "$hash"
get a /quan-tri
expect_status 200 "the session survives the forged forms"
login c "$VP" "$PW"
expect_location /quan-tri "the password still works"
post c /quan-tri/dang-xuat --data-urlencode "csrf=$(form_token c /quan-tri)"

# Referer stands in for a missing Origin.
fetch /quan-tri/dang-xuat -b "$(jar a)" -H "Referer: $BASE/quan-tri/ho-so" \
	--data-urlencode "csrf=$ta"
expect_location '/quan-tri/dang-nhap?thong-bao=da-dang-xuat' \
	"log-out with the token and our Referer"
check "only that session ended" test "$(sessions)" = 1

# Log out everywhere, from a tab opened earlier (an older page's token).
login a "$VP" "$PW"
check "again two sessions" test "$(sessions)" = 2
post b /quan-tri/dang-xuat-tat-ca --data-urlencode "csrf=$tb"
expect_location '/quan-tri/dang-nhap?thong-bao=da-dang-xuat-tat-ca' \
	"log out everywhere"
check "log out everywhere ends every session" test "$(sessions)" = 0
check "log out everywhere is audited" test "$(last_action)" = logout.all
get a /quan-tri
expect_location /quan-tri/dang-nhap "the other browser is logged out too"

t_done
