#!/usr/bin/env bash
# The second factor in the newsroom (issue 3 item 5): the roles that need
# one are sent to enrol before anything else (outside a demo database);
# enrolment shows a QR code and the secret, activates on a right code and
# shows ten recovery codes once; from then on the password alone starts
# no session: the code (or a recovery code, once) does.  Replayed, wrong,
# forged and expired steps are refused; wrong codes lock the account.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

TOTP=$(dirname "$TTDT")/tools/totp_code
[[ -x $TOTP ]] || TOTP=$T_ROOT/build/tools/totp_code

# The demo database exempts its public accounts; this test plays a real
# one.  The server reads the flag when it starts.
demo_db "$T_TMP"
sql "update setting set value = '0' where key = 'demo'"
start_server

DIR=giamdoc@stp-kontum.example DIR_PW=Demo-giamdoc-2026
dir_id=$(sql "select id from account where email = '$DIR'")

# ---- enrolment is required for the Director ----
login a "$DIR" "$DIR_PW"
expect_location /quan-tri/bat-xac-thuc "the Director's log-in goes to enrolment"
for p in /quan-tri /quan-tri/ho-so /quan-tri/nhat-ky; do
	get a "$p"
	expect_location /quan-tri/bat-xac-thuc "enrolment pending: $p goes to it"
done
get a /quan-tri/bat-xac-thuc
expect_status 200 "the enrolment page"
expect_body 'Vai trò của anh/chị bắt buộc dùng xác thực hai lớp' "it says why"
expect_body '<svg' "a QR code, inline"
expect_body 'role="img"' "the QR code is an image to assistive technology"
expect_no_body 'href="/quan-tri/ho-so"' "no other navigation while enrolment is pending"
secret=$(grep -oE '<p class="admin-secret" id="khoa-bi-mat"><code>[A-Z2-7 ]+</code>' "$BODY" |
	sed 's/.*<code>//; s/<\/code>//; s/ //g')
check "the secret is shown for typing by hand (32 base32 characters)" test "${#secret}" -eq 32
tok=$(page_token)
get a /quan-tri/bat-xac-thuc
again=$(grep -oE 'id="khoa-bi-mat"><code>[A-Z2-7 ]+' "$BODY" | sed 's/.*<code>//; s/ //g')
check "a reload shows the same secret (a scanned code stays good)" test "$again" = "$secret"

