#!/usr/bin/env bash
# The item editor (issue 4 items 3 and 4): a staff member writes an item
# (a draft, revision 1, audited item.create) and edits it (revision 2,
# item.save); HTML pasted from Word keeps its headings, lists, tables,
# bold and italics and loses scripts, handlers, styles, classes and
# Word's markup; a title and body typed in TCVN3 without the editor's
# script are converted to Unicode and the writer is told; a .txt file in
# VNI becomes the body; the paste handler's conversion answers JSON; a
# form with a mistake comes back (422) with the message next to the field
# and everything typed kept; the Director and the IT administrator cannot
# write, nobody edits someone else's draft or an approved item, and a
# save over a newer revision is refused (409) without losing the text.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

cat=$(sql "select id from category where hidden = 0 order by id limit 1")
login cv chuyenvien@stp-kontum.example Demo-chuyenvien-2026
expect_location /quan-tri "staff: logged in"

# ---- the new item form ----
get cv /quan-tri/tin-bai/moi
expect_status 200 "staff: the new item form"
expect_body 'enctype="multipart/form-data"' "the form can carry a text file"
expect_body '<label for="tieu_de">Tiêu đề' "the title has a label"
expect_body '<textarea id="noi_dung" name="noi_dung"' "the body is a textarea without the script"
expect_body 'name="tep_van_ban" type="file" accept=".txt,text/plain"' "the .txt import"
expect_body 'Nhập từ tệp văn bản (.txt)' "the .txt import is labelled in Vietnamese"
expect_body '<script defer src="/static/vendor/squire.js' "the editor package is loaded"
expect_body '<script defer src="/static/js/editor.js' "the editor script is loaded"
expect_body 'href="/quan-tri/tin-bai/moi" aria-current="page"' "the navigation marks the page"
expect_body 'id="nguoi_gui" name="nguoi_gui" type="text" value="' \
	"staff write contributions: the sender's fields are shown (Điều 9.1.c)"
expect_body_re 'id="co_quan_gui"[^>]*value="[^"]+"' "the sender's agency is prefilled from the account"
tok=$(page_token)

# new_item BROWSER TOKEN [CURL ARGS...]: posts the new item form.
new_item() {
	post "$1" /quan-tri/tin-bai/moi --data-urlencode "csrf=$2" "${@:3}"
}
item_id() {
	header Location | sed -E 's|^/quan-tri/tin-bai/([0-9]+).*|\1|'
}

n=$(sql "select count(*) from item")
new_item cv "$tok" --data-urlencode "loai=tin" --data-urlencode "chuyen_muc=$cat" \
	--data-urlencode "tieu_de=  Hội nghị triển khai nhiệm vụ năm 2027  " \
	--data-urlencode "tom_tat=Tóm tắt thử." \
	--data-urlencode "noi_dung=<p>Đoạn <strong>một</strong>.</p>" \
	--data-urlencode "tac_gia=Nguyễn Văn Viết" --data-urlencode "nguon=Sở Tư pháp" \
	--data-urlencode "ngay_nguon=2026-11-20" --data-urlencode "trich_dan=1" \
	--data-urlencode "ket_thuc_su_kien=2026-11-28T16:30" \
	--data-urlencode "ngay_ban_hanh=2026-11-25"
expect_location '/quan-tri/tin-bai/[0-9]*' "create: 303 to the item's page"
id=$(item_id)
check "create: one item more" test "$(sql "select count(*) from item")" = $((n + 1))
check "create: a draft with the title trimmed" test \
	"$(sql "select state || '|' || title from item where id = $id")" = \
	"draft|Hội nghị triển khai nhiệm vụ năm 2027"
check "create: revision 1" test \
	"$(sql "select group_concat(number) from item_revision where item_id = $id")" = 1
check "create: audited item.create" test \
	"$(sql "select action from audit where object_type = 'item' and object_id = $id and action like 'item.%' order by id")" = item.create
check "create: author, source and its date kept" test \
	"$(sql "select author_name || '|' || source || '|' || date(source_date, 'unixepoch', '+7 hours') from item where id = $id")" = \
	"Nguyễn Văn Viết|Sở Tư pháp|2026-11-20"
# 16:30 in Ha Noi is 09:30 UTC.
check "create: cited, event end in Viet Nam time, document date" test \
	"$(sql "select cited || '|' || datetime(event_ended_at, 'unixepoch') || '|' || date(doc_issued_at, 'unixepoch', '+7 hours') || '|' || contribution from item_flow where item_id = $id")" = \
	"1|2026-11-28 09:30:00|2026-11-25|1"

