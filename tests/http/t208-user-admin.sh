#!/usr/bin/env bash
# The IT administrator's account pages (issue 3 items 2-4) and the
# one-time password reset link (item 3): create an account through the
# page, follow its link, set a password and log in with it; a link works
# once and not after it expires or is replaced; edit the profile and the
# roles; disable (the account's sessions end), enable, unlock, reset the
# second factor; the guard rails (no self-disable, no dropping one's own
# IT role); bad input changes nothing; other roles get 403.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

IT=cntt@stp-kontum.example
NEW=tran.thi.moi@stp-kontum.example
NEW_PW="Mây trắng trên đỉnh Ngọc Linh"
itid=$(sql "select id from account where email = '$IT'")

counts() {
	sql "select (select count(*) from account) || ' ' ||
		(select count(*) from audit) || ' ' ||
		(select count(*) from account_role) || ' ' ||
		(select count(*) from password_reset)"
}

login it "$IT" Demo-cntt-2026
expect_location /quan-tri "the IT administrator logs in"

# ---- the list and its filters ----
get it /quan-tri/nguoi-dung
expect_status 200 "the list"
expect_body 'href="/quan-tri/nguoi-dung/moi">Thêm người dùng</a>' "a link to add an account"
expect_body "href=\"/quan-tri/nguoi-dung/$itid\">" "each row links to its account page"
expect_body '<label for="loc-q">' "the filters have labels"
get it '/quan-tri/nguoi-dung?q=TRAN+MINH+THANG'
expect_body 'giamdoc@stp-kontum.example' "search: a name without diacritics finds it"
expect_no_body "$IT" "search: others are left out"
get it '/quan-tri/nguoi-dung?q=cntt%40'
expect_body "$IT" "search by e-mail"
expect_no_body 'giamdoc@' "search by e-mail: others are left out"
get it '/quan-tri/nguoi-dung?vai-tro=it-admin'
expect_body "$IT" "filter by role"
expect_no_body 'giamdoc@' "filter by role: others are left out"
expect_body '<option value="it-admin" selected>' "the chosen role stays selected"
get it '/quan-tri/nguoi-dung?don-vi=11'
expect_body 'congtacvien@' "filter by unit"
expect_no_body 'giamdoc@' "filter by unit: others are left out"
get it '/quan-tri/nguoi-dung?trang-thai=vo-hieu-hoa'
expect_body 'Không có tài khoản nào khớp với bộ lọc.' "filter by status: no disabled account yet"

# ---- a new account: bad input changes nothing ----
get it /quan-tri/nguoi-dung/moi
expect_status 200 "the new account form"
expect_body '<label for="ho_ten">Họ và tên</label>' "fields have labels"
expect_body '<label for="vt-it-admin">Cán bộ CNTT</label>' "roles by their Vietnamese names"
expect_no_body 'name="mat_khau' "no password field"
tok=$(page_token)
before=$(counts)
# add FIELD=VALUE...: posts the new account form with these fields.
add() {
	local args=(--data-urlencode "csrf=$tok") f
	for f in "$@"; do args+=(--data-urlencode "$f"); done
	post it /quan-tri/nguoi-dung/moi "${args[@]}"
}
GOOD=("ho_ten=Trần Thị Mới" "chuc_danh=Chuyên viên" "don_vi=5"
	"email=$NEW" "dien_thoai=0260 3862 123" "vai_tro=staff"
	"vai_tro=unit-focal" "chuyen_trach=1")
