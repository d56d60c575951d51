#!/usr/bin/env bash
# Notifications (issue 4 item 11): a staff member's item walks submit ->
# accept -> assign -> send -> approve -> publish through the item page's
# action form, and at each step whoever acts next is told, in the
# newsroom and by e-mail through a real SMTP server (a sink on loopback),
# never the actor; the author hears of approval and publication, and of
# a return with the reviewer's reason.  The notification page lists an
# account's own notices newest first with the unread ones marked in
# words; marking one or all read changes the count in the navigation;
# someone else's notice answers 404 and stays unread; a forged POST
# changes nothing.
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

D=stp-kontum.example
uid() { sql "select id from account where email = '$1@$D'"; }
cv=$(uid chuyenvien) tk=$(uid thuky) tb=$(uid truongban) pb=$(uid phoban)
tv=$(uid thanhvien) vp=$(uid vanphong)
cv_unit=$(sql "select coalesce(unit_id, 'NULL') from account where id = $cv")
cat=$(sql "select min(id) from category where activity_news = 0")
now=$(date +%s)

# item ID TITLE: a complete draft of chuyenvien's (Điều 7.1.d, 9.1.c).
item() {
	sql "insert into item (id, kind, state, category_id, created_at,
		author_user_id, title, slug, author_name, source, summary,
		body_html)
		values ($1, 'tin', 'draft', $cat, $now, $cv, '$2',
		'thong-bao-$1', 'Nguyễn Văn A', 'Sở Tư pháp', 'Tóm tắt.',
		'<p>Nội dung.</p>');
		insert into item_flow (item_id, unit_id, contribution,
		sender_name, sender_agency, sender_contact, revision)
		values ($1, $cv_unit, 1, 'Nguyễn Văn A', 'Sở Tư pháp',
		'0260 3862 000', 1)"
}

# absent PATTERN FILE: PATTERN is not in FILE.
absent() { ! grep -q -- "$1" "$2"; }

# told WHO ITEM KIND: how many notifications of KIND about ITEM WHO has.
told() {
	sql "select count(*) from notification where user_id = $1
		and item_id = $2 and kind = '$3'"
}

# mails_to ADDR: subject and body of every message the sink got for
# ADDR, decoded, one after another.
mails_to() {
	python3 - "$SINK_DIR" "$1" <<'PY'
import email, email.policy, glob, json, os, sys
d, addr = sys.argv[1], sys.argv[2]
for j in sorted(glob.glob(os.path.join(d, "*.json"))):
    meta = open(j, encoding="utf-8").read()
    if "<%s>" % addr not in meta:
        continue
    m = email.message_from_binary_file(open(j[:-5] + ".eml", "rb"),
                                       policy=email.policy.default)
    print("Subject:", m["Subject"])
    print(m.get_body(("plain",)).get_content())
PY
}

# wait_mail ADDR TEXT: waits up to 10 s for a message to ADDR holding
# TEXT (a fixed string); false if none came.
wait_mail() {
	local i
	for ((i = 0; i < 100; i++)); do
		mails_to "$1" | grep -F -- "$2" >/dev/null && return 0
		sleep 0.1
	done
	return 1
}

for w in chuyenvien thuky truongban phoban thanhvien vanphong giamdoc; do
	sql "delete from login_attempt"
	login "$w" "$w@$D" "Demo-$w-2026"
	[[ $STATUS == 303 ]] || not_ok "$w cannot log in ($STATUS)"
done

# act WHO ITEM ACTION STATE [CURL ARGS...]: a workflow step through the
# item page's form; it must answer 303 to the item's page.
act() {
	local who=$1 id=$2 a=$3 st=$4 tok
	tok=$(form_token "$who" /quan-tri/ho-so)
	post "$who" "/quan-tri/tin-bai/$id/thao-tac" --data-urlencode "csrf=$tok" \
		--data-urlencode "hanh_dong=$a" --data-urlencode "trang_thai=$st" "${@:5}"
	expect_location "/quan-tri/tin-bai/$id?xong=$a" "$who: $a"
}