# ---- the edit form, and a save with Word's HTML ----
get cv "/quan-tri/tin-bai/$id/sua"
expect_status 200 "the author edits its draft"
expect_body '<nav class="item-tabs" aria-label="Tin, bài">' "the item's tab bar"
expect_body_re "href=\"/quan-tri/tin-bai/$id/sua\" aria-current=\"page\"" "the edit tab is current"
expect_body 'value="Hội nghị triển khai nhiệm vụ năm 2027"' "the saved title is in the form"
expect_body '&lt;p&gt;Đoạn &lt;strong&gt;một&lt;/strong&gt;.&lt;/p&gt;' "the saved body, escaped, in the textarea"
expect_body 'value="2026-11-28T16:30"' "the event end shown in Viet Nam time"
expect_body 'name="phien_ban" value="1"' "the form remembers its revision"
expect_body 'id="ghi_chu"' "a note for the revision"
etok=$(page_token)

WORD='<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head><body>
<h2 class="MsoHeading2" style="mso-outline-level:2">Mục một</h2>
<p class="MsoNormal" style="margin:0cm;mso-line-height-rule:exactly"><span lang="VI" style="font-size:14.0pt;font-family:&quot;Times New Roman&quot;">Văn bản <b>đậm</b> và <i>nghiêng</i><o:p></o:p></span></p>
<ul><li class="MsoListParagraph">Ý thứ nhất</li><li>Ý thứ hai</li></ul>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse"><tr><td style="width:100pt">Ô một</td><td><strong>Ô hai</strong></td></tr></table>
<p onclick="alert(1)">Bấm <em>vào</em> đây</p><script>alert(2)</script>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
</body></html>'
post cv "/quan-tri/tin-bai/$id/sua" --data-urlencode "csrf=$etok" \
	--data-urlencode "phien_ban=1" --data-urlencode "loai=bai" \
	--data-urlencode "chuyen_muc=$cat" \
	--data-urlencode "tieu_de=Hội nghị triển khai nhiệm vụ năm 2027 (sửa)" \
	--data-urlencode "noi_dung=$WORD" --data-urlencode "tac_gia=Nguyễn Văn Viết" \
	--data-urlencode "nguon=Sở Tư pháp" --data-urlencode "ghi_chu=dán từ Word"
expect_location "/quan-tri/tin-bai/$id?xong=save" "save: 303 to the item's page"
check "save: revision 2 with its note" test \
	"$(sql "select group_concat(number || ':' || note) from item_revision where item_id = $id and number = 2")" = \
	"2:dán từ Word"
check "save: audited item.save" test "$(last_action)" = item.save
check "save: the kind and title changed" test \
	"$(sql "select kind || '|' || title from item where id = $id")" = \
	"bai|Hội nghị triển khai nhiệm vụ năm 2027 (sửa)"
saved=$(sql "select body_html from item where id = $id")
keep=1
for tag in '<h2>Mục một</h2>' '<ul><li>Ý thứ nhất</li><li>Ý thứ hai</li></ul>' '<table>' \
	'<td>Ô một</td>' '<strong>đậm</strong>' '<em>nghiêng</em>' '<strong>Ô hai</strong>' \
	'<p>Bấm <em>vào</em> đây</p>'; do
	[[ $saved == *"$tag"* ]] || { keep=0; note "missing $tag"; }
done
check "Word's paste keeps headings, lists, tables, bold and italics" test $keep = 1
drop=1
for bad in '<script' 'alert' 'onclick' 'style' 'class=' 'mso' 'Mso' '<span' 'o:p' 'xml' 'lang='; do
	[[ $saved == *"$bad"* ]] && { drop=0; note "kept $bad"; }
done
check "Word's paste drops scripts, handlers, styles, classes and Word's markup" test $drop = 1
((keep && drop)) || note "$saved"

# ---- legacy encodings typed without the script (TCVN3 seen as cp1252) ----
T3_TITLE='Héi nghÞ tæng kÕt c«ng t¸c t­ ph¸p n¨m 2026'
T3_BODY='<p>Së T­ ph¸p tØnh Kon Tum tæ chøc héi nghÞ triÓn khai c«ng t¸c phæ biÕn gi¸o dôc ph¸p luËt</p>'
new_item cv "$tok" --data-urlencode "loai=tin" \
	--data-urlencode "tieu_de=$T3_TITLE" --data-urlencode "noi_dung=$T3_BODY" \
	--data-urlencode "tom_tat=Giữ nguyên phần tóm tắt"
