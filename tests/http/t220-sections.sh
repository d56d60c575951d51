#!/usr/bin/env bash
# Sections in the newsroom (issue 4 item 10): the Secretariat adds a
# section (its slug made unique), renames it (the address stays unless
# asked), reorders it among its siblings and hides it, and the public
# site follows at once (navigation order, 404 for a hidden section); the
# owning unit and the activity-news flag are set, and an item without a
# photo in an activity-news section cannot be submitted (Điều 9.1.b); a
# refused form (422) keeps what was typed and changes nothing; a section
# that holds items is not deleted, an empty one is; every change is in
# the audit log; staff get 403.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

# state: the sections and the audit log's length, to prove that a
# refused form changed nothing.
state() {
	{
		sql "select * from category order by id"
		sql "select count(*) from audit"
	} | md5sum
}

# send PATH [FIELD=VALUE...]: posts a form as the Secretariat.
send() {
	local path=$1 args=() f
	shift
	for f in "$@"; do args+=(--data-urlencode "$f"); done
	post thuky "$path" --data-urlencode "csrf=$tok" "${args[@]}"
}

# nav_slugs: the main sections of the public navigation, in order.
nav_slugs() {
	fetch /
	sed -n '/class="nav-list"/,/<\/ul>/p' "$BODY" |
		grep -oE 'href="/chuyen-muc/[^"]*"' | sed 's#.*/##; s/"$//' |
		tr '\n' ' '
}

# row_has ID TEXT DESCRIPTION: the list's row of section ID holds TEXT.
row_has() {
	if sed -n "/<tr id=\"cm-$1\"/,/<\/tr>/p" "$BODY" | grep -qF "$2"; then
		ok "$3"
	else
		not_ok "$3: row cm-$1 has no '$2'"
	fi
}

sql "delete from login_attempt"
login thuky thuky@stp-kontum.example Demo-thuky-2026
expect_location /quan-tri "the Secretariat logs in"
news=$(sql "select id from category where slug = 'tin-tuc-su-kien'")
office=$(sql "select id from unit where name = 'Văn phòng Sở'")

# ---- the list ----
get thuky /quan-tri/chuyen-muc
expect_status 200 "the section list"
expect_body 'aria-current="page">Chuyên mục' "the navigation marks the page"
expect_body_re "id=\"cm-$news\"" "every section has a row"
expect_body 'Tin hoạt động: cần ảnh' "activity-news sections are marked"
expect_body 'href="/quan-tri/chuyen-muc/moi"' "it links to the add form"
tok=$(page_token)

# ---- adding ----
get thuky /quan-tri/chuyen-muc/moi
expect_status 200 "the add form"
expect_body '<label for="ten">' "the name has a label"
expect_body "<option value=\"$news\">Tin tức - sự kiện</option>" "main sections are offered as parent"
expect_no_body '>Tin hoạt động của Sở</option>' "subsections are not offered as parent"

before=$(state)
send /quan-tri/chuyen-muc/moi "ten=  " "mo_ta=Mô tả đã gõ"
expect_status 422 "empty name: 422"
expect_body 'Vui lòng nhập tên chuyên mục.' "empty name: says so"
expect_body 'aria-describedby="ten-loi"' "empty name: the field points at its message"
expect_body_re 'role="alert"' "empty name: the error is announced"
expect_body 'Mô tả đã gõ' "empty name: the description typed is kept"
check "empty name: nothing changed" test "$(state)" = "$before"
long=$(printf 'á%.0s' {1..201})
send /quan-tri/chuyen-muc/moi "ten=$long"
expect_status 422 "a 201-character name: 422"
expect_body 'dài quá 200 ký tự' "a 201-character name: says so"
sub6=$(sql "select id from category where slug = 'tin-hoat-dong-cua-so'")
send /quan-tri/chuyen-muc/moi "ten=Cấp ba" "cha=$sub6"
expect_status 422 "a subsection as parent: 422"
expect_body 'cây chuyên mục có hai cấp' "a subsection as parent: says why"
send /quan-tri/chuyen-muc/moi "ten=Đơn vị sai" "don_vi=99999"
expect_status 422 "an unknown unit: 422"
check "refused forms changed nothing" test "$(state)" = "$before"

send /quan-tri/chuyen-muc/moi "ten=Tin hoạt động của Sở" "cha=$news" \
	"mo_ta=Trùng tên với chuyên mục có sẵn"
expect_location "/quan-tri/chuyen-muc/*?thong-bao=da-them" "a section with a taken name is added"
dup=$(sql "select id from category where slug = 'tin-hoat-dong-cua-so-2'")
check "its slug is made unique (-2)" test -n "$dup"
check "it is last among its siblings" test \
	"$(sql "select max(position) from category where parent_id = $news")" = \
	"$(sql "select position from category where id = $dup")"