I=700001
item $I "Hội nghị tổng kết công tác tư pháp"
n0=$(sql "select count(*) from notification")

act chuyenvien $I submit draft
check "submit: the Secretariat is told" test "$(told "$tk" $I submit)" = 1
check "submit: nobody else (the author acted)" \
	test "$(sql "select count(*) from notification where item_id = $I")" = 1
if wait_mail "thuky@$D" "Hội nghị tổng kết công tác tư pháp"; then
	ok "submit: a mail reaches thuky@ at once"
else
	not_ok "submit: no mail for thuky@"
	note "$(tail -n 20 "$T_TMP/server.log")"
fi
check "the mail says what waits and links the item's newsroom page" \
	grep -q "/quan-tri/tin-bai/$I" <(mails_to "thuky@$D")
check "its subject is Vietnamese" grep -q "Subject: .*Tin, bài chờ tiếp nhận" \
	<(mails_to "thuky@$D")

act thuky $I accept submitted
for u in "$tb" "$pb" "$tv"; do
	check "accept: account $u (Head, Deputy, member) is told" \
		test "$(told "$u" $I accept)" = 1
done
check "accept: the Secretariat is not told of its own step" \
	test "$(told "$tk" $I accept)" = 0
check "accept: a mail for the member" wait_mail "thanhvien@$D" "chờ biên tập"

act truongban $I assign in-editing --data-urlencode "nguoi_bien_tap=$tv"
check "assign: the assignee is told" test "$(told "$tv" $I assign)" = 1
check "assign: only the assignee" \
	test "$(sql "select count(*) from notification where item_id = $I and kind = 'assign'")" = 1

act thanhvien $I send in-editing
check "send: the Head is told" test "$(told "$tb" $I send)" = 1
check "send: the Deputy is told" test "$(told "$pb" $I send)" = 1
check "send: a mail asks the Deputy to approve" wait_mail "phoban@$D" "Tin, bài chờ duyệt"

act phoban $I approve pending-approval
check "approve: the Office is told" test "$(told "$vp" $I approve)" = 1
check "approve: the author is told" test "$(told "$cv" $I approve)" = 1
check "approve: not the Deputy itself" test "$(told "$pb" $I approve)" = 0
check "approve: a mail asks the Office to publish" wait_mail "vanphong@$D" "Tin, bài chờ đăng"

act vanphong $I publish approved
check "publish: the author is told" test "$(told "$cv" $I publish)" = 1
check "publish: the author's mail says it was published" \
	wait_mail "chuyenvien@$D" "đã được đăng"
check "the published mail gives the public address" \
	grep -q "/tin/thong-bao-$I-$I" <(mails_to "chuyenvien@$D")

# Returned with a reason: the author's notice and mail carry it.
R=700002
item $R "Tin cần bổ sung"
act chuyenvien $R submit draft
act thuky $R return submitted --data-urlencode "ly_do=Thiếu ảnh minh họa và nguồn tin"
check "return: the author is told" test "$(told "$cv" $R return)" = 1
check "return: the notice carries the reason" \
	test "$(sql "select count(*) from notification where user_id = $cv and item_id = $R and text like '%Thiếu ảnh minh họa và nguồn tin%'")" = 1
check "return: the author's mail carries the reason" \
	wait_mail "chuyenvien@$D" "Thiếu ảnh minh họa và nguồn tin"

# The notification page: own notices, newest first, unread in words.
cv_unread=$(sql "select count(*) from notification where user_id = $cv and read_at is null")
check "the author has unread notices ($cv_unread)" test "$cv_unread" -ge 3
get chuyenvien /quan-tri/thong-bao
expect_status 200 "the notification page"
expect_body "Thông báo <span class=\"badge\">$cv_unread<span class=\"sr-only\"> chưa đọc</span></span>" \
	"the navigation shows the unread count"