# without NAME: GOOD minus the field NAME.
without() {
	local f
	for f in "${GOOD[@]}"; do [[ $f == "$1="* ]] || printf '%s\n' "$f"; done
}
mapfile -t a < <(without ho_ten)
add "${a[@]}"
expect_body 'Vui lòng nhập họ và tên.' "missing name: says so"
expect_body 'aria-describedby="loi-ho-ten"' "missing name: the field points at its message"
expect_body "value=\"$NEW\"" "missing name: the other values are kept"
mapfile -t a < <(without email)
add "${a[@]}" "email=khong-phai-email"
expect_body 'E-mail không hợp lệ' "bad e-mail: says so"
expect_body 'value="Trần Thị Mới"' "bad e-mail: the name is kept"
mapfile -t a < <(without email)
add "${a[@]}" "email=GiamDoc@stp-kontum.example"
expect_body 'E-mail này đã là của một tài khoản khác.' "duplicate e-mail (any case): says so"
mapfile -t a < <(without vai_tro)
add "${a[@]}"
expect_body 'Vui lòng chọn ít nhất một vai trò.' "no role: says so"
add "${GOOD[@]}" "vai_tro=vua"
expect_body 'Vai trò không hợp lệ.' "unknown role code: says so"
mapfile -t a < <(without don_vi)
add "${a[@]}" "don_vi=999"
expect_body 'Đơn vị không tồn tại.' "unknown unit id: says so"
add "${a[@]}" "don_vi=abc"
expect_body 'Đơn vị không tồn tại.' "a unit that is not a number: says so"
sql "update unit set closed_at = strftime('%s', 'now') where id = 17"
add "${a[@]}" "don_vi=17"
expect_body 'Đơn vị này đã đóng' "closed unit: says so"
mapfile -t a < <(without chuyen_trach)
add "${a[@]}" "chuyen_trach=co"
expect_body 'Giá trị không hợp lệ.' "a flag that is not 1: says so"
mapfile -t a < <(without dien_thoai)
add "${a[@]}" "dien_thoai=<script>"
expect_body 'Số điện thoại chỉ gồm' "bad phone: says so"
expect_status 200 "refused forms come back as pages"
expect_body 'role="alert"' "the summary is announced"
check "bad input changed nothing (accounts, audit, roles, links)" \
	test "$(counts)" = "$before"

# ---- a new account and its one-time link ----
add "${GOOD[@]}"
expect_status 200 "the account is created"
expect_body 'Đã tạo tài khoản cho Trần Thị Mới' "the result page says so"
link=$(grep -oE 'https?://[^"]*/quan-tri/dat-lai-mat-khau/[0-9a-f]{64}' "$BODY" | head -n 1)
check "the result page shows an absolute one-time link" test -n "$link"
check "the link starts with the configured site address" test "${link#"$BASE"/}" != "$link"
check "the result page is sent with Referrer-Policy: no-referrer" \
	grep -qi '^Referrer-Policy: no-referrer' "$HDRS"
