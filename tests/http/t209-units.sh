#!/usr/bin/env bash
# Units in the newsroom and on the public site (issue 3 items 1 and 4;
# Điều 8.1, 9.1.a): the IT administrator adds a unit and it shows on
# /gioi-thieu/don-vi with its contacts; an edit of its phone shows there
# at once; closing a district office moves its people (district-level
# government was abolished in 2025), hides it from the public page and
# keeps it in /quan-tri/don-vi as closed, read-only.  Every refused form
# changes nothing: no row, no audit entry.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

# state: a digest of the units, where every account belongs and the
# audit log's length, to prove that a refused form changed nothing.
state() {
	{
		sql "select * from unit order by id"
		sql "select id, unit_id from account order by id"
		sql "select count(*) from audit"
	} | md5sum
}

# unchanged BEFORE DESCRIPTION: the state is still BEFORE.
unchanged() {
	check "$2: nothing changed" test "$(state)" = "$1"
}

# send PATH [FIELD=VALUE...]: posts a form as the IT administrator.
send() {
	local path=$1 args=() f
	shift
	for f in "$@"; do args+=(--data-urlencode "$f"); done
	post it "$path" --data-urlencode "csrf=$tok" "${args[@]}"
}

login it cntt@stp-kontum.example Demo-cntt-2026
expect_location /quan-tri "the IT administrator logs in"
it_id=$(sql "select id from account where email = 'cntt@stp-kontum.example'")
mai_id=$(sql "select id from account where email = 'chuyenvien@stp-kontum.example'")
dakto=$(sql "select id from unit where name = 'Phòng Tư pháp huyện Đắk Tô'")
kontum=$(sql "select id from unit where name = 'Phòng Tư pháp thành phố Kon Tum'")
office=$(sql "select id from unit where name = 'Văn phòng Sở'")

# ---- the list ----
get it /quan-tri/don-vi
expect_status 200 "the unit list"
expect_body 'href="/quan-tri/don-vi/moi"' "it links to the add form"
expect_body "<h2 id=\"loai-4\">Phòng tư pháp cấp huyện</h2>" "units are grouped by kind"
expect_body_re "href=\"/quan-tri/don-vi/$dakto\">Phòng Tư pháp huyện Đắk Tô</a></th><td></td><td></td><td></td><td>2</td>" \
	"Đắk Tô shows its 2 active accounts"
expect_body 'aria-current="page">Đơn vị' "the navigation marks the page"
tok=$(page_token)

# ---- adding ----
get it /quan-tri/don-vi/moi
expect_status 200 "the add form"
expect_body '<label for="ten">' "the name has a label"
expect_body '<option value="2">Phòng chuyên môn</option>' "kinds come from the unit_kind table"
expect_body "<option value=\"$mai_id\">Vũ Thị Mai – Phòng Bổ trợ tư pháp</option>" \
	"active accounts are offered as focal point"

NAME="Phòng Thử nghiệm Đơn vị"
good=(loai=2 "ten=$NAME" "dia_chi=15 Trần Hưng Đạo, TP Kon Tum"
	"dien_thoai=0260 3 999 888" "fax=0260 3 999 889"
	"email=ThuNghiem@STP-Kontum.example" "dau_moi=$mai_id")

before=$(state)
send /quan-tri/don-vi/moi "${good[@]/#ten=*/ten=  }"
expect_status 200 "empty name: the form again"
expect_body 'Vui lòng nhập tên đơn vị.' "empty name: says so"
expect_body 'aria-describedby="ten-loi"' "empty name: the field points at its message"
expect_body 'value="0260 3 999 888"' "empty name: the other values are kept"
expect_body_re 'role="alert"' "empty name: the error is announced"
unchanged "$before" "empty name"

