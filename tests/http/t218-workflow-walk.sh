#!/usr/bin/env bash
# The whole workflow through the item page (issue 4 item 1; Điều 9, 13-18):
# items written by the demo accounts walk every path (staff -> Secretariat
# -> Head assigns -> member sends -> Deputy approves -> Office publishes;
# returns with a reason from each review state and a resubmission; a
# district collaborator's item through its district head; a member taking
# an unassigned item; scheduled publication by the server; unpublishing
# (410); a correction that stays private until published; archiving).
# At EVERY step every demo account that may not take it is refused (403,
# or 409 when the state is wrong) and the item, its flow, its history
# and the audit log stay as they were; publishing an unapproved item is
# refused to every account, the Office included (Điều 17.1.c); a stale
# state answers 409, a missing reason 422, a form without its token 403.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

NAMES=(giamdoc truongban phoban thanhvien thuky vanphong chuyenvien daumoi
	congtacvien truongphong cntt)
uid() { sql "select id from account where email = '$1@stp-kontum.example'"; }
declare -A TOK
for w in "${NAMES[@]}"; do
	sql "delete from login_attempt"
	login "$w" "$w@stp-kontum.example" "Demo-$w-2026"
	[[ $STATUS == 303 ]] || not_ok "$w cannot log in ($STATUS)"
	TOK[$w]=$(form_token "$w" /quan-tri/ho-so)
done
tv=$(uid thanhvien)
future=$(TZ=Asia/Ho_Chi_Minh date -d '+2 hours' +%Y-%m-%dT%H:%M)