expect_status 422 "TCVN3 with no section: 422"
expect_body 'Vui lòng chọn chuyên mục.' "the missing section is named"
expect_body 'value="Hội nghị tổng kết công tác tư pháp năm 2026"' "the title comes back converted"
expect_body 'Đã chuyển tiêu đề, nội dung từ bảng mã TCVN3 sang Unicode.' \
	"the writer is told what was converted"
expect_body_re 'role="status" id="da-chuyen-ma"' "the notice is a status message"
# A name is too short to be sure of alone; beside a body in TCVN3 it is
# converted too.  A source typed in Unicode stays as it is.
new_item cv "$tok" --data-urlencode "loai=tin" --data-urlencode "chuyen_muc=$cat" \
	--data-urlencode "tieu_de=$T3_TITLE" --data-urlencode "noi_dung=$T3_BODY" \
	--data-urlencode "tac_gia=NguyÔn V¨n Hïng" --data-urlencode "nguon=Báo Kon Tum"
expect_location '/quan-tri/tin-bai/[0-9]*?chuyen-ma=TCVN3' "TCVN3: saved, the next page is told"
t3=$(item_id)
check "TCVN3: the author's name beside it converted, the Unicode source kept" test \
	"$(sql "select author_name || '|' || source from item where id = $t3")" = \
	"Nguyễn Văn Hùng|Báo Kon Tum"
check "TCVN3: the title is saved in Unicode" test \
	"$(sql "select title from item where id = $t3")" = "Hội nghị tổng kết công tác tư pháp năm 2026"
check "TCVN3: the body is saved in Unicode" test \
	"$(sql "select body_html from item where id = $t3")" = \
	"<p>Sở Tư pháp tỉnh Kon Tum tổ chức hội nghị triển khai công tác phổ biến giáo dục pháp luật</p>"
get cv "/quan-tri/tin-bai/$t3/sua?chuyen-ma=TCVN3"
expect_body 'Đã chuyển văn bản từ bảng mã TCVN3 sang Unicode.' "the edit page shows the conversion notice"
get cv "/quan-tri/tin-bai/$t3/sua?chuyen-ma=%3Cscript%3E"
expect_no_body 'Đã chuyển văn bản' "an unknown encoding name shows nothing"

# ---- a .txt file in VNI becomes the body ----
printf 'S\xf4\xfb T\xf6 pha\xf9p t\xe6nh Kon Tum h\xf6\xf4\xf9ng da\xe3n th\xf6\xefc hie\xe4n co\xe2ng ta\xf9c ho\xf8a gia\xfbi \xf4\xfb c\xf4 s\xf4\xfb na\xeam 2026\r\ndo\xf8ng hai <b>\r\n\r\n\r\nHo\xf8a gia\xfbi vie\xe2n \xf4\xfb tho\xe2n la\xf8ng\r\n' \
	>"$T_TMP/vni.txt"
post cv /quan-tri/tin-bai/moi -F "csrf=$tok" -F "loai=tin" -F "chuyen_muc=$cat" \
	-F "tieu_de=Tin nhập từ tệp" --form-string "noi_dung=<p>bị thay</p>" \
	-F "tep_van_ban=@$T_TMP/vni.txt;type=text/plain"
expect_location '/quan-tri/tin-bai/[0-9]*?chuyen-ma=VNI' "a VNI .txt file: saved, the next page is told"
tx=$(item_id)
check "the VNI file became the body, a paragraph per block, escaped" test \
	"$(sql "select body_html from item where id = $tx")" = \
	"<p>Sở Tư pháp tỉnh Kon Tum hướng dẫn thực hiện công tác hòa giải ở cơ sở năm 2026<br>dòng hai &lt;b&gt;</p>"$'\n'"<p>Hòa giải viên ở thôn làng</p>"
printf '\xff\xfeV\x00i\x00\xc7\x1et\x00' >"$T_TMP/utf16.txt"
post cv /quan-tri/tin-bai/moi -F "csrf=$tok" -F "loai=tin" -F "chuyen_muc=$cat" \
	-F "tieu_de=Tin UTF-16" -F "tep_van_ban=@$T_TMP/utf16.txt;type=text/plain"
expect_location '/quan-tri/tin-bai/[0-9]*' "a UTF-16 file with its BOM is read"
check "the UTF-16 file became the body" test \
	"$(sql "select body_html from item where id = $(item_id)")" = "<p>Việt</p>"