send /quan-tri/don-vi/moi "${good[@]/#loai=*/loai=999}"
expect_body 'Loại đơn vị không có trong danh sách' "unknown kind id: refused"
unchanged "$before" "unknown kind id"
send /quan-tri/don-vi/moi "${good[@]/#loai=*/loai=abc}"
expect_body 'Loại đơn vị không có trong danh sách' "non-numeric kind: refused"
unchanged "$before" "non-numeric kind"
send /quan-tri/don-vi/moi "${good[@]}" don_vi_cha=99999
expect_body 'Đơn vị cấp trên phải là một đơn vị khác đang hoạt động.' "unknown parent: refused"
unchanged "$before" "unknown parent"
send /quan-tri/don-vi/moi "${good[@]/#email=*/email=khong-phai-email}"
expect_body 'Địa chỉ thư điện tử không hợp lệ' "bad e-mail: refused"
expect_body 'value="khong-phai-email"' "bad e-mail: the value is kept to fix"
unchanged "$before" "bad e-mail"
send /quan-tri/don-vi/moi "${good[@]/#dien_thoai=*/dien_thoai=gọi tôi}"
expect_body 'Số điện thoại chỉ gồm chữ số' "bad phone: refused"
unchanged "$before" "bad phone"
send /quan-tri/don-vi/moi "${good[@]/#dau_moi=*/dau_moi=99999}"
expect_body 'Người làm đầu mối phải là một tài khoản đang hoạt động.' "unknown focal point: refused"
unchanged "$before" "unknown focal point"

send /quan-tri/don-vi/moi "${good[@]}"
expect_location '/quan-tri/don-vi/*?thong-bao=da-them' "a good form adds the unit"
id=$(sql "select id from unit where name = '$NAME'")
check "the unit is stored with its contacts (e-mail lower-cased)" test \
	"$(sql "select kind_id || '|' || phone || '|' || email || '|' || focal_user_id from unit where id = ${id:-0}")" \
	= "2|0260 3 999 888|thunghiem@stp-kontum.example|$mai_id"
check "unit.add is audited with the IT administrator as actor" test \
	"$(sql "select action || ' ' || object_id || ' ' || actor_user_id from audit order by id desc limit 1")" \
	= "unit.add $id $it_id"
get it "/quan-tri/don-vi/$id?thong-bao=da-them"
expect_body 'Đã thêm đơn vị.' "the unit's page says it was added"

get pub /gioi-thieu/don-vi
expect_status 200 "the public directory"
expect_body '<h1>Các phòng, đơn vị thuộc Sở</h1>' "it has its heading"
expect_body "<h3 id=\"don-vi-$id\">$NAME</h3>" "the new unit shows on the public page"
expect_body '<a href="tel:02603999888">0260 3 999 888</a>' "its phone is a tel: link"
expect_body '<a href="mailto:thunghiem@stp-kontum.example">' "its e-mail is a mailto: link"
expect_body '<dd>Vũ Thị Mai, Chuyên viên</dd>' "its focal point with name and title"
expect_body '<address>' "contacts are marked up as an address"
expect_body 'Phòng Tư pháp huyện Đắk Tô' "district offices are listed"
expect_body '<h2 id="loai-1">Văn phòng</h2>' "groups by kind"
check "the Office comes before the district offices" test \
	"$(grep -n 'loai-1' "$BODY" | head -n 1 | cut -d: -f1)" -lt \
	"$(grep -n 'loai-4' "$BODY" | head -n 1 | cut -d: -f1)"
expect_header Cache-Control 'max-age=60' "browsers may keep it a minute only"
expect_body 'href="/gioi-thieu/don-vi"' "the footer links to it"

# ---- editing ----
get it "/quan-tri/don-vi/$id"
expect_status 200 "the edit form"
expect_body 'value="0260 3 999 888"' "it shows the stored phone"
expect_body "<option value=\"$mai_id\" selected>" "it selects the focal point"
edited=("${good[@]/#dien_thoai=*/dien_thoai=0260 3 111 222}")
before=$(state)
send "/quan-tri/don-vi/$id" "${edited[@]/#email=*/email=a@b}"
expect_body 'Địa chỉ thư điện tử không hợp lệ' "edit with a bad e-mail: refused"
unchanged "$before" "edit with a bad e-mail"
send "/quan-tri/don-vi/$id" "${edited[@]/#ten=*/ten=}"
expect_body 'Vui lòng nhập tên đơn vị.' "edit with an empty name: refused"
unchanged "$before" "edit with an empty name"
send "/quan-tri/don-vi/$id" "${edited[@]}" "don_vi_cha=$id"
expect_body 'Đơn vị cấp trên phải là một đơn vị khác' "a unit as its own parent: refused"
unchanged "$before" "a unit as its own parent"
send "/quan-tri/don-vi/$id" "${edited[@]}"
expect_location "/quan-tri/don-vi/$id?thong-bao=da-luu" "the edit is saved"
check "unit.edit is audited with the phone before and after" test \
	"$(sql "select action from audit where detail like '%0260 3 999 888%0260 3 111 222%' order by id desc limit 1")" \
	= unit.edit