expect_body 'aria-current="page">Thông báo' "the page is marked current in the navigation"
expect_body '<strong class="notify-mark">Chưa đọc:</strong>' "unread notices say so in words"
expect_body_re '<time datetime="20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9:]{8}\+07:00">[0-3][0-9]/[01][0-9]/20[0-9]{2} [0-9]{2}:[0-9]{2}</time>' \
	"each notice's time carries an ISO 8601 datetime"
expect_body "href=\"/quan-tri/tin-bai/$R\"" "a notice links its item"
expect_body "Lý do: Thiếu ảnh minh họa và nguồn tin" "the return notice shows the reason"
first=$(grep -o 'Tin, bài “[^”]*”' "$BODY" | head -n 1)
check "newest first ($first)" test "$first" = "Tin, bài “Tin cần bổ sung”"
check "nobody else's notices are listed" absent "đang chờ Tổ thư ký tiếp nhận" "$BODY"
tok=$(page_token)

# Mark one read.
nid=$(sql "select max(id) from notification where user_id = $cv and read_at is null")
post chuyenvien /quan-tri/thong-bao/da-doc --data-urlencode "csrf=$tok" --data-urlencode "id=$nid"
expect_location "/quan-tri/thong-bao?xong=mot" "mark one read: 303 back"
check "it is read now" test "$(sql "select read_at is not null from notification where id = $nid")" = 1
get chuyenvien /quan-tri/thong-bao?xong=mot
expect_body 'role="status">Đã đánh dấu thông báo là đã đọc.' "the page says so"
expect_body "<span class=\"badge\">$((cv_unread - 1))<span" "the unread count went down by one"

# Someone else's notice: 404 and unchanged.
other=$(sql "select max(id) from notification where user_id = $tk")
post chuyenvien /quan-tri/thong-bao/da-doc --data-urlencode "csrf=$tok" --data-urlencode "id=$other"
expect_status 404 "someone else's notice: 404"
check "and it stays unread" test "$(sql "select read_at is null from notification where id = $other")" = 1
post chuyenvien /quan-tri/thong-bao/da-doc --data-urlencode "csrf=$tok" --data-urlencode "id=abc"
expect_status 400 "a malformed id: 400"
# A forged POST (no token) changes nothing.
post chuyenvien /quan-tri/thong-bao/da-doc --data-urlencode "tat_ca=1"
expect_status 403 "without the form token: 403"
check "and nothing was marked" test "$(sql "select count(*) from notification where user_id = $cv and read_at is null")" = $((cv_unread - 1))

# The dashboard shows the newest unread.
get chuyenvien /quan-tri
expect_body '<h2 id="thong-bao-moi">Thông báo mới</h2>' "the dashboard has a new-notices section"
expect_body_re '<time datetime="20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9:]{8}\+07:00">' \
	"the dashboard's notices carry an ISO 8601 datetime"
expect_body "Tin, bài “Hội nghị tổng kết công tác tư pháp” của anh/chị đã được đăng." \
	"it lists the newest unread notice"
check "not the one just read" absent "Tin cần bổ sung” của anh/chị đã bị trả lại" "$BODY"

# Mark all read.
post chuyenvien /quan-tri/thong-bao/da-doc --data-urlencode "csrf=$tok" --data-urlencode "tat_ca=1"
expect_location "/quan-tri/thong-bao?xong=tat-ca" "mark all read: 303 back"
check "none of the author's is unread" \
	test "$(sql "select count(*) from notification where user_id = $cv and read_at is null")" = 0
check "the Secretariat's are untouched" \
	test "$(sql "select count(*) from notification where user_id = $tk and read_at is null")" -ge 1
get chuyenvien /quan-tri/thong-bao
check "the navigation shows no count any more" absent 'class="badge"' "$BODY"
check "the mark-all button is gone" absent 'Đánh dấu tất cả là đã đọc' "$BODY"
get giamdoc /quan-tri/thong-bao
expect_status 200 "an account without notices sees the page"
expect_body 'Chưa có thông báo nào.' "and is told it has none"
check "notifications were written for every step" \
	test "$(sql "select count(*) from notification")" -gt "$n0"
t_done