token=${link##*/}
uid=$(sql "select id from account where email = '$NEW'")
check "the account exists with its fields" test \
	"$(sql "select full_name || '|' || title || '|' || unit_id || '|' || phone || '|' || professional || '|' || must_change_password from account where id = $uid")" \
	= "Trần Thị Mới|Chuyên viên|5|0260 3862 123|1|1"
check "its roles" test "$(sql "select group_concat(role, ',') from (select role from account_role where account_id = $uid order by role)")" = "staff,unit-focal"
check "it has a password hash nobody typed" test -n "$(sql "select password_hash from account where id = $uid")"
check "audited: user.add then user.reset-link by the administrator" test \
	"$(sql "select group_concat(action || ':' || actor_user_id, ' ') from (select action, actor_user_id from audit where object_id = $uid and object_type = 'user' order by id)")" \
	= "user.add:$itid user.reset-link:$itid"
check "the token is in neither the audit log nor the link table" test \
	"$(sql "select count(*) from audit where detail like '%$token%'") $(sql "select count(*) from password_reset where id = '$token'")" = "0 0"
check "the link table keeps its SHA-256" test \
	"$(sql "select count(*) from password_reset where id = '$(printf %s "$token" | sha256sum | cut -d' ' -f1)' and account_id = $uid")" = 1
check "the link expires 24 hours after it was made" test \
	"$(sql "select expires_at - created_at from password_reset where account_id = $uid")" = 86400

# ---- following the link ----
get anon "$link"
expect_status 200 "the link opens a form without a session"
expect_body 'Đặt mật khẩu cho tài khoản' "it says what it is for"
expect_body "$NEW" "it names the account"
expect_body 'Ít nhất 12 ký tự' "it shows the policy"
check "the link page is sent with Referrer-Policy: no-referrer" \
	grep -qi '^Referrer-Policy: no-referrer' "$HDRS"
rtok=$(page_token)
path=${link#"$BASE"}
setpw() {
	post anon "$path" --data-urlencode "csrf=$rtok" \
		--data-urlencode "mat_khau_moi=$1" --data-urlencode "mat_khau_moi_lai=$2"
}
setpw "$NEW_PW" "Một câu khác hẳn 2026"
expect_body 'Hai lần nhập mật khẩu mới không giống nhau.' "the two differ: says so"
setpw "ngan-qua" "ngan-qua"
expect_body 'Mật khẩu cần ít nhất 12 ký tự.' "too short: says 12 characters"
setpw "matkhau123456" "matkhau123456"
expect_body_re 'role="alert"[^>]*>[^<]*phổ biến' "a common password: refused"
post anon "$path" --data-urlencode "csrf=$(printf '%064d' 0)" \
	--data-urlencode "mat_khau_moi=$NEW_PW" --data-urlencode "mat_khau_moi_lai=$NEW_PW"
expect_status 403 "a forged form is refused"
check "refusals left the link unused" \
	test "$(sql "select used_at is null from password_reset where account_id = $uid")" = 1
setpw "$NEW_PW" "$NEW_PW"
expect_location '/quan-tri/dang-nhap*' "the password is set: 303 to the log-in page"
check "the link is marked used" \
	test "$(sql "select used_at is not null from password_reset where account_id = $uid")" = 1
check "no password change is asked" \
	test "$(sql "select must_change_password from account where id = $uid")" = 0
check "audited: user.passwd and user.reset-link-used by the account itself" test \
	"$(sql "select group_concat(action || ':' || actor_user_id, ' ') from (select action, actor_user_id from audit where object_id = $uid order by id desc limit 2)")" \
	= "user.reset-link-used:$uid user.passwd:$uid"
sql "delete from login_attempt"
login new "$NEW" "$NEW_PW"
expect_location /quan-tri "log-in with the new password"
get new /quan-tri
expect_body 'Trần Thị Mới' "the dashboard greets the new user"
get anon "$link"
expect_status 410 "the link a second time: 410"
expect_body 'Liên kết đã được dùng' "it says the link was used"
setpw "Một câu khác hẳn 2026" "Một câu khác hẳn 2026"
expect_status 410 "posting it a second time: 410"
sql "delete from login_attempt"
login new2 "$NEW" "$NEW_PW"
expect_location /quan-tri "the password set first still works"

# ---- expired, replaced and unknown links ----
post it "/quan-tri/nguoi-dung/$uid/dat-lai-mat-khau" --data-urlencode "csrf=$tok"
expect_status 200 "a new link from the account page"
expect_body 'Liên kết đặt mật khẩu' "the link page"
link2=$(grep -oE 'https?://[^"]*/quan-tri/dat-lai-mat-khau/[0-9a-f]{64}' "$BODY" | head -n 1)
sql "update password_reset set expires_at = strftime('%s', 'now') - 1 where used_at is null and voided_at is null and account_id = $uid"
get anon "$link2"
expect_status 410 "an expired link: 410"
expect_body 'Liên kết đã hết hạn' "it says the link expired"
post it "/quan-tri/nguoi-dung/$uid/dat-lai-mat-khau" --data-urlencode "csrf=$tok"
link3=$(grep -oE 'https?://[^"]*/quan-tri/dat-lai-mat-khau/[0-9a-f]{64}' "$BODY" | head -n 1)
post it "/quan-tri/nguoi-dung/$uid/dat-lai-mat-khau" --data-urlencode "csrf=$tok"
link4=$(grep -oE 'https?://[^"]*/quan-tri/dat-lai-mat-khau/[0-9a-f]{64}' "$BODY" | head -n 1)
get anon "$link3"
expect_status 410 "a link replaced by a newer one: 410"
expect_body 'Liên kết đã được thay thế' "it says a newer link exists"
get anon "$link4"
expect_status 200 "the newest link works"
get anon "/quan-tri/dat-lai-mat-khau/$(printf '%064d' 0)"
expect_vi_error 404 "an unknown token: 404"
get anon /quan-tri/dat-lai-mat-khau/abc
expect_status 404 "a malformed token: 404"

# ---- the account page ----
get it "/quan-tri/nguoi-dung/$uid"
expect_status 200 "the account page"
expect_body_re 'Ngày tạo</dt> <dd>[0-3][0-9]/[01][0-9]/20[0-9]{2} [0-2][0-9]:[0-5][0-9]<' "created date as dd/mm/yyyy HH:MM"
expect_body_re 'Lần đăng nhập gần nhất</dt> <dd>[0-3][0-9]/' "last log-in shown"
expect_body "action=\"/quan-tri/nguoi-dung/$uid/vo-hieu-hoa\"" "a disable button"
get it /quan-tri/nguoi-dung/99999
expect_vi_error 404 "an unknown id: 404"
expect_body 'Không tìm thấy tài khoản này.' "it says so"
get it /quan-tri/nguoi-dung/abc
expect_status 404 "a non-numeric id: 404"
get it /quan-tri/nguoi-dung/-1
expect_status 404 "a negative id: 404"

# profile
edit() {
	local args=(--data-urlencode "csrf=$tok") f
	for f in "$@"; do args+=(--data-urlencode "$f"); done
	post it "/quan-tri/nguoi-dung/$uid/ho-so" "${args[@]}"
}
PROFILE=("ho_ten=Trần Thị Mới" "chuc_danh=Phó Trưởng phòng" "don_vi=4"
	"email=$NEW" "dien_thoai=0912 345 678")
before=$(counts)
edit "${PROFILE[@]/#email=*/email=thanhvien@stp-kontum.example}"
expect_body 'E-mail này đã là của một tài khoản khác.' "profile: a taken e-mail is refused"
edit "${PROFILE[@]/#don_vi=*/don_vi=999}"
expect_body 'Đơn vị không tồn tại.' "profile: an unknown unit is refused"
expect_body 'value="Phó Trưởng phòng"' "profile: the values typed are kept"
edit "${PROFILE[@]/#email=*/email=a b@c}"
expect_body 'E-mail không hợp lệ' "profile: a bad e-mail is refused"
check "refused profile edits changed nothing" test "$(counts)" = "$before"
edit "${PROFILE[@]}"
expect_location "/quan-tri/nguoi-dung/$uid?thong-bao=da-luu-ho-so" "profile saved: 303 back with a notice"
check "the profile changed" test \
	"$(sql "select title || '|' || unit_id || '|' || phone || '|' || professional from account where id = $uid")" \
	= "Phó Trưởng phòng|4|0912 345 678|0"
check "audited user.edit" test "$(last_action)" = user.edit
get it "/quan-tri/nguoi-dung/$uid?thong-bao=da-luu-ho-so"
expect_body 'Đã lưu hồ sơ.' "the notice is shown"

# roles
# roles ID CODE...: posts the roles form of account ID.
roles() {
	local id=$1 args=(--data-urlencode "csrf=$tok") r
	shift
	for r in "$@"; do args+=(--data-urlencode "vai_tro=$r"); done
	post it "/quan-tri/nguoi-dung/$id/vai-tro" "${args[@]}"
}
before=$(counts)
roles "$uid" staff vua
expect_body 'Vai trò không hợp lệ.' "roles: an unknown code is refused"
roles "$uid"
expect_body 'Vui lòng chọn ít nhất một vai trò.' "roles: none is refused"
check "refused role changes changed nothing" test "$(counts)" = "$before"
roles "$uid" staff secretariat
expect_location "/quan-tri/nguoi-dung/$uid?thong-bao=da-luu-vai-tro" "roles saved"
check "the roles changed" test "$(sql "select group_concat(role, ',') from (select role from account_role where account_id = $uid order by role)")" = "secretariat,staff"
check "audited user.roles" test "$(last_action)" = user.roles

# guard rails on the administrator's own account
before=$(counts)
roles "$itid" staff
expect_body 'không thể tự bỏ vai trò Cán bộ CNTT' "dropping one's own IT role is refused"
post it "/quan-tri/nguoi-dung/$itid/vo-hieu-hoa" --data-urlencode "csrf=$tok"
expect_body 'không thể tự vô hiệu hóa' "disabling oneself is refused"
check "guard rails changed nothing" test "$(counts)" = "$before" -a \
	"$(sql "select active from account where id = $itid")" = 1

# disable: the account's sessions end and it cannot log in
check "the new account has sessions" test "$(sql "select count(*) from session where account_id = $uid")" -ge 1
post it "/quan-tri/nguoi-dung/$uid/vo-hieu-hoa" --data-urlencode "csrf=$tok"
expect_location "/quan-tri/nguoi-dung/$uid?thong-bao=da-vo-hieu-hoa" "disable: 303 back"
check "disabled, every session gone" test \
	"$(sql "select active || ' ' || (select count(*) from session where account_id = $uid) from account where id = $uid")" = "0 0"
check "audited user.disable" test "$(last_action)" = user.disable
get new /quan-tri
expect_location '/quan-tri/dang-nhap*' "the disabled user's browser is logged out"
sql "delete from login_attempt"
login new3 "$NEW" "$NEW_PW"
expect_body 'E-mail hoặc mật khẩu không đúng.' "a disabled account cannot log in"
get it '/quan-tri/nguoi-dung?trang-thai=vo-hieu-hoa'
expect_body "$NEW" "filter by status: the disabled account"
post it "/quan-tri/nguoi-dung/$uid/kich-hoat" --data-urlencode "csrf=$tok"
expect_location "/quan-tri/nguoi-dung/$uid?thong-bao=da-kich-hoat" "enable: 303 back"
check "audited user.enable" test "$(last_action)" = user.enable
sql "delete from login_attempt"
login new3 "$NEW" "$NEW_PW"
expect_location /quan-tri "enabled again: log-in works"

# unlock
post it "/quan-tri/nguoi-dung/$uid/mo-khoa" --data-urlencode "csrf=$tok"
expect_body 'Tài khoản này không bị khóa.' "unlock an account that is not locked: says so"
sql "update account set failed_count = 5, locked_until = strftime('%s', 'now') + 3600 where id = $uid"
sql "delete from login_attempt"
login new4 "$NEW" "$NEW_PW"
expect_body 'tạm khóa' "a locked account cannot log in"
get it "/quan-tri/nguoi-dung/$uid"
expect_body "action=\"/quan-tri/nguoi-dung/$uid/mo-khoa\"" "the account page offers to unlock"
post it "/quan-tri/nguoi-dung/$uid/mo-khoa" --data-urlencode "csrf=$tok"
expect_location "/quan-tri/nguoi-dung/$uid?thong-bao=da-mo-khoa" "unlock: 303 back"
check "unlocked" test "$(sql "select failed_count || ' ' || ifnull(locked_until, 0) from account where id = $uid")" = "0 0"
check "audited user.unlock" test "$(last_action)" = user.unlock
sql "delete from login_attempt"
login new4 "$NEW" "$NEW_PW"
expect_location /quan-tri "unlocked: log-in works"

# second factor
post it "/quan-tri/nguoi-dung/$uid/xoa-xac-thuc" --data-urlencode "csrf=$tok"
expect_body 'chưa bật xác thực hai lớp' "reset a second factor that is not there: says so"
sql "update account set totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' where id = $uid"
get it "/quan-tri/nguoi-dung/$uid"
expect_body "action=\"/quan-tri/nguoi-dung/$uid/xoa-xac-thuc\"" "the account page offers to reset the second factor"
post it "/quan-tri/nguoi-dung/$uid/xoa-xac-thuc" --data-urlencode "csrf=$tok"
expect_location "/quan-tri/nguoi-dung/$uid?thong-bao=da-xoa-xac-thuc" "reset the second factor: 303 back"
check "the secret is gone" test -z "$(sql "select totp_secret from account where id = $uid")"
check "audited user.reset-2fa" test "$(last_action)" = user.reset-2fa

# ---- other roles: 403 on every route, even with a valid form token ----
sql "delete from login_attempt"
login gd giamdoc@stp-kontum.example Demo-giamdoc-2026
gtok=$(form_token gd /quan-tri/ho-so)
before=$(counts)
bad=
for p in /quan-tri/nguoi-dung /quan-tri/nguoi-dung/moi "/quan-tri/nguoi-dung/$uid"; do
	get gd "$p"
	[[ $STATUS == 403 ]] || bad+=" GET $p=$STATUS"
done
for a in ho-so vai-tro vo-hieu-hoa kich-hoat mo-khoa xoa-xac-thuc dat-lai-mat-khau; do
	post gd "/quan-tri/nguoi-dung/$uid/$a" --data-urlencode "csrf=$gtok" \
		--data-urlencode "vai_tro=director" --data-urlencode "ho_ten=X"
	[[ $STATUS == 403 ]] || bad+=" POST $a=$STATUS"
done
args=(--data-urlencode "csrf=$gtok")
for f in "${GOOD[@]}"; do args+=(--data-urlencode "$f"); done
post gd /quan-tri/nguoi-dung/moi "${args[@]}"
[[ $STATUS == 403 ]] || bad+=" POST moi=$STATUS"
check "the Director gets 403 on every account route${bad:+:$bad}" test -z "$bad"
check "and nothing changed" test "$(counts)" = "$before"

# ---- the command line ----
out=$("$TTDT" user reset-link --db "$T_TMP/t.db" --config "$T_TMP/ttdt.ini" --email "$NEW" 2>&1)
link5=$(grep -oE 'https?://[^ ]*/quan-tri/dat-lai-mat-khau/[0-9a-f]{64}' <<<"$out")
check "ttdt user reset-link prints a link" test -n "$link5" || note "$out"
check "audited user.reset-link by the command line" test \
	"$(sql "select action || ' ' || ifnull(actor_user_id, 0) || ' ' || substr(actor_name, 1, 4) from audit order by id desc limit 1")" = "user.reset-link 0 cli:"
get anon "$link5"
expect_status 200 "the command line's link works"
get anon "$link4"
expect_status 410 "and voided the earlier one"

stop_server
t_done