post a /quan-tri/bat-xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma=12345"
expect_body 'Mã xác thực gồm đúng 6 chữ số' "five digits: told the format"
wrong=$(printf '%06d' $(((10#$("$TOTP" "$secret") + 1) % 1000000)))
post a /quan-tri/bat-xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma=$wrong"
expect_body 'Mã xác thực không đúng' "a wrong code is refused"
check "nothing is active after a wrong code" \
	test "$(sql "select totp_secret from account where id = $dir_id")" = ""

code=$("$TOTP" "$secret")
post a /quan-tri/bat-xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma=$code"
expect_status 200 "a right code enrols"
expect_body 'Đã bật xác thực hai lớp' "the page says so"
mapfile -t codes < <(grep -oE '<li><code>[a-z0-9-]+</code></li>' "$BODY" | sed 's/<li><code>//; s/<\/code><\/li>//')
check "ten recovery codes are shown" test "${#codes[@]}" -eq 10
check "the audit log has user.2fa-enrol" test "$(last_action)" = "user.2fa-enrol"
get a /quan-tri
expect_status 200 "enrolled: the dashboard opens"
get a /quan-tri/ho-so
expect_body 'Đang bật (10 mã dự phòng chưa dùng)' "the profile shows the second factor"

# ---- the password alone starts no session ----
login b "$DIR" "$DIR_PW"
expect_location /quan-tri/xac-thuc "the right password asks for the code"
check "no session cookie before the code" test -z "$(session_cookie b)"
get b /quan-tri
expect_location '/quan-tri/dang-nhap*' "no session: the dashboard sends to log-in"
get b /quan-tri/xac-thuc
expect_status 200 "the code page"
expect_body 'autocomplete="one-time-code"' "the code field asks the phone for the code"
tok=$(page_token)
post b /quan-tri/xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma=$code"
expect_body 'Mã xác thực không đúng hoặc đã được dùng' "the code used to enrol cannot be replayed"
post b /quan-tri/xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma="
expect_body 'Vui lòng nhập mã xác thực' "an empty code: told what to type"
# The next step's code is in the accepted window and not yet used.
next=$("$TOTP" "$secret" 30)
post b /quan-tri/xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma=${next:0:3} ${next:3}"
expect_location /quan-tri "a fresh code (typed with a space) signs in"
check "now there is a session cookie" test -n "$(session_cookie b)"
check "the pending log-in cookie is cleared" \
	grep -qi '^Set-Cookie: ttdt_2fa=; .*Max-Age=0' "$HDRS"
get b /quan-tri
expect_status 200 "the dashboard opens with the code"

# ---- a forged form to the code page ----
login c "$DIR" "$DIR_PW"
post c /quan-tri/xac-thuc --data-urlencode "csrf=$(printf '%064d' 0)" --data-urlencode "ma=000000"
expect_status 403 "a code form without the page's token: 403"

# ---- recovery codes, once each ----
login d "$DIR" "$DIR_PW"
tok=$(form_token d /quan-tri/xac-thuc)
post d /quan-tri/xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma_du_phong=${codes[0]}"
expect_location /quan-tri "a recovery code signs in"
login e "$DIR" "$DIR_PW"
tok=$(form_token e /quan-tri/xac-thuc)
post e /quan-tri/xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma_du_phong=${codes[0]}"
expect_body 'Mã dự phòng không đúng hoặc đã được dùng' "the same recovery code twice: refused"
get d /quan-tri/ho-so
expect_body 'Đang bật (9 mã dự phòng chưa dùng)' "one recovery code fewer"

# ---- the pending log-in cookie: forged, expired ----
key=$(sql "select value from setting where key = 'login_key'")
check "the pending log-in key is shared through the database" test "${#key}" -eq 64
# pending_cookie UID EXPIRY: what the server would write (crypto_auth is
# HMAC-SHA-512 truncated to 256 bits).
pending_cookie() {
	local msg="$1.$2" mac
	mac=$(printf '%s' "$msg" | openssl dgst -sha512 -mac HMAC -macopt "hexkey:$key" | awk '{ print $NF }')
	printf '%s.%s' "$msg" "${mac:0:64}"
}
good=$(pending_cookie "$dir_id" $(($(date +%s) + 120)))
fetch /quan-tri/xac-thuc -b "ttdt_2fa=$good"
expect_status 200 "a cookie made with the shared key is accepted (any node can take the code)"
fetch /quan-tri/xac-thuc -b "ttdt_2fa=$(pending_cookie "$dir_id" $(($(date +%s) - 1)))"
expect_location '/quan-tri/dang-nhap?thong-bao=het-han-xac-thuc' "an expired pending log-in: back to the password"
fetch /quan-tri/xac-thuc -b "ttdt_2fa=1.${good#*.}"
expect_location '/quan-tri/dang-nhap?thong-bao=het-han-xac-thuc' "another user id under the same MAC: refused"
fetch /quan-tri/dang-nhap?thong-bao=het-han-xac-thuc
expect_body 'Đã quá thời gian nhập mã xác thực' "the log-in page says why"

# ---- wrong codes lock the account ----
sql "update account set totp_failed = 0, failed_count = 0"
sql "delete from login_attempt"
login f "$DIR" "$DIR_PW"
tok=$(form_token f /quan-tri/xac-thuc)
for i in 1 2 3 4 5; do
	sql "delete from login_attempt"
	bad=$(printf '%06d' $(((10#$("$TOTP" "$secret") + 500000) % 1000000)))
	post f /quan-tri/xac-thuc --data-urlencode "csrf=$tok" --data-urlencode "ma=$bad"
done
expect_body 'Tài khoản đang tạm khóa' "the fifth wrong code locks the account"
check "the lock is in the database" \
	test "$(sql "select locked_until > strftime('%s','now') from account where id = $dir_id")" = 1
"$TTDT" user unlock --db "$T_TMP/t.db" --email "$DIR" >/dev/null
sql "delete from login_attempt"

# ---- a reset second factor means enrolling again ----
"$TTDT" user reset-2fa --db "$T_TMP/t.db" --email "$DIR" >/dev/null
login g "$DIR" "$DIR_PW"
expect_location /quan-tri/bat-xac-thuc "after reset-2fa: enrolment again"

# ---- roles that do not need it, and the demo database ----
login h chuyenvien@stp-kontum.example Demo-chuyenvien-2026
expect_location /quan-tri "staff sign in with the password alone"
get h /quan-tri/ho-so
expect_body 'href="/quan-tri/bat-xac-thuc"' "and may turn the second factor on from the profile"
stop_server
sql "update setting set value = '1' where key = 'demo'"
start_server
login i cntt@stp-kontum.example Demo-cntt-2026
expect_location /quan-tri "in a demo database the IT administrator needs no second factor"

t_done