send /quan-tri/chuyen-muc/moi "ten=Hợp tác quốc tế" "mo_ta=Hoạt động hợp tác quốc tế về pháp luật."
expect_location "/quan-tri/chuyen-muc/*?thong-bao=da-them" "a main section is added"
intl=$(sql "select id from category where slug = 'hop-tac-quoc-te'")
check "the audit log has section.add" test \
	"$(sql "select count(*) from audit where action = 'section.add'")" = 2
nav=$(nav_slugs)
check "the public navigation shows the new section at once, last" \
	test "${nav% }" = "${nav% hop-tac-quoc-te } hop-tac-quoc-te"
fetch /chuyen-muc/hop-tac-quoc-te
expect_status 200 "its public page answers"

# ---- renaming ----
send "/quan-tri/chuyen-muc/$intl" "ten=Hợp tác quốc tế về pháp luật" \
	"mo_ta=Hoạt động hợp tác quốc tế về pháp luật."
expect_location "/quan-tri/chuyen-muc/$intl?thong-bao=da-luu" "a rename is saved"
check "a rename keeps the slug" test \
	"$(sql "select slug from category where id = $intl")" = hop-tac-quoc-te
fetch /
expect_body 'Hợp tác quốc tế về pháp luật</a>' "the public navigation shows the new name at once"
get thuky "/quan-tri/chuyen-muc/$intl"
expect_body 'mọi liên kết cũ tới chuyên mục sẽ không còn dùng được' "the page warns that a new address breaks old links"
send "/quan-tri/chuyen-muc/$intl" "ten=Hợp tác quốc tế về pháp luật" \
	"mo_ta=Hoạt động hợp tác quốc tế về pháp luật." doi_dia_chi=1
check "asked to, the slug follows the name" test \
	"$(sql "select slug from category where id = $intl")" = hop-tac-quoc-te-ve-phap-luat
fetch /chuyen-muc/hop-tac-quoc-te
expect_status 404 "the old address is gone"
fetch /chuyen-muc/hop-tac-quoc-te-ve-phap-luat
expect_status 200 "the new address answers"
detail=$(sql "select detail from audit where action = 'section.edit' order by id desc limit 1")
check "the audit entry has before and after" grep -q '"slug":{"before":"hop-tac-quoc-te","after":"hop-tac-quoc-te-ve-phap-luat"}' <<<"$detail"

# ---- reordering ----
nav=$(nav_slugs)
prev=$(awk '{ print $(NF - 1) }' <<<"$nav")
send "/quan-tri/chuyen-muc/$intl/len"
expect_location "/quan-tri/chuyen-muc?thong-bao=da-sap-xep#cm-$intl" "up: back to the list at the row"
nav2=$(nav_slugs)
check "the public order changes at once" test \
	"$(awk '{ print $(NF - 1) " " $NF }' <<<"$nav2")" = "hop-tac-quoc-te-ve-phap-luat $prev"
check "siblings are numbered 1..n" test \
	"$(sql "select group_concat(position, ' ') from (select position from category where parent_id is null order by position)")" = \
	"$(seq -s ' ' 1 "$(sql "select count(*) from category where parent_id is null")")"
send "/quan-tri/chuyen-muc/$intl/xuong"
check "down puts it back" test "$(nav_slugs)" = "$nav"
check "the audit log has section.move twice" test \
	"$(sql "select count(*) from audit where action = 'section.move' and object_id = $intl")" = 2

# ---- hiding ----
send "/quan-tri/chuyen-muc/$intl/an"
expect_location "/quan-tri/chuyen-muc?thong-bao=da-an#cm-$intl" "hide: back to the list"
fetch /chuyen-muc/hop-tac-quoc-te-ve-phap-luat
expect_status 404 "a hidden section's page answers 404"
fetch /
expect_no_body 'hop-tac-quoc-te-ve-phap-luat' "a hidden section leaves the navigation"
get thuky /quan-tri/chuyen-muc
row_has "$intl" "Đang ẩn" "the list marks it hidden"
send "/quan-tri/chuyen-muc/$intl/hien"
fetch /chuyen-muc/hop-tac-quoc-te-ve-phap-luat
expect_status 200 "shown again, it answers"
check "hide and show are audited" test \
	"$(sql "select group_concat(action, ' ') from audit where object_type = 'section' and action like 'section.%' and object_id = $intl and action in ('section.hide', 'section.show')")" = \
	"section.hide section.show"

