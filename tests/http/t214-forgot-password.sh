#!/usr/bin/env bash
# Forgotten password by e-mail (issue 4 item 11): with [mail] set, the
# log-in page links the "forgotten password" page; a request for an
# account's e-mail sends it a one-time link through a real SMTP server (a
# sink on loopback) at once, not a minute later; the link sets a new
# password; an unknown address gets the same answer and no mail; without
# mail the page says whom to ask instead.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

SINK_DIR=$T_TMP/mail
mkdir -p "$SINK_DIR"
python3 "$T_ROOT/tests/tools/smtp_sink.py" --dir "$SINK_DIR" \
	--port-file "$T_TMP/sink.port" >"$T_TMP/sink.log" 2>&1 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null; t_cleanup' EXIT
for ((i = 0; i < 50; i++)); do
	[[ -s $T_TMP/sink.port ]] && break
	sleep 0.1
done
SINK_PORT=$(cat "$T_TMP/sink.port" 2>/dev/null)
check "the SMTP sink listens on loopback" test -n "$SINK_PORT"

start_server "[mail]" "host = 127.0.0.1" "port = $SINK_PORT" "tls = none" \
	"from = trang-tin@stp-kontum.example" "from_name = Sở Tư pháp tỉnh Kon Tum"

WHO=chuyenvien@stp-kontum.example
uid=$(sql "select id from account where email = '$WHO'")

get a /quan-tri/dang-nhap
expect_body 'href="/quan-tri/quen-mat-khau"' "the log-in page links the forgotten-password page"
get a /quan-tri/quen-mat-khau
expect_status 200 "the forgotten-password page"
expect_body '<label for="email">E-mail</label>' "its field has a label"
tok=$(page_token)

# wait_mail N: waits up to 5 s for the N-th message in the sink.
wait_mail() {
	local i f
	f=$SINK_DIR/$(printf '%04d' "$1").eml
	for ((i = 0; i < 50; i++)); do
		[[ -f $f ]] && return 0
		sleep 0.1
	done
	return 1
}

n_audit=$(sql "select count(*) from audit")
post a /quan-tri/quen-mat-khau --data-urlencode "csrf=$tok" --data-urlencode "email=khong.co.ai@stp-kontum.example"
expect_status 200 "an unknown address: 200"
expect_body 'Nếu <strong>khong.co.ai@stp-kontum.example</strong> là e-mail của một tài khoản' "the same answer as for an account"
post a /quan-tri/quen-mat-khau --data-urlencode "csrf=$tok" --data-urlencode "email=không phải e-mail"
expect_body 'Vui lòng nhập đúng địa chỉ e-mail' "a malformed address: told so"
check "neither wrote an audit entry" test "$(sql "select count(*) from audit")" = "$n_audit"

post a /quan-tri/quen-mat-khau --data-urlencode "csrf=$tok" --data-urlencode "email=${WHO^^}"
expect_body "Nếu <strong>$WHO</strong> là e-mail của một tài khoản" "the account's address (typed in capitals): the same answer"
if wait_mail 1; then
	ok "the mail reached the SMTP server within seconds"
else
	not_ok "no mail reached the SMTP server"
	note "$(tail -n 20 "$T_TMP/server.log")"
fi
check "only one message: none for the unknown address" test ! -e "$SINK_DIR/0002.eml"
check "it went to the account's address" grep -q "\"<$WHO>\"" "$SINK_DIR/0001.json"
check "the link-making is audited" test "$(last_action)" = "user.reset-link"
subject=$(python3 - "$SINK_DIR/0001.eml" <<'PY'
import email, email.header, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m["Subject"])
PY
)
check "the subject is Vietnamese ($subject)" grep -q 'mật khẩu' <<<"$subject"
link=$(python3 - "$SINK_DIR/0001.eml" <<'PY'
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
body = m.get_body(("plain",)).get_content()
print(re.search(r"https?://\S+/quan-tri/dat-lai-mat-khau/[0-9a-f]{64}", body).group(0))
PY
)
check "the body carries the one-time link" test -n "$link"
path=/${link#*//*/}

get b "$path"
expect_status 200 "the link opens the set-password page"
tok=$(page_token)
post b "$path" --data-urlencode "csrf=$tok" \
	--data-urlencode "mat_khau_moi=Song Dak Bla chay qua Kon Tum" \
	--data-urlencode "mat_khau_moi_lai=Song Dak Bla chay qua Kon Tum"
expect_location '/quan-tri/dang-nhap*' "the new password is set"
login c "$WHO" "Song Dak Bla chay qua Kon Tum"
expect_location /quan-tri "and it logs in"
get b "$path"
expect_status 410 "the link works once"

stop_server
start_server
get d /quan-tri/dang-nhap
expect_no_body 'href="/quan-tri/quen-mat-khau"' "without mail the log-in page offers no e-mail reset"
get d /quan-tri/quen-mat-khau
expect_body 'chưa được cấu hình gửi thư' "and the page says whom to ask"

t_done