get pub /gioi-thieu/don-vi
expect_body '<a href="tel:02603111222">0260 3 111 222</a>' "the public page shows the new phone at once"
expect_no_body '0260 3 999 888' "and not the old one"

for p in /quan-tri/don-vi/abc /quan-tri/don-vi/99999 /quan-tri/don-vi/0 \
	/quan-tri/don-vi/-1 /quan-tri/don-vi/1x; do
	get it "$p"
	expect_status 404 "GET $p: no such unit"
done
before=$(state)
send /quan-tri/don-vi/abc "${edited[@]}"
expect_status 404 "POST to a non-numeric id: 404"
send /quan-tri/don-vi/abc/dong "chuyen_den=$kontum" xac_nhan=1
expect_status 404 "close of a non-numeric id: 404"
send /quan-tri/don-vi/99999/dong "chuyen_den=$kontum" xac_nhan=1
expect_status 404 "close of an unknown id: 404"
unchanged "$before" "unknown ids"

# ---- closing a district office with people ----
get it "/quan-tri/don-vi/$dakto"
expect_body '2</strong> tài khoản đang hoạt động' "the close form counts the people"
expect_body '<label for="chuyen_den">' "the receiving unit has a label"
expect_body '<select id="chuyen_den" name="chuyen_den" required' "and is required"
expect_no_body "<option value=\"$dakto\">Phòng Tư pháp huyện Đắk Tô</option>" \
	"a unit cannot receive its own people"
before=$(state)
send "/quan-tri/don-vi/$dakto/dong" xac_nhan=1
expect_body 'Đơn vị còn 2 tài khoản đang hoạt động' "close without a receiving unit: refused"
unchanged "$before" "close without a receiving unit"
send "/quan-tri/don-vi/$dakto/dong" "chuyen_den=$kontum"
expect_body 'Vui lòng đánh dấu ô xác nhận' "close without the confirmation: refused"
expect_body "<option value=\"$kontum\" selected>" "the choice is kept"
unchanged "$before" "close without the confirmation"
send "/quan-tri/don-vi/$dakto/dong" "chuyen_den=$dakto" xac_nhan=1
expect_body 'Đơn vị nhận phải là một đơn vị khác đang hoạt động.' "moving people to the same unit: refused"
unchanged "$before" "moving people to the same unit"
send "/quan-tri/don-vi/$dakto/dong" chuyen_den=99999 xac_nhan=1
expect_body 'Đơn vị nhận phải là một đơn vị khác đang hoạt động.' "moving people to an unknown unit: refused"
unchanged "$before" "moving people to an unknown unit"

n=$(sql "select max(id) from audit")
send "/quan-tri/don-vi/$dakto/dong" "chuyen_den=$kontum" xac_nhan=1
expect_location "/quan-tri/don-vi/$dakto?thong-bao=da-dong&chuyen=2&den=$kontum" \
	"the close is done"
check "its two people moved to Kon Tum city's office" test \
	"$(sql "select group_concat(email) from (select email from account where unit_id = $kontum order by email)")" \
	= "congtacvien@stp-kontum.example,truongphong@stp-kontum.example"
check "nobody is left in Đắk Tô" test \
	"$(sql "select count(*) from account where unit_id = $dakto")" = 0
check "the unit is closed, not deleted" test \
	"$(sql "select closed_at is not null from unit where id = $dakto")" = 1
check "audited: user.edit twice, then unit.close" test \
	"$(sql "select group_concat(action, ' ') from (select action from audit where id > $n order by id)")" \
	= "user.edit user.edit unit.close"
