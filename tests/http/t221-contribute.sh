#!/usr/bin/env bash
# Contributions from outside (issue 4 item 8; Điều 9.1.b-c): the public
# form /gui-tin-bai with a photo lands as a submitted item with the
# sender's details in the Secretariat's triage queue, gives a reference
# number whose status the public can look up; the honeypot, the minimum
# time, the consent, the required contact, the per-address limit, the
# form token, the size cap and a script disguised as a JPEG each refuse
# with nothing stored.  Every file is checked before any is stored: a
# post whose later file is refused keeps no earlier one, and a post that
# fails after storing files (a fault of the server) counts toward the
# limit so that it cannot be repeated without bound.  The e-mail given
# receives only the reference number.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server "[server]" "contribute_max = 300k"

get p /gui-tin-bai
expect_status 200 "the contribution form"
expect_body '<label for="lien_he">Số điện thoại hoặc địa chỉ liên hệ (bắt buộc)</label>' \
	"Điều 9.1.c: phone or address is asked for, required in text"
expect_body 'Nghị định số 13/2023/NĐ-CP' "the notice on personal data"
expect_body 'id="dong_y" name="dong_y" type="checkbox" value="1" required' \
	"a required consent checkbox"
expect_body '<div class="contrib-hp" aria-hidden="true">' \
	"the honeypot is hidden from assistive technology"
expect_body 'tabindex="-1" autocomplete="off"' "and from the keyboard"
expect_body 'value="6" selected' "the news section is chosen by default"
expect_body 'địa chỉ này chỉ nhận một thư báo số tiếp nhận và đường dẫn tra cứu, không kèm nội dung bạn gửi' \
	"the e-mail field says it only receives the reference number"
expect_no_body '<script>' "no inline script"
check "no cache: Cache-Control no-store" grep -qi '^Cache-Control: no-store' "$HDRS"
check "the nonce cookie is scoped to /gui-tin-bai, HttpOnly, Strict" \
	grep -qiE '^Set-Cookie: ttdt_gt=[0-9a-f]{32}; Path=/gui-tin-bai; HttpOnly; SameSite=Strict' "$HDRS"