# ---- owner unit and activity news ----
send "/quan-tri/chuyen-muc/$dup" "ten=Tin hoạt động của Sở" "cha=$news" \
	"don_vi=$office" tin_hoat_dong=1
expect_location "/quan-tri/chuyen-muc/$dup?thong-bao=da-luu" "owner unit and activity flag are saved"
check "the row has them" test \
	"$(sql "select owner_unit_id || '/' || activity_news from category where id = $dup")" = "$office/1"
get thuky /quan-tri/chuyen-muc
row_has "$dup" "<td>Văn phòng Sở</td>" "the list shows the owning unit"

sql "delete from login_attempt"
login chuyenvien chuyenvien@stp-kontum.example Demo-chuyenvien-2026
cv=$(sql "select id from account where email = 'chuyenvien@stp-kontum.example'")
cv_unit=$(sql "select unit_id from account where id = $cv")
now=$(date +%s)
id=992001
sql "insert into item (id, kind, state, category_id, created_at,
	author_user_id, title, slug, author_name, source, body_html)
	values ($id, 'tin', 'draft', $dup, $now, $cv, 'Tập huấn nghiệp vụ',
	'tap-huan', 'Trần Thị Tác Giả', 'Văn phòng Sở', '<p>Nội dung.</p>');
	insert into item_flow (item_id, unit_id, revision)
	values ($id, $cv_unit, 0)"
ctok=$(form_token chuyenvien "/quan-tri/tin-bai/$id")
post chuyenvien "/quan-tri/tin-bai/$id/thao-tac" --data-urlencode "csrf=$ctok" \
	--data-urlencode hanh_dong=submit --data-urlencode trang_thai=draft
expect_status 422 "an item without a photo in an activity-news section cannot be submitted"
expect_body 'Tin hoạt động phải có ảnh minh họa (Điều 9.1.b).' "the missing photo is named"
send "/quan-tri/chuyen-muc/$dup" "ten=Tin hoạt động của Sở" "cha=$news" \
	"don_vi=$office"
post chuyenvien "/quan-tri/tin-bai/$id/thao-tac" --data-urlencode "csrf=$ctok" \
	--data-urlencode hanh_dong=submit --data-urlencode trang_thai=draft
expect_location "/quan-tri/tin-bai/$id?xong=submit" "with the flag cleared, the same item is submitted"

# ---- deleting ----
before=$(state)
get thuky "/quan-tri/chuyen-muc/$dup"
expect_body 'Không xóa được chuyên mục đang có nội dung: 1 tin, bài;' "the page says why a section with an item cannot be deleted"
send "/quan-tri/chuyen-muc/$dup/xoa" xac_nhan=1
expect_status 409 "a section holding an item is not deleted"
expect_body 'Chuyên mục có nội dung chỉ có thể ẩn đi.' "it says to hide it instead"
send "/quan-tri/chuyen-muc/$news/xoa" xac_nhan=1
expect_status 409 "a section holding subsections is not deleted"
check "refused deletes changed nothing" test "$(state)" = "$before"
send "/quan-tri/chuyen-muc/$intl/xoa"
expect_status 422 "deleting needs the confirmation box"
check "unconfirmed: nothing changed" test "$(state)" = "$before"
send "/quan-tri/chuyen-muc/$intl/xoa" xac_nhan=1
expect_location "/quan-tri/chuyen-muc?thong-bao=da-xoa" "an empty section is deleted"
check "its row is gone" test "$(sql "select count(*) from category where id = $intl")" = 0
check "the deletion is audited" test "$(last_action)" = section.delete
fetch /chuyen-muc/hop-tac-quoc-te-ve-phap-luat
expect_status 404 "its public page is gone"
get thuky "/quan-tri/chuyen-muc/$intl"
expect_status 404 "its newsroom page is gone"

# ---- who may ----
before=$(state)
get chuyenvien /quan-tri/chuyen-muc
expect_status 403 "staff cannot open the section list"
stok=$(form_token chuyenvien /quan-tri/ho-so)
post chuyenvien "/quan-tri/chuyen-muc/$news/an" --data-urlencode "csrf=$stok"
expect_status 403 "staff cannot hide a section, even with their form token"
post chuyenvien /quan-tri/chuyen-muc/moi --data-urlencode "csrf=$stok" \
	--data-urlencode "ten=Của nhân viên"
expect_status 403 "staff cannot add a section"
check "staff changed nothing" test "$(state)" = "$before"
sql "delete from login_attempt"
login truongban truongban@stp-kontum.example Demo-truongban-2026
get truongban /quan-tri/chuyen-muc
expect_status 200 "the Board Head manages sections too"
get thuky /quan-tri/chuyen-muc/abc
expect_status 404 "a malformed id is 404"
t_done
