#!/usr/bin/env bash
# Wrong current passwords on the password change page (issue 3 item 5)
# count like failed log-ins on the account (locked after
# lockout_attempts = 5), each audited "user.passwd-fail"; the guess that
# locks the account ends every session of it ("user.lock") and sends the
# browser to the log-in page, which says the account is locked.  A right current password
# clears the count.  Guesses come from varying forwarded addresses (the
# test trusts 127.0.0.1 as a proxy), to show the count is the account's
# and the audit entries carry the guesser's address.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server "[server]" "trusted_proxies = 127.0.0.1"
EMAIL=thanhvien@stp-kontum.example
PW=Demo-thanhvien-2026
uid=$(sql "select id from account where email = '$EMAIL'")
failed() { sql "select failed_count from account where id = $uid"; }
sessions() { sql "select count(*) from session where account_id = $uid"; }

login a "$EMAIL" "$PW"
expect_location /quan-tri "log-in in browser a"
login b "$EMAIL" "$PW"
expect_location /quan-tri "log-in in browser b"
tok=$(form_token a /quan-tri/doi-mat-khau)
n0=$(sql "select max(id) from audit")

# guess FROM CURRENT [AGAIN]: posts the form as browser a from address
# FROM, the new password typed twice (the second time AGAIN if given).
guess() {
	local new=Mot-cau-rat-dai-de-nho
	post a /quan-tri/doi-mat-khau -H "X-Forwarded-For: $1" \
		--data-urlencode "csrf=$tok" --data-urlencode "mat_khau_cu=$2" \
		--data-urlencode "mat_khau_moi=$new" \
		--data-urlencode "mat_khau_moi_lai=${3:-$new}"
}

guess 10.0.0.1 "Sai-mat-khau-1"
expect_status 200 "a wrong current password: the form again"
expect_body 'Mật khẩu hiện tại không đúng.' "it says the current password is wrong"
check "it counts on the account" test "$(failed)" = 1
guess 10.0.0.1 "$PW" "Mot-cau-khac-han-nhe"
expect_body 'Hai lần nhập mật khẩu mới không giống nhau.' \
	"the right current password passes its check"
check "a right current password clears the count" test "$(failed)" = 0

guess 10.0.0.2 "Sai-mat-khau-2"
check "a failure from another address counts on the account" test "$(failed)" = 1

# No per-address delays here (the account's lock bounds the guesses):
# an address with 5 failed log-ins just now is still answered, and the
# owner's next log-in from it is not slowed by these guesses.
sql "insert into login_attempt (addr, failures, last_at) values ('10.0.0.9', 5, strftime('%s', 'now'))"
guess 10.0.0.9 "Sai-mat-khau-3"
expect_body 'Mật khẩu hiện tại không đúng.' "an address the log-in page would slow: still checked"
check "and counted" test "$(failed)" = 2
check "the guesses add nothing to the per-address log-in delays" \
	test "$(sql "select count(*) from login_attempt where addr in ('10.0.0.1', '10.0.0.2')")" = 0

for i in 3 4; do
	guess "10.0.1.$i" "Sai-mat-khau-x$i"
	expect_body 'Mật khẩu hiện tại không đúng.' "wrong guess $i from another address"
done
check "four failures on the account" test "$(failed)" = 4
check "the sessions are still there" test "$(sessions)" = 2
guess 10.0.1.5 "Sai-mat-khau-x5"
expect_location '/quan-tri/dang-nhap?thong-bao=tai-khoan-tam-khoa' \
	"the fifth wrong guess: sent to the log-in page"
expect_header Set-Cookie '^ttdt_session=;.*Max-Age=0' "the session cookie is cleared"
check "the account is locked" \
	test "$(sql "select locked_until > strftime('%s', 'now') from account where id = $uid")" = 1
check "every session of the account ended" test "$(sessions)" = 0
check "six user.passwd-fail entries by the account, from the guessing addresses" \
	test "$(sql "select group_concat(client_addr || ':' || json_extract(detail, '$.failed_count'), ' ') \
		from audit where id > $n0 and action = 'user.passwd-fail' \
		and actor_user_id = $uid and object_id = $uid")" = \
	"10.0.0.1:1 10.0.0.2:1 10.0.0.9:2 10.0.1.3:3 10.0.1.4:4 10.0.1.5:5"
check "then a user.lock entry that records the sessions ended" \
	test "$(sql "select action || ' ' || json_extract(detail, '$.sessions_ended') \
		|| ' ' || json_extract(detail, '$.failed_count') from audit order by id desc limit 1")" = "user.lock 2 5"
"$TTDT" audit verify --db "$T_TMP/t.db" >/dev/null 2>&1
check "the audit chain verifies" test $? -eq 0
get a /quan-tri
expect_location '/quan-tri/dang-nhap*' "browser a is logged out"
get b /quan-tri
expect_location '/quan-tri/dang-nhap*' "browser b is logged out"
get a '/quan-tri/dang-nhap?thong-bao=tai-khoan-tam-khoa'
expect_body 'tạm khóa' "the log-in page says the account is locked"

# The right password does not open a locked account; unlocking does.
post_login() {
	local t
	get c /quan-tri/dang-nhap -H "X-Forwarded-For: 10.0.2.$1"
	t=$(page_token)
	post c /quan-tri/dang-nhap -H "X-Forwarded-For: 10.0.2.$1" \
		--data-urlencode "csrf=$t" --data-urlencode "email=$EMAIL" \
		--data-urlencode "mat_khau=$PW"
}
post_login 1
expect_body 'Tài khoản đang tạm khóa' "the right password: still locked"
"$TTDT" user unlock --db "$T_TMP/t.db" --email "$EMAIL" >/dev/null 2>&1
check "ttdt user unlock" test $? -eq 0
post_login 2
expect_location /quan-tri "after unlocking, the right password works"
check "and the count is clear" test "$(failed)" = 0

# A hash made with other argon2 parameters is remade at the next log-in.
stop_server
start_server "[security]" "argon2_mem = 8m"
check "the stored hash uses 19 MiB (m=19456)" \
	grep -q 'm=19456,' <<<"$(sql "select password_hash from account where id = $uid")"
login d "$EMAIL" "$PW"
expect_location /quan-tri "log-in with argon2_mem = 8m configured"
check "the hash is remade with the configured 8 MiB (m=8192)" \
	grep -q 'm=8192,' <<<"$(sql "select password_hash from account where id = $uid")"
login e "$EMAIL" "$PW"
expect_location /quan-tri "the remade hash still takes the password"
t_done