tok=$(grep -oE 'name="ma_phien" value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
check "the form carries its token" test -n "$tok"
get home /
expect_body '<a href="/gui-tin-bai">Gửi tin, bài</a>' "the footer links the page"

vips black "$T_TMP/anh.jpg" 64 48 >/dev/null 2>&1
check "a small JPEG made for the test" test -s "$T_TMP/anh.jpg"
printf '#!/bin/sh\nrm -rf /\n' >"$T_TMP/script.jpg"
vips black "$T_TMP/anh2.jpg" 80 60 >/dev/null 2>&1
check "a second JPEG, not yet in the library" test -s "$T_TMP/anh2.jpg"
printf '%%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' >"$T_TMP/to-trinh.pdf"

items() { sql "select count(*) from item"; }
n0=$(items)
m0=$(sql "select count(*) from media")
a0=$(sql "select count(*) from audit")

# send [curl args]: a same-origin multipart POST of the form as browser p
# with the typed fields; the arguments add fields or, coming first (the
# server takes a field's first value), override them.
send() {
	post p /gui-tin-bai "$@" -F "ma_phien=$tok" -F "ho_ten=Trần Văn Bình" \
		-F "co_quan=UBND xã Đắk Hà" -F "chuc_danh=Công chức tư pháp" \
		-F "lien_he=0912 345 678" -F "email=binh@example.vn" \
		-F "noi_dung=Sáng 9/11, xã tổ chức Ngày Pháp luật.

Hơn 200 người dân tham dự." -F "chuyen_muc=7"
}

# Too fast: the form was made less than 3 s ago.
get p /gui-tin-bai
tok=$(grep -oE 'name="ma_phien" value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
send -F "tieu_de=Quá nhanh" -F dong_y=1
expect_status 422 "sent at once after loading: refused"
expect_body 'quá nhanh' "it says the form was sent too fast"
check "too fast: nothing stored" test "$(items)" = "$n0"
sleep 3.2

# Forged or missing token, other origin: 403.
send -F "tieu_de=Giả mạo" -F dong_y=1 -F "ma_phien=1.abc.def"
expect_status 403 "a forged token: 403"
expect_body 'Biểu mẫu đã hết hiệu lực' "in Vietnamese"
fetch /gui-tin-bai -H "Origin: $BASE" -F "ma_phien=$tok" -F "tieu_de=Không có cookie" \
	-F "ho_ten=A" -F "co_quan=B" -F "lien_he=C" -F "noi_dung=D" -F dong_y=1
expect_status 403 "the token without its cookie: 403"
fetch /gui-tin-bai -b "$(jar p)" -H "Origin: http://evil.example" \
	-F "ma_phien=$tok" -F "tieu_de=Trang khác" -F "ho_ten=A" -F "co_quan=B" \
	-F "lien_he=C" -F "noi_dung=D" -F dong_y=1
expect_status 403 "a post from another origin: 403"
check "forged: nothing stored" test "$(items)" = "$n0"

# The honeypot: "sent", nothing stored.
send -F "tieu_de=Quảng cáo" -F dong_y=1 -F "dia_chi_web=http://spam.example"
expect_location /gui-tin-bai/da-gui "honeypot filled: 303 as if sent"
check "honeypot: nothing stored" test "$(items)" = "$n0"

# No consent, no contact: 422 with the typed values kept.
send -F "tieu_de=Chưa đồng ý"
expect_status 422 "no consent: 422"
expect_body 'role="alert"' "an alert summary"
expect_body 'href="#dong_y"' "linking to the consent box"
expect_body 'value="Chưa đồng ý"' "the title typed is kept"
expect_body 'Hơn 200 người dân tham dự.</textarea>' "the text typed is kept"
expect_body 'aria-describedby="dong_y-loi"' "the error is tied to its field"
send -F "tieu_de=Thiếu liên hệ" -F dong_y=1 -F "lien_he= " -F "tep_1=@$T_TMP/anh.jpg;type=image/jpeg" -F "mo_ta_1=Ảnh"
expect_status 422 "Điều 9.1.c: no phone or address: 422"
expect_body 'Vui lòng nhập số điện thoại hoặc địa chỉ liên hệ.' "the message names it"
expect_body 'Vui lòng chọn lại tệp.' "files must be chosen again"
check "refused forms: nothing stored, no file kept" \
	test "$(items)/$(sql 'select count(*) from media')" = "$n0/$m0"

# Over contribute_max (300k): 413, nothing stored.
head -c 400000 /dev/urandom >"$T_TMP/big.pdf"
send -F "tieu_de=Quá lớn" -F dong_y=1 -F "tep_1=@$T_TMP/big.pdf;type=application/pdf"
expect_status 413 "over contribute_max: 413"
expect_body 'vượt quá dung lượng cho phép' "in Vietnamese"
check "oversized: nothing stored" test "$(items)/$(sql 'select count(*) from media')" = "$n0/$m0"

# The whole contribution with a photo.
send -F "tieu_de=Xã Đắk Hà tổ chức Ngày Pháp luật" -F dong_y=1 \
	-F "tep_1=@$T_TMP/anh.jpg;type=image/jpeg" -F "mo_ta_1=Người dân dự Ngày Pháp luật"
expect_location "/gui-tin-bai/da-gui?ma=GT-*" "a full contribution: 303 to the done page"
loc=$(header Location)
ref=${loc##*ma=}
check "the reference number looks like GT-yyyy-XXXXXX" \
	grep -qE '^GT-20[0-9]{2}-[0-9A-HJKMNP-TV-Z]{6}$' <<<"$ref"
get p "$loc"
expect_status 200 "the done page"
expect_body "$ref" "it shows the reference number"
expect_body "/gui-tin-bai/tra-cuu?ma=$ref" "and the link to its status"
id=$(sql "select item_id from contribution where ref = '$ref'")
check "one item more" test "$(items)" = "$((n0 + 1))"
check "the item: kind tin, submitted, section 7, author and source" \
	test "$(sql "select kind||'|'||state||'|'||category_id||'|'||author_name||'|'||source from item where id = $id")" \
	= "tin|submitted|7|Trần Văn Bình|UBND xã Đắk Hà"
check "the body is paragraphs" \
	test "$(sql "select body_html from item where id = $id")" \
	= "<p>Sáng 9/11, xã tổ chức Ngày Pháp luật.</p>
<p>Hơn 200 người dân tham dự.</p>"
check "its flow: contribution=1, sender fields, no unit" \
	test "$(sql "select contribution||'|'||sender_name||'|'||sender_agency||'|'||sender_title||'|'||sender_contact||'|'||ifnull(unit_id,0) from item_flow where item_id = $id")" \
	= "1|Trần Văn Bình|UBND xã Đắk Hà|Công chức tư pháp|0912 345 678|0"
check "revision 1 and the history step 'contribute' draft -> submitted" \
	test "$(sql "select (select count(*) from item_revision where item_id = $id)||'|'||action||'|'||from_state||'|'||to_state||'|'||actor_name from item_transition where item_id = $id")" \
	= "1|contribute|draft|submitted|Người gửi: Trần Văn Bình"
check "the photo is attached, with its description as alt text" \
	test "$(sql "select m.kind||'|'||m.alt from item_media im join media m on m.id = im.media_id where im.item_id = $id")" \
	= "image|Người dân dự Ngày Pháp luật"
check "the photo is the cover (Điều 9.1.b)" \
	test -n "$(sql "select cover_image from item where id = $id and cover_alt = 'Người dân dự Ngày Pháp luật'")"
check "the sender's e-mail is kept with the reference" \
	test "$(sql "select sender_email from contribution where ref = '$ref'")" = binh@example.vn
check "audit: contribution.add by 'public' from the address" \
	test "$(sql "select ifnull(actor_user_id,0)||'|'||actor_name||'|'||client_addr||'|'||object_id from audit where action = 'contribution.add'")" \
	= "0|public|127.0.0.1|$id"

login s thuky@stp-kontum.example Demo-thuky-2026
get s /quan-tri/hang-doi/cho-tiep-nhan
expect_status 200 "the Secretariat's triage queue"
expect_body 'Xã Đắk Hà tổ chức Ngày Pháp luật' "lists the contribution"

get x "/gui-tin-bai/tra-cuu?ma=$(tr 'A-Z' 'a-z' <<<"$ref")"
expect_status 200 "status lookup (lower case typed)"
expect_body 'Đã tiếp nhận, đang chờ xem xét' "received, waiting"
sql "update item set state = 'in-editing' where id = $id"
get x "/gui-tin-bai/tra-cuu?ma=$ref"
expect_body 'Đang biên tập' "in editing"
sql "update item set state = 'published', published_at = strftime('%s','now') where id = $id"
get x "/gui-tin-bai/tra-cuu?ma=$ref"
expect_body 'Đã đăng' "published"
expect_body "href=\"/tin/xa-dak-ha-to-chuc-ngay-phap-luat-$id\"" "with the link"
sql "update item set state = 'returned', published_at = NULL where id = $id"
sql "update item_flow set return_reason = 'Lý do nội bộ' where item_id = $id"
get x "/gui-tin-bai/tra-cuu?ma=$ref"
expect_body 'Không được sử dụng' "returned: not used"
expect_no_body 'Lý do nội bộ' "no internal reason shown"
get x "/gui-tin-bai/tra-cuu?ma=GT-2026-000000"
expect_status 404 "an unknown number: 404"
expect_body 'Không tìm thấy tin, bài nào có số tiếp nhận này' "a friendly message"
get x "/gui-tin-bai/tra-cuu?ma=abc'"
expect_status 400 "a malformed number: 400"
expect_body 'không đúng định dạng' "says so"
get x /gui-tin-bai/tra-cuu
expect_status 200 "the lookup form alone"

# A script disguised as a JPEG: refused with the media message.
n1=$(items)
m1=$(sql "select count(*) from media")
send -F "tieu_de=Tệp giả" -F dong_y=1 -F "tep_1=@$T_TMP/script.jpg;type=image/jpeg" -F "mo_ta_1=Ảnh"
expect_status 422 "a script named .jpg: 422"
expect_body 'Không nhận tệp “script.jpg”' "the message names the file"
expect_body 'Vui lòng chọn lại tệp.' "and asks to choose again"
check "the script: nothing stored" \
	test "$(items)/$(sql 'select count(*) from media')" = "$n1/$m1"

# A valid photo first, then a script named .jpg: the photo is not kept
# either, since every file is checked before any is stored; the photo's
# description is given back, the files must be chosen again.
r0=$(sql "select count(*) from contribution_rate")
send -F "tieu_de=Ảnh và tệp giả" -F dong_y=1 \
	-F "tep_1=@$T_TMP/anh2.jpg;type=image/jpeg" -F "mo_ta_1=Ảnh hội nghị" \
	-F "tep_2=@$T_TMP/script.jpg;type=image/jpeg" -F "mo_ta_2=Ảnh"
expect_status 422 "a good photo and a script: 422"
expect_body 'Không nhận tệp “script.jpg”' "the message names the refused file"
expect_body 'id="mo_ta_1" name="mo_ta_1" type="text" value="Ảnh hội nghị"' \
	"the photo's description is filled in again"
expect_body 'id="mo_ta_2" name="mo_ta_2" type="text" value="Ảnh"' \
	"and the second one"
check "the good photo was not stored either" \
	test "$(items)/$(sql 'select count(*) from media')" = "$n1/$m1"
# A PDF, then a photo without a description (WCAG 1.1.1): nothing kept.
send -F "tieu_de=Thiếu mô tả ảnh" -F dong_y=1 \
	-F "tep_1=@$T_TMP/to-trinh.pdf;type=application/pdf" \
	-F "tep_2=@$T_TMP/anh2.jpg;type=image/jpeg"
expect_status 422 "a photo without a description: 422"
expect_body 'Ảnh “anh2.jpg” cần một câu mô tả ngắn' "the message names the photo"
check "the PDF before it was not stored" \
	test "$(items)/$(sql 'select count(*) from media')" = "$n1/$m1"
# The same file twice.
send -F "tieu_de=Tệp trùng" -F dong_y=1 \
	-F "tep_1=@$T_TMP/to-trinh.pdf;type=application/pdf" \
	-F "tep_2=@$T_TMP/to-trinh.pdf;type=application/pdf"
expect_status 422 "the same file twice: 422"
expect_body 'trùng với tệp' "says the files are the same"
check "the same file twice: nothing stored" \
	test "$(items)/$(sql 'select count(*) from media')" = "$n1/$m1"
# Repeated failing posts do not grow the library (6 of them: more than
# the hour's limit, so these are not counted: nothing was stored).
for i in 1 2 3 4 5 6; do
	send -F "tieu_de=Lần $i" -F dong_y=1 \
		-F "tep_1=@$T_TMP/anh2.jpg;type=image/jpeg" -F "mo_ta_1=Ảnh" \
		-F "tep_2=@$T_TMP/script.jpg;type=image/jpeg" -F "mo_ta_2=Ảnh"
	[[ $STATUS == 422 ]] || break
done
expect_status 422 "six failing posts: each 422"
check "six failing posts: no item, no file, no count" \
	test "$(items)/$(sql 'select count(*) from media')/$(sql 'select count(*) from contribution_rate')" \
	= "$n1/$m1/$r0"

# The limit: 3 an hour per address; the 2nd and 3rd pass, the 4th not.
send -F "tieu_de=Tin thứ hai" -F dong_y=1
expect_location "/gui-tin-bai/da-gui?ma=GT-*" "the 2nd in the hour"
send -F "tieu_de=Tin thứ ba" -F dong_y=1 -F email=
expect_location "/gui-tin-bai/da-gui?ma=GT-*" "the 3rd in the hour"
n3=$(items)
send -F "tieu_de=Tin thứ tư" -F dong_y=1
expect_status 429 "the 4th in the hour: 429"
expect_body 'gửi nhiều tin, bài trong thời gian ngắn' "in Vietnamese"
check "the 4th: nothing stored" test "$(items)" = "$n3"
check "three contribution.add entries in the audit" \
	test "$(sql "select count(*) from audit where action = 'contribution.add'")" = 3

# A post that fails after a file was stored (here the month's media
# folder cannot be written: the first file is already in the library,
# the second cannot be stored) still counts toward the limit.
sql "delete from contribution_rate"
month=$T_TMP/media/$(date -u +%Y/%m)
check "the month's media folder exists" test -d "$month"
mv "$month" "$month.keep"
: >"$month"
m2=$(sql "select count(*) from media")
for i in 1 2 3; do
	send -F "tieu_de=Lỗi máy chủ $i" -F dong_y=1 \
		-F "tep_1=@$T_TMP/anh.jpg;type=image/jpeg" -F "mo_ta_1=Ảnh" \
		-F "tep_2=@$T_TMP/to-trinh.pdf;type=application/pdf"
	expect_status 500 "a server fault after a stored file ($i): 500"
done
check "each such attempt is counted" \
	test "$(sql "select count(*) from contribution_rate where addr = '127.0.0.1'")" = 3
check "nothing new in the library or the items" \
	test "$(items)/$(sql 'select count(*) from media')" = "$n3/$m2"
check "the stored media ids are logged" \
	grep -q "failed after storing media [0-9]" "$T_TMP/server.log"
send -F "tieu_de=Lỗi máy chủ 4" -F dong_y=1 \
	-F "tep_1=@$T_TMP/anh.jpg;type=image/jpeg" -F "mo_ta_1=Ảnh" \
	-F "tep_2=@$T_TMP/to-trinh.pdf;type=application/pdf"
expect_status 429 "the 4th failing attempt is held back by the limit"
rm -f "$month"
mv "$month.keep" "$month"

stop_server
t_done