printf '\x00\x01\x02\xff\xfe\xfd' >"$T_TMP/bin.txt"
post cv /quan-tri/tin-bai/moi -F "csrf=$tok" -F "loai=tin" -F "chuyen_muc=$cat" \
	-F "tieu_de=Tệp hỏng" -F "tom_tat=Tóm tắt giữ lại" \
	-F "tep_van_ban=@$T_TMP/bin.txt;type=text/plain"
expect_status 422 "a file that is not text: 422"
expect_body 'Không nhận ra bảng mã của tệp văn bản' "the file's problem is named"
expect_body 'aria-describedby="tep_van_ban-goi-y tep_van_ban-loi"' "the message is tied to the file input"
expect_body '>Tóm tắt giữ lại</textarea>' "the summary typed is kept"

# ---- the paste handler's conversion ----
convert() {
	post cv /quan-tri/chuyen-ma "$@"
}
json() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get(sys.argv[2]))' "$BODY" "$1"
}
convert --data-urlencode "csrf=$tok" --data-urlencode "text=$T3_TITLE"
expect_status 200 "convert: 200"
expect_header Content-Type 'application/json; charset=utf-8' "convert: JSON"
check "convert: the text in Unicode" test "$(json text)" = "Hội nghị tổng kết công tác tư pháp năm 2026"
check "convert: the encoding named" test "$(json encoding)" = TCVN3
check "convert: a notice in Vietnamese" test "$(json notice)" = "$(printf 'Văn bản đã được chuyển từ mã TCVN3 sang Unicode.')"
convert --data-urlencode "csrf=$tok" --data-urlencode "text=Hội nghị tổng kết năm 2026"
check "convert: Unicode text comes back as it is, encoding null" test \
	"$(json text)|$(json encoding)|$(json notice)" = "Hội nghị tổng kết năm 2026|None|None"
convert --data-urlencode "csrf=$tok" --data-urlencode "text=Vie^.t Nam la\` mo^.t dda^'t nu+o+'c dde.p"
check "convert: VIQR too" test "$(json encoding)" = VIQR
convert --data-urlencode "csrf=$tok"
expect_status 400 "convert: no text: 400"
check "convert: the error is JSON" test -n "$(json error)"
head -c 300000 /dev/zero | tr '\0' 'a' >"$T_TMP/long.txt"
convert --data-urlencode "csrf=$tok" --data-urlencode "text@$T_TMP/long.txt"
expect_status 400 "convert: too long: 400"
check "convert: too long says so" test -n "$(json error)"
convert --data-urlencode "text=$T3_TITLE"
expect_status 403 "convert: no form token: 403"
convert --data-urlencode "csrf=$tok" --data-urlencode $'text=a\xff'
expect_status 400 "convert: invalid UTF-8: 400"

# ---- validation keeps what was typed ----
new_item cv "$tok" --data-urlencode "loai=tin" --data-urlencode "chuyen_muc=$cat" \
	--data-urlencode "tieu_de=   " --data-urlencode "tom_tat=Tóm tắt <em>đã gõ</em>" \
	--data-urlencode "noi_dung=<p>Nội dung đã gõ & chưa lưu</p>" \
	--data-urlencode "tac_gia=Tác giả đã gõ" --data-urlencode "ngay_nguon=31/02/2026" \
	--data-urlencode "ket_thuc_su_kien=2026-11-28T25:00"
expect_status 422 "no title: 422"
expect_body 'Vui lòng nhập tiêu đề.' "no title: the message"
expect_body 'role="alert" id="loi-tin-bai"' "the errors are announced"
expect_body 'aria-invalid="true" aria-describedby="tieu_de-loi"' "the title's message is tied to it"
expect_body '<a href="#tieu_de">Vui lòng nhập tiêu đề.</a>' "the summary links to the field"
expect_body 'Ngày của nguồn không hợp lệ' "a date that does not exist"
expect_body 'Thời điểm kết thúc sự kiện không hợp lệ' "a time that does not exist"
expect_body '>Tóm tắt &lt;em&gt;đã gõ&lt;/em&gt;</textarea>' "the summary is kept"
expect_body '&lt;p&gt;Nội dung đã gõ &amp; chưa lưu&lt;/p&gt;</textarea>' "the body is kept"
expect_body 'value="Tác giả đã gõ"' "the author is kept"
expect_body 'value="31/02/2026"' "the bad date is kept to be corrected"
check "nothing saved by the refused forms" test \
	"$(sql "select count(*) from item where title in ('', 'Tệp hỏng')")" = 0

