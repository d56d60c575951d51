#!/usr/bin/env bash
# The password change (issue 3 item 5): a fresh account made by `ttdt
# user add` must change its one-time password before anything else; the
# policy's messages in Vietnamese; a change is audited, clears the flag,
# ends the account's other sessions and gives this browser a new one.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

NEW=moi.vao@stp-kontum.example
out=$("$TTDT" user add --db "$T_TMP/t.db" --email "$NEW" \
	--name "Trần Văn Mới" --role staff 2>&1)
pw=$(grep -A1 'one-time' <<<"$out" | tail -n 1)
check "ttdt user add prints a one-time password" test "${#pw}" -eq 16
uid=$(sql "select id from account where email = '$NEW'")

login a "$NEW" "$pw"
expect_location /quan-tri/doi-mat-khau "first log-in: 303 to the password change"
login b "$NEW" "$pw"
for p in /quan-tri /quan-tri/ho-so /quan-tri/nguoi-dung; do
	get a "$p"
	expect_location /quan-tri/doi-mat-khau "password change pending: $p goes to it"
done
get a /quan-tri/doi-mat-khau
expect_status 200 "the password change page"
expect_body 'Anh/chị cần đổi mật khẩu trước khi tiếp tục' "it says why"
expect_body '<label for="mat_khau_moi">' "the new password has a label"
expect_body 'autocomplete="new-password"' "autocomplete=new-password"
expect_no_body 'href="/quan-tri/ho-so"' "no other navigation while the change is pending"
tok=$(page_token)

# change CURRENT NEW AGAIN: posts the form as browser a.
change() {
	post a /quan-tri/doi-mat-khau --data-urlencode "csrf=$tok" \
		--data-urlencode "mat_khau_cu=$1" --data-urlencode "mat_khau_moi=$2" \
		--data-urlencode "mat_khau_moi_lai=$3"
}
change "Khong-phai-mat-khau" "Mot-cau-rat-dai-de-nho" "Mot-cau-rat-dai-de-nho"
expect_body 'Mật khẩu hiện tại không đúng.' "a wrong current password"
expect_body 'role="alert"' "the error is announced"
change "$pw" "Mot-cau-rat-dai-de-nho" "Mot-cau-khac-han-nhe"
expect_body 'Hai lần nhập mật khẩu mới không giống nhau.' "the two new ones differ"
change "$pw" "ngan-qua" "ngan-qua"
expect_status 200 "a too short password: the form again"
expect_body 'Mật khẩu cần ít nhất 12 ký tự.' "a too short password: says 12 characters"
change "$pw" "matkhau123456" "matkhau123456"
expect_body_re 'role="alert"[^>]*>[^<]*phổ biến' "a common password: refused"
change "$pw" "$pw" "$pw"
expect_body 'Mật khẩu mới phải khác mật khẩu hiện tại.' "the same password again"
check "refused changes leave the flag and the sessions" \
	test "$(sql "select must_change_password from account where id = $uid")" = 1 -a \
	"$(sql "select count(*) from session where account_id = $uid")" = 2

old=$(session_cookie a)
change "$pw" "Mot-cau-rat-dai-de-nho" "Mot-cau-rat-dai-de-nho"
expect_location '/quan-tri?thong-bao=doi-mat-khau' "the change: 303 to the dashboard"
check "the flag is cleared" \
	test "$(sql "select must_change_password from account where id = $uid")" = 0
check "the change is audited (user.passwd by the user)" \
	test "$(sql "select action || ' ' || actor_user_id from audit order by id desc limit 1")" = "user.passwd $uid"
check "this browser gets a new session token" \
	test -n "$(session_cookie a)" -a "$(session_cookie a)" != "$old"
check "every other session ended: one left" \
	test "$(sql "select count(*) from session where account_id = $uid")" = 1
get a '/quan-tri?thong-bao=doi-mat-khau'
expect_status 200 "the dashboard after the change"
expect_body 'Đã đổi mật khẩu.' "the dashboard says so"
expect_body 'Trần Văn Mới' "the dashboard greets the new user"
get b /quan-tri
expect_location /quan-tri/dang-nhap "the other browser is logged out"
login c "$NEW" "$pw"
expect_body 'E-mail hoặc mật khẩu không đúng.' "the old password no longer works"
login c "$NEW" "Mot-cau-rat-dai-de-nho"
expect_location /quan-tri "the new password works"

# The IT administrator's password expires after admin_password_days.
login d cntt@stp-kontum.example Demo-cntt-2026
sql "update account set password_changed_at = strftime('%s', 'now') - 61 * 86400 where email = 'cntt@stp-kontum.example'"
get d /quan-tri
expect_location /quan-tri/doi-mat-khau "an IT administrator's password 61 days old must change"
t_done