# state ID: the state the item's page shows (a correction's while open).
state() {
	sql "select coalesce(f.corr_state, i.state) from item i
		left join item_flow f on f.item_id = i.id where i.id = $1"
}
# (Not item.hits: views of the public page are counted in the background.)
digest() {
	sql "select id, kind, state, category_id, published_at, updated_at,
		author_user_id, title, slug, summary, body_html, source,
		cover_image from item where id = $1;
		select * from item_flow where item_id = $1;
		select * from item_transition where item_id = $1;
		select count(*) from item_revision where item_id = $1;
		select count(*) from audit;" | sha256sum
}
# new_item WHO TITLE: a draft written through the editor (the sql
# fallback only while the editor's route is missing); prints its id.
new_item() {
	local who=$1 title=$2 tok loc
	tok=$(form_token "$who" /quan-tri/tin-bai/moi)
	if [[ $STATUS == 404 ]]; then
		sql "insert into item (kind, state, category_id, created_at,
			author_user_id, title, slug, author_name, source,
			body_html) values ('tin', 'draft', 6, strftime('%s'),
			$(uid "$who"), '$title', 'tin-thu', 'Tác giả',
			'Sở Tư pháp', '<p>Nội dung ban đầu.</p>');
			insert into item_flow (item_id, unit_id, via_district,
			contribution, sender_name, sender_agency,
			sender_contact, revision) select last_insert_rowid(),
			unit_id, '$who' = 'congtacvien', 1, full_name, 'Đơn vị',
			'0260 3862 000', 1 from account where id = $(uid "$who");
			select max(id) from item"
		return
	fi
	post "$who" /quan-tri/tin-bai/moi --data-urlencode "csrf=$tok" \
		--data-urlencode loai=tin --data-urlencode chuyen_muc=6 \
		--data-urlencode "tieu_de=$title" \
		--data-urlencode "noi_dung=<p>Nội dung ban đầu của tin.</p>" \
		--data-urlencode "tac_gia=Nguyễn Văn Tác Giả" \
		--data-urlencode "nguon=Sở Tư pháp tỉnh Kon Tum" \
		--data-urlencode "nguoi_gui=Nguyễn Văn Gửi" \
		--data-urlencode "co_quan_gui=Sở Tư pháp" \
		--data-urlencode "lien_he_gui=0260 3862 000"
	loc=$(header Location)
	[[ $loc =~ ^/quan-tri/tin-bai/([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}
# edit WHO ID BODY: saves a revision through the editor's form.
edit() {
	local tok
	tok=$(form_token "$1" "/quan-tri/tin-bai/$2/sua")
	post "$1" "/quan-tri/tin-bai/$2/sua" --data-urlencode "csrf=$tok" \
		--data-urlencode loai=tin --data-urlencode chuyen_muc=6 \
		--data-urlencode "tieu_de=$(sql "select title from item where id = $2")" \
		--data-urlencode "noi_dung=$3" \
		--data-urlencode "tac_gia=Nguyễn Văn Tác Giả" \
		--data-urlencode "nguon=Sở Tư pháp tỉnh Kon Tum" \
		--data-urlencode "nguoi_gui=Nguyễn Văn Gửi" \
		--data-urlencode "co_quan_gui=Sở Tư pháp" \
		--data-urlencode "lien_he_gui=0260 3862 000" \
		--data-urlencode "ghi_chu=sửa theo góp ý"
}
# try WHO ID ACTION [CURL ARGS]: posts the step as the page would.
try() {
	local who=$1 id=$2 a=$3
	shift 3
	post "$who" "/quan-tri/tin-bai/$id/thao-tac" \
		--data-urlencode "csrf=${TOK[$who]}" \
		--data-urlencode "hanh_dong=$a" \
		--data-urlencode "trang_thai=$(state "$id")" \
		--data-urlencode "ly_do=Lý do thử nghiệm" \
		--data-urlencode "nguoi_bien_tap=$tv" \
		--data-urlencode "gio_dang=$future" "$@"
}
# step ID ACTION DOER WANT_STATE "ALLOWED...": first every account not in
# ALLOWED (nor DOER) is refused and nothing changes, then DOER takes it.
step() {
	local id=$1 a=$2 doer=$3 want=$4 allowed=" $5 $3 " d bad= w
	d=$(digest "$id")
	for w in "${NAMES[@]}"; do
		[[ $allowed == *" $w "* ]] && continue
		try "$w" "$id" "$a"
		[[ $STATUS == 403 || $STATUS == 409 ]] || bad+=" $w=$STATUS"
	done
	if [[ -z $bad && $(digest "$id") == "$d" ]]; then
		ok "item $id $a: refused to every other account, nothing changed"
	else
		not_ok "item $id $a: refused wrongly:$bad"
	fi
	try "$doer" "$id" "$a"
	if [[ $STATUS == 303 && $(state "$id") == "$want" ]]; then
		ok "item $id $a by $doer -> $want"
	else
		not_ok "item $id $a by $doer: $STATUS, state $(state "$id"), want $want"
		note "$(grep -A3 'role="alert"' "$BODY" | head -8)"
	fi
}
# no_publish ID: Điều 17.1.c, nobody publishes an unapproved item.
no_publish() {
	local d w bad=
	d=$(digest "$1")
	for w in "${NAMES[@]}"; do
		try "$w" "$1" publish
		[[ $STATUS == 403 || $STATUS == 409 ]] || bad+=" $w=$STATUS"
	done
	check "Điều 17.1.c: item $1 ($(state "$1")) cannot be published by anyone${bad}" \
		test -z "$bad" -a "$(digest "$1")" = "$d"
}

# ---- The main path: staff to publication ----
a=$(new_item chuyenvien "Hội nghị triển khai công tác tư pháp năm 2026")
check "the staff member's draft exists" test -n "$a"
no_publish "$a"
step "$a" submit chuyenvien submitted ""
no_publish "$a"
# A stale state: the page showed a draft.
d=$(digest "$a")
post thuky "/quan-tri/tin-bai/$a/thao-tac" --data-urlencode "csrf=${TOK[thuky]}" \
	--data-urlencode hanh_dong=accept --data-urlencode trang_thai=draft
check "a stale trang_thai answers 409 and changes nothing" \
	test "$STATUS" = 409 -a "$(digest "$a")" = "$d"
post thuky "/quan-tri/tin-bai/$a/thao-tac" --data-urlencode "csrf=" \
	--data-urlencode hanh_dong=accept --data-urlencode trang_thai=submitted
check "a forged POST without the token answers 403 and changes nothing" \
	test "$STATUS" = 403 -a "$(digest "$a")" = "$d"
post thuky "/quan-tri/tin-bai/$a/thao-tac" --data-urlencode "csrf=${TOK[thuky]}" \
	--data-urlencode hanh_dong=fly --data-urlencode trang_thai=submitted
check "an unknown action answers 400" test "$STATUS" = 400
step "$a" accept thuky in-editing "truongban phoban"
no_publish "$a"
step "$a" assign truongban in-editing "phoban"
check "the Head assigned thanhvien (Điều 13.2)" \
	test "$(sql "select assigned_user_id from item_flow where item_id = $a")" = "$tv"
step "$a" send thanhvien pending-approval "truongban phoban"
no_publish "$a"
step "$a" approve phoban approved "truongban"
step "$a" publish vanphong published ""
slug=$(sql "select slug || '-' || id from item where id = $a")
fetch "/tin/$slug"
expect_status 200 "the published item is public"
get chuyenvien "/quan-tri/tin-bai/$a?xong=publish"
expect_body "Đã đăng" "the item page says what happened"
expect_body "/tin/$slug" "the item page links to the public page"

# ---- Correction: the live text stays until the correction is published ----
step "$a" correct thanhvien in-editing "truongban phoban thuky"
edit thanhvien "$a" "<p>Nội dung đã đính chính số liệu.</p>"
check "the correction's editor saves a revision (303)" test "$STATUS" = 303
fetch "/tin/$slug"
if grep -q "đã đính chính" "$BODY"; then
	not_ok "the public page shows the correction before it is published"
else
	ok "the public page keeps the live text during the correction"
fi
no_publish "$a"
step "$a" send thanhvien pending-approval "truongban phoban"
step "$a" approve truongban approved "phoban"
step "$a" publish vanphong published ""
fetch "/tin/$slug"
expect_body "đã đính chính" "the published correction is public"
expect_body "Cập nhật" "the public page says when it was updated"

# ---- Unpublish with a reason: 410; then archive ----
d=$(digest "$a")
post phoban "/quan-tri/tin-bai/$a/thao-tac" --data-urlencode "csrf=${TOK[phoban]}" \
	--data-urlencode hanh_dong=unpublish --data-urlencode trang_thai=published
check "unpublishing without a reason answers 422 and changes nothing" \
	test "$STATUS" = 422 -a "$(digest "$a")" = "$d"
expect_body 'role="alert"' "the missing reason is announced"
step "$a" unpublish phoban unpublished "truongban vanphong"
fetch "/tin/$slug"
expect_status 410 "an unpublished item answers 410"
step "$a" archive thuky archived ""

# ---- Returns from each review state, back to the author ----
b=$(new_item chuyenvien "Tin trả lại nhiều lần")
ret() { # ret ID STATE WHO OTHERS: return from STATE, then edit, resubmit
	step "$1" return "$3" returned "$4"
	check "the reason reaches the item ($2)" \
		test "$(sql "select return_reason from item_flow where item_id = $1")" = "Lý do thử nghiệm"
	edit chuyenvien "$1" "<p>Nội dung sửa sau khi bị trả lại từ $2.</p>"
	check "the author edits the returned item (303)" test "$STATUS" = 303
	step "$1" submit chuyenvien submitted ""
}
step "$b" submit chuyenvien submitted ""
ret "$b" submitted thuky "truongban phoban"
step "$b" accept thuky in-editing "truongban phoban"
ret "$b" in-editing truongban "phoban thuky"
step "$b" accept truongban in-editing "phoban thuky"
step "$b" send truongban pending-approval "phoban"
ret "$b" pending-approval phoban "truongban"
step "$b" accept thuky in-editing "truongban phoban"
step "$b" send phoban pending-approval "truongban"
step "$b" approve phoban approved "truongban"
ret "$b" approved truongban "phoban"
step "$b" accept thuky in-editing "truongban phoban"
step "$b" send phoban pending-approval "truongban"
step "$b" approve phoban approved "truongban"
step "$b" schedule vanphong scheduled "truongban phoban"
ret "$b" scheduled phoban "truongban"

# ---- A district collaborator's item: its district head first ----
c=$(new_item congtacvien "Tin tư pháp huyện Đắk Tô")
step "$c" submit congtacvien district-review ""
check "Điều 18.2: the district's item waits for its head" \
	test "$(state "$c")" = district-review
no_publish "$c"
home=$(sql "select unit_id from account where email = 'truongphong@stp-kontum.example'")
sql "update account set unit_id = 12 where email = 'truongphong@stp-kontum.example'"
d=$(digest "$c")
try truongphong "$c" preapprove
check "the head of another district cannot pre-approve (403)" \
	test "$STATUS" = 403 -a "$(digest "$c")" = "$d"
sql "update account set unit_id = $home where email = 'truongphong@stp-kontum.example'"
step "$c" return truongphong returned ""
step "$c" submit congtacvien district-review ""
step "$c" preapprove truongphong submitted ""

# ---- A Board member takes an unassigned item ----
step "$c" accept thuky in-editing "truongban phoban"
step "$c" take thanhvien in-editing "truongban phoban"
check "the member who took the item is its editor" \
	test "$(sql "select assigned_user_id from item_flow where item_id = $c")" = "$tv"

# ---- Scheduled publication on the minute ----
step "$c" send thanhvien pending-approval "truongban phoban"
step "$c" approve truongban approved "phoban"
d=$(digest "$c")
post vanphong "/quan-tri/tin-bai/$c/thao-tac" --data-urlencode "csrf=${TOK[vanphong]}" \
	--data-urlencode hanh_dong=schedule --data-urlencode trang_thai=approved \
	--data-urlencode "gio_dang=2020-01-01T08:00"
check "a publish time in the past answers 422 and changes nothing" \
	test "$STATUS" = 422 -a "$(digest "$c")" = "$d"
step "$c" schedule vanphong scheduled "truongban phoban"
step "$c" unschedule truongban approved "phoban vanphong"
step "$c" schedule vanphong scheduled "truongban phoban"
sql "update item_flow set publish_at = strftime('%s') - 60 where item_id = $c"
for ((i = 0; i < 40; i++)); do
	[[ $(state "$c") == published ]] && break
	sleep 2
done
check "the server published the scheduled item on the minute" \
	test "$(state "$c")" = published
check "the scheduler's step is in the history" \
	test "$(sql "select actor_name from item_transition where item_id = $c order by id desc limit 1")" = system:scheduler

t_done