get it "/quan-tri/don-vi/$dakto?thong-bao=da-dong&chuyen=2&den=$kontum"
expect_body '2 tài khoản đã được chuyển sang Phòng Tư pháp thành phố Kon Tum.' \
	"the page says who went where"
today=$(date -u -d '+7 hours' +%d/%m/%Y)
expect_body "Đã giải thể/đã đóng ngày $today" "the page says when it closed"
expect_no_body 'name="ten"' "a closed unit has no edit form"

get pub /gioi-thieu/don-vi
expect_no_body 'Phòng Tư pháp huyện Đắk Tô' "the closed unit left the public page"
expect_body 'Phòng Tư pháp huyện Ngọc Hồi' "the other district offices stay"
get it /quan-tri/don-vi
expect_body_re "href=\"/quan-tri/don-vi/$dakto\">Phòng Tư pháp huyện Đắk Tô</a></th><td>Phòng tư pháp cấp huyện</td><td>Đã giải thể/đã đóng ngày $today</td>" \
	"the newsroom list keeps it as closed, with its date"
check "closed units come after the open ones" test \
	"$(grep -n 'id="da-dong"' "$BODY" | cut -d: -f1)" -gt \
	"$(grep -n "href=\"/quan-tri/don-vi/$kontum\"" "$BODY" | cut -d: -f1)"

before=$(state)
send "/quan-tri/don-vi/$dakto" loai=4 "ten=Đổi tên sau khi đóng"
expect_status 409 "editing a closed unit: refused"
expect_body 'đã giải thể hoặc đã đóng' "with a message"
unchanged "$before" "editing a closed unit"
send "/quan-tri/don-vi/$dakto/dong" "chuyen_den=$kontum" xac_nhan=1
expect_status 409 "closing it again: refused"
unchanged "$before" "closing it again"
send /quan-tri/don-vi/moi "${good[@]/#ten=*/ten=Đơn vị con}" "don_vi_cha=$dakto"
expect_body 'Đơn vị cấp trên phải là một đơn vị khác đang hoạt động.' "a closed unit as parent: refused"
unchanged "$before" "a closed unit as parent"

# A unit with nobody in it closes without a receiving unit.
get it "/quan-tri/don-vi/$id"
expect_no_body 'id="chuyen_den"' "an empty unit asks for no receiving unit"
send "/quan-tri/don-vi/$id/dong" xac_nhan=1
expect_location "/quan-tri/don-vi/$id?thong-bao=da-dong" "an empty unit closes"
check "unit.close is audited" test "$(last_action)" = unit.close
get pub /gioi-thieu/don-vi
expect_no_body "$NAME" "it left the public page too"

# A unit changed by `ttdt unit` (another process) shows at once: the
# page is not kept in the server's cache.
"$TTDT" unit edit --db "$T_TMP/t.db" --id "$office" --phone "0260 3862 340" >/dev/null 2>&1
get pub /gioi-thieu/don-vi
expect_body '<a href="tel:02603862340">0260 3862 340</a>' "a change from the command line shows at once"

# Another role, with its own valid form token, is refused and changes
# nothing (t206 walks every route with forged tokens).
login gd giamdoc@stp-kontum.example Demo-giamdoc-2026
get gd /quan-tri
gtok=$(page_token)
before=$(state)
post gd /quan-tri/don-vi/moi --data-urlencode "csrf=$gtok" --data-urlencode loai=2 \
	--data-urlencode "ten=Không được thêm"
expect_status 403 "the Director cannot add a unit"
post gd "/quan-tri/don-vi/$office" --data-urlencode "csrf=$gtok" \
	--data-urlencode loai=1 --data-urlencode "ten=Không được sửa"
expect_status 403 "the Director cannot edit a unit"
post gd "/quan-tri/don-vi/$kontum/dong" --data-urlencode "csrf=$gtok" \
	--data-urlencode "chuyen_den=$office" --data-urlencode xac_nhan=1
expect_status 403 "the Director cannot close a unit"
unchanged "$before" "other roles"

t_done