# ---- who may write and edit ----
for who in giamdoc cntt; do
	sql "delete from login_attempt"
	login "$who" "$who@stp-kontum.example" "Demo-$who-2026"
	get "$who" /quan-tri/tin-bai/moi
	expect_status 403 "$who may not write: GET /moi 403"
	wtok=$(form_token "$who" /quan-tri/ho-so)
	n=$(sql "select count(*) from item")
	new_item "$who" "$wtok" --data-urlencode "loai=tin" --data-urlencode "chuyen_muc=$cat" \
		--data-urlencode "tieu_de=Không được viết"
	expect_status 403 "$who may not write: POST /moi 403"
	check "$who: nothing created" test "$(sql "select count(*) from item")" = "$n"
	post "$who" /quan-tri/chuyen-ma --data-urlencode "csrf=$wtok" --data-urlencode "text=abc"
	expect_status 403 "$who: no conversion service either"
done

# The Secretariat writes inside the Board: no sender fields.
login tk thuky@stp-kontum.example Demo-thuky-2026
get tk /quan-tri/tin-bai/moi
expect_status 200 "the Secretariat writes"
expect_no_body 'id="nguoi_gui"' "the Secretariat's items are not contributions: no sender fields"

# Another author's draft.
login ctv congtacvien@stp-kontum.example Demo-congtacvien-2026
ctok=$(form_token ctv /quan-tri/tin-bai/moi)
new_item ctv "$ctok" --data-urlencode "loai=tin" --data-urlencode "chuyen_muc=$cat" \
	--data-urlencode "tieu_de=Bản nháp của cộng tác viên"
expect_location '/quan-tri/tin-bai/[0-9]*' "a collaborator writes a draft"
other=$(item_id)
get cv "/quan-tri/tin-bai/$other/sua"
expect_status 403 "staff may not edit another's draft: GET 403"
expect_body 'không' "the refusal is in Vietnamese"
post cv "/quan-tri/tin-bai/$other/sua" --data-urlencode "csrf=$tok" \
	--data-urlencode "loai=tin" --data-urlencode "chuyen_muc=$cat" \
	--data-urlencode "tieu_de=Chiếm quyền"
expect_status 403 "staff may not edit another's draft: POST 403"
check "another's draft unchanged" test \
	"$(sql "select title || '|' || (select count(*) from item_revision where item_id = $other) from item where id = $other")" = \
	"Bản nháp của cộng tác viên|1"

# An approved item is frozen (return it first).
sql "update item set state = 'approved' where id = $id"
get cv "/quan-tri/tin-bai/$id/sua"
expect_status 403 "an approved item: GET /sua 403"
post cv "/quan-tri/tin-bai/$id/sua" --data-urlencode "csrf=$etok" \
	--data-urlencode "phien_ban=2" --data-urlencode "loai=tin" \
	--data-urlencode "chuyen_muc=$cat" --data-urlencode "tieu_de=Sửa khi đã duyệt"
expect_status 403 "an approved item: POST /sua 403"
check "an approved item: no revision added" test \
	"$(sql "select max(number) from item_revision where item_id = $id")" = 2
sql "update item set state = 'draft' where id = $id"

# A published demo item (no workflow row): nobody edits it without a
# correction.
pub=$(sql "select id from item where state = 'published' order by id limit 1")
get cv "/quan-tri/tin-bai/$pub/sua"
expect_status 403 "a published item: GET /sua 403"
get cv /quan-tri/tin-bai/999999999/sua
expect_status 404 "an unknown item: 404"
get cv /quan-tri/tin-bai/abc/sua
expect_status 404 "a malformed id: 404"

# Two saves from the same revision: the second is told, and keeps its text.
post cv "/quan-tri/tin-bai/$id/sua" --data-urlencode "csrf=$etok" \
	--data-urlencode "phien_ban=1" --data-urlencode "loai=tin" \
	--data-urlencode "chuyen_muc=$cat" --data-urlencode "tieu_de=Bản cũ hơn" \
	--data-urlencode "noi_dung=<p>Văn bản dựa trên phiên bản 1</p>"
expect_status 409 "a save over a newer revision: 409"
expect_body 'lưu phiên bản mới' "it says someone saved meanwhile"
expect_body 'value="Bản cũ hơn"' "the title typed is kept"
expect_body 'Văn bản dựa trên phiên bản 1' "the body typed is kept"
expect_body 'name="phien_ban" value="2"' "the form now knows revision 2"
check "the stale save changed nothing" test \
	"$(sql "select max(number) from item_revision where item_id = $id")" = 2

t_done
