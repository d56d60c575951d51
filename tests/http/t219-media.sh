#!/usr/bin/env bash
# The newsroom's media (issue 4 item 7): uploads into the library (a
# camera JPEG loses its EXIF and GPS, its variants are served; a photo
# without alt text, a script named .jpg and an SVG are refused with the
# Vietnamese reason and store nothing; a PDF is taken; a duplicate goes
# to the file already there), the library's search (accents ignored),
# kind filter and pages, a file's alt text, captions (WebVTT) and
# transcript, and an item's photos and files: upload into a staff
# member's draft, add from the library, caption, reorder, remove, cover;
# someone else's item and the roles that do not write are refused; a
# 2 MiB file passes the upload routes' larger body limit.  Who sees which
# file: a staff member or collaborator only its own uploads (list, page,
# edits, adding to an item: 403 otherwise), the Secretariat every file; a
# file a published item shows is edited by nobody (422, saying why and
# what to do); a correction's change of the album stays off the public
# page until the correction is published.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

F=$T_TMP/files
mkdir -p "$F"
# The files: a camera JPEG (an EXIF segment with GPS tags and a script in
# a comment, spliced after SOI, as media_test.c makes it), more photos,
# a PDF, disguised scripts, an SVG, an MP3, an MP4 and a WebVTT file.
vips black "$F/base.jpg" 400 300 --bands 3 || not_ok "vips cannot make a JPEG"
vips black "$F/other.jpg" 360 240 --bands 3
vips black "$F/third.jpg" 330 220 --bands 3
python3 - "$F" <<'EOF'
import struct, sys
d = sys.argv[1]
jpg = open(d + "/base.jpg", "rb").read()
# TIFF: IFD0 {Orientation 1, GPSInfo -> 38}; GPS IFD {LatitudeRef "N",
# Latitude 14/1 21/1 0/1 at 68}.
t = b"II*\x00" + struct.pack("<I", 8)
t += struct.pack("<H", 2) + struct.pack("<HHII", 0x0112, 3, 1, 1) \
    + struct.pack("<HHII", 0x8825, 4, 1, 38) + struct.pack("<I", 0)
t += struct.pack("<H", 2) + struct.pack("<HHI", 0x0001, 2, 2) + b"N\x00\x00\x00" \
    + struct.pack("<HHII", 0x0002, 5, 3, 68) + struct.pack("<I", 0)
t += struct.pack("<6I", 14, 1, 21, 1, 0, 1)
app1 = b"Exif\x00\x00" + t
com = b"<script>alert('gps-marker')</script>"
out = jpg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 \
    + b"\xff\xfe" + struct.pack(">H", len(com) + 2) + com + jpg[2:]
open(d + "/camera.jpg", "wb").write(out)
open(d + "/doc.pdf", "wb").write(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n"
    b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
open(d + "/php.jpg", "wb").write(b"<?php system($_GET['c']); ?>\n")
open(d + "/html.jpg", "wb").write(b"<!DOCTYPE html>\n<html><body><script>"
    b"alert(1)</script></body></html>\n")
open(d + "/sh.jpg", "wb").write(b"#!/bin/sh\nrm -rf /tmp/x\necho done\n")
open(d + "/logo.svg", "wb").write(b'<?xml version="1.0"?>\n<svg xmlns='
    b'"http://www.w3.org/2000/svg" width="10" height="10"><script>'
    b'alert(1)</script><rect width="10" height="10"/></svg>\n')
mp3 = b"ID3\x03\x00\x00\x00\x00\x00\x00"
for i in range(4):
    mp3 += b"\xff\xfb\x90\x64" + b"\x00" * 413
open(d + "/talk.mp3", "wb").write(mp3)
mp4 = struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomisom" \
    + struct.pack(">I", 8) + b"free" + bytes(range(200))
open(d + "/clip.mp4", "wb").write(mp4)
open(d + "/talk.vtt", "wb").write("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n"
    "Xin chào các bạn.\n".encode())
EOF

mrows() { sql "select count(*) from media"; }
mfiles() { find "$T_TMP/media" -type f | wc -l; }
uid() { sql "select id from account where email = '$1@stp-kontum.example'"; }
# contains TEXT DESCRIPTION: the last body has TEXT.
contains() {
	if grep -qF -- "$1" "$BODY"; then ok "$2"; else
		not_ok "$2"
		note "$(head -c 600 "$BODY")"
	fi
}

login chuyenvien chuyenvien@stp-kontum.example Demo-chuyenvien-2026
tok=$(form_token chuyenvien /quan-tri/thu-vien/tai-len)
check "the upload form says alt text is required for photos" \
	grep -q "bắt buộc với ảnh" "$BODY"
check "the upload form is multipart with the session's token" \
	grep -q 'enctype="multipart/form-data"' "$BODY"

# ---- a camera photo ----
rows0=$(mrows) files0=$(mfiles)
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/camera.jpg;filename=anh-hoi-nghi.jpg;type=image/jpeg" \
	-F "alt=Ảnh hoạt động hội nghị tổng kết" -F "chu_thich=Hội nghị năm 2026"
expect_location "/quan-tri/thu-vien/*?xong=tai-len" "a photo with alt text is uploaded"
photo=$(sql "select max(id) from media")
check "one row for the photo" test "$(mrows)" = $((rows0 + 1))
check "the row is an image with its alt text" test \
	"$(sql "select kind || '|' || alt from media where id = $photo")" = \
	"image|Ảnh hoạt động hội nghị tổng kết"
path=$(sql "select path from media where id = $photo")
widths=$(sql "select widths from media where id = $photo")
stem=${path%-*}
missing=
for w in ${widths//,/ }; do
	for ext in jpg webp; do
		[[ -s $T_TMP/media/$stem-$w.$ext ]] || missing+=" $stem-$w.$ext"
	done
done
check "every variant ($widths, JPEG and WebP) is on disk" test -z "$missing"
check "the upload had EXIF, GPS and a comment (so the checks below can fail)" \
	bash -c "grep -qa Exif '$F/camera.jpg' && grep -qa gps-marker '$F/camera.jpg'"
get chuyenvien "/media/$path"
check "the JPEG is served at /media/" test "$STATUS" = 200
check "as image/jpeg" test "$(header Content-Type)" = image/jpeg
check "the served JPEG has no EXIF, GPS or the comment" \
	bash -c "test -s '$BODY' && ! grep -qaE 'Exif|gps-marker' '$BODY'"
small=${widths%%,*}
get chuyenvien "/media/$stem-$small.webp"
check "the WebP is served" test "$STATUS" = 200
check "the served WebP has no EXIF chunk or comment" \
	bash -c "head -c 12 '$BODY' | grep -qa WEBP && ! grep -qaE 'EXIF|Exif|gps-marker' '$BODY'"
get chuyenvien "/quan-tri/thu-vien/$photo?xong=tai-len"
contains "Đã tải tệp lên thư viện." "the file's page says it was uploaded"
contains "<picture>" "the file's page previews the photo"
contains "/media/$stem-$small.webp $small" "with a WebP srcset"
contains "$BASE/media/$path" "and shows its public address"

# ---- refusals: nothing stored ----
rows1=$(mrows) files1=$(mfiles)
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/other.jpg;filename=khong-alt.jpg" -F "alt=" \
	-F "chu_thich=Chú thích giữ lại"
check "a photo without alt text: 422" test "$STATUS" = 422
contains "Ảnh cần có văn bản thay thế" "with the Vietnamese reason"
contains 'role="alert"' "as an alert"
contains "Chú thích giữ lại" "and the caption typed is kept"
for f in php.jpg html.jpg sh.jpg; do
	post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
		-F "tep=@$F/$f;filename=$f;type=image/jpeg" -F "alt=Ảnh"
	check "a script named $f: 422" test "$STATUS" = 422
	contains "dù tên tệp là gì" "$f: the reason says what the content is"
done
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/logo.svg;filename=logo.svg" -F "alt=Biểu trưng"
check "an SVG: 422" test "$STATUS" = 422
contains "Không nhận ảnh SVG" "with the SVG reason"
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" -F "alt=x"
check "no file at all: 422" test "$STATUS" = 422
contains "Vui lòng chọn một tệp" "asking for a file"
check "the refused uploads stored no row" test "$(mrows)" = "$rows1"
check "and no file" test "$(mfiles)" = "$files1"

# ---- a PDF, a duplicate ----
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/doc.pdf;filename=Kế hoạch năm 2026.pdf"
expect_location "/quan-tri/thu-vien/*?xong=tai-len" "a PDF is uploaded without alt text"
pdf=$(sql "select max(id) from media")
check "stored as a PDF" test "$(sql "select kind from media where id = $pdf")" = pdf
rows2=$(mrows)
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/camera.jpg;filename=lan-hai.jpg" -F "alt=Lần hai"
expect_location "/quan-tri/thu-vien/$photo?xong=trung" "the same photo again goes to the one stored"
check "and stores nothing" test "$(mrows)" = "$rows2"
get chuyenvien "$(header Location)"
contains "Tệp này đã có trong thư viện" "the page says it was there already"

# A file over the 1 MiB body limit of other forms: the upload routes take
# up to [server] upload_max.
python3 -c '
import sys
body = b"%PDF-1.4\n" + b"% padding padding padding padding padding\n" * 55000
open(sys.argv[1], "wb").write(body + b"%%EOF\n")' "$F/big.pdf"
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/big.pdf;filename=Báo cáo lớn.pdf"
expect_location "/quan-tri/thu-vien/*?xong=tai-len" "a 2 MiB PDF is uploaded"
check "stored whole" test \
	"$(sql "select bytes from media where original_name = 'Báo cáo lớn.pdf'")" = \
	"$(stat -c %s "$F/big.pdf")"

# ---- the library ----
get chuyenvien "/quan-tri/thu-vien?q=anh+hoat+dong"
check "the library answers 200" test "$STATUS" = 200
contains "anh-hoi-nghi.jpg" "a search without accents finds “Ảnh hoạt động”"
check "and not the PDF" bash -c "! grep -q 'Kế hoạch năm 2026.pdf' '$BODY'"
contains 'role="region"' "the table scrolls in a focusable region"
contains "$(sql "select strftime('%d/%m/%Y %H:%M', uploaded_at + 7*3600, 'unixepoch') from media where id = $photo")" \
	"the upload time is shown as dd/mm/yyyy HH:MM (Viet Nam)"
contains "$(sql "select full_name from account where email = 'chuyenvien@stp-kontum.example'")" \
	"the uploader's name is shown"
get chuyenvien "/quan-tri/thu-vien?loai=pdf"
contains "Kế hoạch năm 2026.pdf" "the kind filter lists the PDF"
check "and only PDFs" bash -c "! grep -q 'anh-hoi-nghi.jpg' '$BODY'"
get chuyenvien "/quan-tri/thu-vien?loai=exe"
check "an unknown kind: 400" test "$STATUS" = 400
# Pages: 55 more PDFs of the same staff member (rows only) make two
# pages of 50.
now=$(date +%s)
cv=$(uid chuyenvien)
for i in $(seq 1 55); do
	printf "insert into media (kind, mime, bytes, sha256, path, uploaded_by, uploaded_at, original_name, search_text) values ('pdf', 'application/pdf', 10, '%064d', 'x/trang-%d.pdf', %d, %d, 'van-ban-%02d.pdf', 'van-ban-%02d.pdf');\n" \
		"$i" "$i" "$cv" $((now - 86400 - i)) "$i" "$i"
done | sqlite3 "$T_TMP/t.db"
get chuyenvien "/quan-tri/thu-vien?loai=pdf"
contains "trên 2" "57 PDFs make two pages"
contains 'href="/quan-tri/thu-vien?loai=pdf&amp;trang=2"' "with a link to page 2 keeping the filter"
get chuyenvien "/quan-tri/thu-vien?loai=pdf&trang=2"
check "page 2 answers 200" test "$STATUS" = 200
check "page 2 has the 7 oldest" test "$(grep -c 'van-ban-' "$BODY")" = 7
get chuyenvien "/quan-tri/thu-vien?loai=pdf&trang=3"
check "page 3: 404" test "$STATUS" = 404

# ---- a file's page: alt text, captions, transcript ----
tok=$(form_token chuyenvien "/quan-tri/thu-vien/$photo")
post chuyenvien "/quan-tri/thu-vien/$photo" --data-urlencode "csrf=$tok" \
	--data-urlencode "muc=mo-ta" --data-urlencode "alt=Toàn cảnh hội nghị" \
	--data-urlencode "chu_thich=Hội nghị tổng kết"
expect_location "/quan-tri/thu-vien/$photo?xong=mo-ta" "the alt text is saved"
check "the row has the new alt text" test \
	"$(sql "select alt from media where id = $photo")" = "Toàn cảnh hội nghị"
check "audited media.edit" test "$(last_action)" = media.edit
post chuyenvien "/quan-tri/thu-vien/$photo" --data-urlencode "csrf=$tok" \
	--data-urlencode "muc=mo-ta" --data-urlencode "alt=" \
	--data-urlencode "chu_thich=Giữ lại chữ này"
check "emptying a photo's alt text: 422" test "$STATUS" = 422
contains "Ảnh cần có văn bản thay thế" "with the reason"
contains "Giữ lại chữ này" "keeping what was typed"
check "the alt text stays" test \
	"$(sql "select alt from media where id = $photo")" = "Toàn cảnh hội nghị"

post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/talk.mp3;filename=phat-bieu.mp3"
expect_location "/quan-tri/thu-vien/*?xong=tai-len" "an MP3 is uploaded"
mp3=$(sql "select max(id) from media")
check "stored as audio" test "$(sql "select kind from media where id = $mp3")" = audio
post chuyenvien "/quan-tri/thu-vien/$mp3" -F "csrf=$tok" -F "muc=phu-de" \
	-F "tep_phu_de=@$F/talk.vtt;filename=phat-bieu.vtt"
expect_location "/quan-tri/thu-vien/$mp3?xong=phu-de" "a WebVTT file becomes its captions"
vtt=$(sql "select captions_id from media where id = $mp3")
check "the MP3 has its captions" test "$(sql "select kind from media where id = ${vtt:-0}")" = caption
get chuyenvien "/quan-tri/thu-vien/$mp3"
contains '<audio controls' "the page plays the MP3"
contains "<track kind=\"captions\" srclang=\"vi\" label=\"Tiếng Việt\" src=\"/media/$(sql "select path from media where id = ${vtt:-0}")\" default>" \
	"with its captions track"
post chuyenvien "/quan-tri/thu-vien/$mp3" -F "csrf=$tok" -F "muc=phu-de" \
	-F "tep_phu_de=@$F/doc.pdf;filename=khong-phai.vtt"
check "a PDF as captions: 422" test "$STATUS" = 422
contains "Không nhận tệp “khong-phai.vtt” ở đây" "with the reason"
post chuyenvien "/quan-tri/thu-vien/$mp3" --data-urlencode "csrf=$tok" \
	--data-urlencode "muc=ban-ghi-loi" \
	--data-urlencode "ban_ghi_loi=Xin chào các bạn. Hôm nay chúng ta tổng kết."
expect_location "/quan-tri/thu-vien/$mp3?xong=ban-ghi-loi" "a transcript is saved"
check "the row has it" test \
	"$(sql "select transcript from media where id = $mp3")" = \
	"Xin chào các bạn. Hôm nay chúng ta tổng kết."
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/clip.mp4;filename=phong-su.mp4"
expect_location "/quan-tri/thu-vien/*?xong=tai-len" "an MP4 is uploaded"
mp4=$(sql "select max(id) from media")
post chuyenvien "/quan-tri/thu-vien/$mp4" --data-urlencode "csrf=$tok" \
	--data-urlencode "muc=phu-de" --data-urlencode "phu_de=$vtt"
expect_location "/quan-tri/thu-vien/$mp4?xong=phu-de" "an MP4 takes a caption file chosen from the library"
check "the MP4 has those captions" test \
	"$(sql "select captions_id from media where id = $mp4")" = "$vtt"
get chuyenvien "/quan-tri/thu-vien/$mp4"
contains '<video controls' "the page plays the MP4 with its track"
post chuyenvien "/quan-tri/thu-vien/$photo" --data-urlencode "csrf=$tok" \
	--data-urlencode "muc=ban-ghi-loi" --data-urlencode "ban_ghi_loi=x"
check "a transcript on a photo: 422" test "$STATUS" = 422
get chuyenvien /quan-tri/thu-vien/999999
check "an unknown file: 404" test "$STATUS" = 404

# ---- an item's photos and files ----
cat=$(sql "select min(id) from category")
cv=$(uid chuyenvien) ctv=$(uid congtacvien)
# item ID KIND TITLE AUTHOR: a draft and its flow row.
item() {
	sql "insert into item (id, kind, state, category_id, created_at,
		author_user_id, title, slug, author_name)
		values ($1, '$2', 'draft', $cat, $now, $4, '$3', 'tep-$1',
		'Tác giả');
		insert into item_flow (item_id, unit_id)
		values ($1, (select unit_id from account where id = $4))"
}
item 910001 anh "Ảnh hội nghị tổng kết" "$cv"
item 910002 tin "Tin của cộng tác viên" "$ctv"
A=/quan-tri/tin-bai/910001/tep
get chuyenvien "$A"
check "the item's media page answers 200" test "$STATUS" = 200
contains 'aria-current="page">Ảnh, tệp' "with the item's tab bar, this tab current"
contains "Tin ảnh chưa có ảnh nào." "saying a photo item lacks photos"
tok=$(page_token)
post chuyenvien "$A" -F "csrf=$tok" -F "tep=@$F/other.jpg;filename=anh-mot.jpg" \
	-F "alt=Ảnh thứ nhất" -F "chu_thich=Chú thích một"
expect_location "$A?xong=tai-len#danh-sach" "a photo is uploaded into the item"
one=$(sql "select max(id) from media")
post chuyenvien "$A" -F "csrf=$tok" -F "tep=@$F/doc.pdf;filename=kh.pdf"
check "a PDF into a photo item: 422" test "$STATUS" = 422
contains "Không nhận tệp “kh.pdf” ở đây: đó là tệp PDF." "with the reason"
post chuyenvien "$A" -F "csrf=$tok" -F "tep=@$F/third.jpg;filename=anh-hai.jpg" \
	-F "alt=Ảnh thứ hai"
expect_location "$A?xong=tai-len#danh-sach" "a second photo"
two=$(sql "select max(id) from media")
post chuyenvien "$A" --data-urlencode "csrf=$tok" --data-urlencode "them=$photo"
expect_location "$A?xong=them#danh-sach" "a photo from the library is added"
post chuyenvien "$A" --data-urlencode "csrf=$tok" --data-urlencode "them=$photo"
check "the same photo twice: 422" test "$STATUS" = 422
contains "Một tệp chỉ được đưa vào tin một lần." "with the reason"
post chuyenvien "$A" --data-urlencode "csrf=$tok" --data-urlencode "them=$pdf"
check "a PDF from the library into a photo item: 422" test "$STATUS" = 422
album() { sql "select group_concat(media_id || ':' || caption, ',') from (select * from item_media where item_id = 910001 order by position)"; }
check "the album: three photos in order" test "$(album)" = \
	"$one:Chú thích một,$two:,$photo:"
get chuyenvien "$A"
contains "Ảnh thứ 2 (“anh-hai.jpg”) chưa có chú thích." "what lacks is listed"
contains 'role="status"' "in a status region"
# Captions, and "up" on the third.
post chuyenvien "$A/cap-nhat" --data-urlencode "csrf=$tok" \
	--data-urlencode "tep=$one" --data-urlencode "tep=$two" --data-urlencode "tep=$photo" \
	--data-urlencode "chu_thich_$one=Một" --data-urlencode "chu_thich_$two=Hai" \
	--data-urlencode "chu_thich_$photo=Ba" --data-urlencode "len=$photo"
expect_location "$A?xong=cap-nhat#danh-sach" "captions and order are saved"
check "the third moved up, captions set" test "$(album)" = "$one:Một,$photo:Ba,$two:Hai"
check "audited item.media" test "$(last_action)" = item.media
post chuyenvien "$A/cap-nhat" --data-urlencode "csrf=$tok" \
	--data-urlencode "tep=$one" --data-urlencode "tep=$photo" --data-urlencode "tep=$two" \
	--data-urlencode "chu_thich_$one=Một" --data-urlencode "chu_thich_$two=Hai" \
	--data-urlencode "chu_thich_$photo=Ba" --data-urlencode "xuong=$one" \
	--data-urlencode "bo_$two=1"
expect_location "$A?xong=cap-nhat#danh-sach" "down and remove"
check "the first moved down, the removed is gone" test "$(album)" = "$photo:Ba,$one:Một"
check "a removed file stays in the library" test \
	"$(sql "select count(*) from media where id = $two")" = 1
get chuyenvien "$A"
check "nothing lacks now" bash -c "! grep -q 'chưa có' '$BODY'"
post chuyenvien "$A/anh-dai-dien" --data-urlencode "csrf=$tok" --data-urlencode "anh=$one"
expect_location "$A?xong=anh-dai-dien#danh-sach" "a photo becomes the cover"
big=$(sql "select widths from media where id = $one")
big=${big##*,}
onepath=$(sql "select path from media where id = $one")
check "the item's cover_image is its largest JPEG" test \
	"$(sql "select cover_image from item where id = 910001")" = "${onepath%-*}-$big.jpg"
check "and cover_alt its alt text" test \
	"$(sql "select cover_alt from item where id = 910001")" = "Ảnh thứ nhất"
check "the title is kept" test \
	"$(sql "select title from item where id = 910001")" = "Ảnh hội nghị tổng kết"
check "as a revision (item.save)" test "$(last_action)" = item.save
post chuyenvien "$A/anh-dai-dien" --data-urlencode "csrf=$tok" --data-urlencode "anh=$pdf"
check "a file not in the item as cover: 422" test "$STATUS" = 422
get chuyenvien "/quan-tri/thu-vien?bai=910001&loai=anh"
contains 'name="them" value=' "the library opened for the item has add buttons"
contains "Thêm<span class=\"sr-only\">" "labelled with the file's name"

# ---- someone else's item, roles that do not write ----
# What a refused change could touch (log-ins are audited, so left out).
digest() {
	sql "select count(*) from item_media; select count(*) from media;
		select count(*) from audit where action <> 'login.ok';
		select cover_image from item where id in (910001, 910002)"
}
before=$(digest)
B=/quan-tri/tin-bai/910002/tep
post chuyenvien "$B" --data-urlencode "csrf=$tok" --data-urlencode "them=$photo"
check "staff adding to a collaborator's item: 403" test "$STATUS" = 403
post chuyenvien "$B" -F "csrf=$tok" -F "tep=@$F/base.jpg;filename=x.jpg" -F "alt=x"
check "uploading into it: 403" test "$STATUS" = 403
post chuyenvien "$B/cap-nhat" --data-urlencode "csrf=$tok" --data-urlencode "tep=1"
check "updating its list: 403" test "$STATUS" = 403
post chuyenvien "$B/anh-dai-dien" --data-urlencode "csrf=$tok" --data-urlencode "anh=$photo"
check "setting its cover: 403" test "$STATUS" = 403
login congtacvien congtacvien@stp-kontum.example Demo-congtacvien-2026
ctok=$(form_token congtacvien "$B")
post congtacvien "$A" --data-urlencode "csrf=$ctok" --data-urlencode "them=$pdf"
check "the collaborator changing the staff member's item: 403" test "$STATUS" = 403
post congtacvien "$A/cap-nhat" --data-urlencode "csrf=$ctok" --data-urlencode "tep=$one"
check "or its list: 403" test "$STATUS" = 403
post chuyenvien /quan-tri/tin-bai/999999/tep --data-urlencode "csrf=$tok" --data-urlencode "them=$photo"
check "an unknown item: 404" test "$STATUS" = 404
for who in cntt giamdoc; do
	login "$who" "$who@stp-kontum.example" "Demo-$who-2026"
	get "$who" /quan-tri/thu-vien
	check "$who: the library is 403" test "$STATUS" = 403
	contains "không có quyền viết tin, bài hay tải tệp lên" "$who: with the reason"
	get "$who" /quan-tri/thu-vien/tai-len
	check "$who: the upload form is 403" test "$STATUS" = 403
	wtok=$(form_token "$who" /quan-tri/ho-so)
	post "$who" /quan-tri/thu-vien/tai-len -F "csrf=$wtok" \
		-F "tep=@$F/base.jpg;filename=x.jpg" -F "alt=x"
	check "$who: uploading is 403" test "$STATUS" = 403
done
check "the refused changes stored nothing, audited nothing" \
	test "$(digest)" = "$before"

# ---- who sees which file ----
# A file a citizen sent through the contribution form has no uploader.
sql "insert into media (kind, mime, bytes, sha256, path, uploaded_at,
	original_name, search_text) values ('pdf', 'application/pdf', 10,
	'$(printf 'c%.0s' {1..64})', 'x/gui-tin.pdf', $now,
	'thu-nguoi-dan.pdf', 'thu-nguoi-dan.pdf')"
citizen=$(sql "select id from media where original_name = 'thu-nguoi-dan.pdf'")
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"%PDF-1.4\n% ctv\n%%EOF\n")' "$F/ctv.pdf"
before=$(digest)
get congtacvien "/quan-tri/thu-vien/$photo"
check "a collaborator opening a staff member's file: 403" test "$STATUS" = 403
contains "chỉ xem và sửa được tệp do mình tải lên" "with the reason"
post congtacvien "/quan-tri/thu-vien/$photo" --data-urlencode "csrf=$ctok" \
	--data-urlencode "muc=mo-ta" --data-urlencode "alt=Sửa trộm" \
	--data-urlencode "chu_thich=Sửa trộm"
check "or editing its alt text: 403" test "$STATUS" = 403
post congtacvien "/quan-tri/thu-vien/$mp3" --data-urlencode "csrf=$ctok" \
	--data-urlencode "muc=ban-ghi-loi" --data-urlencode "ban_ghi_loi=Sửa trộm"
check "or its transcript: 403" test "$STATUS" = 403
post congtacvien "$B" --data-urlencode "csrf=$ctok" --data-urlencode "them=$pdf"
check "or adding it to the collaborator's own item: 403" test "$STATUS" = 403
get chuyenvien "/quan-tri/thu-vien/$citizen"
check "staff opening a file a citizen sent: 403" test "$STATUS" = 403
check "nothing changed" test "$(digest)" = "$before"
post congtacvien /quan-tri/thu-vien/tai-len -F "csrf=$ctok" \
	-F "tep=@$F/ctv.pdf;filename=cua-ctv.pdf"
expect_location "/quan-tri/thu-vien/*?xong=tai-len" "the collaborator uploads a file"
get congtacvien "$(header Location)"
check "and opens its own file" test "$STATUS" = 200
get congtacvien /quan-tri/thu-vien
contains "cua-ctv.pdf" "the collaborator's library lists its own file"
check "and no one else's" bash -c "! grep -qE 'anh-hoi-nghi.jpg|van-ban-|thu-nguoi-dan.pdf' '$BODY'"
get chuyenvien "/quan-tri/thu-vien?loai=pdf&q=cua+ctv"
check "the staff member's library does not list it" bash -c "! grep -q 'cua-ctv.pdf' '$BODY'"
get chuyenvien "/quan-tri/thu-vien?q=thu+nguoi+dan"
check "nor the citizen's file" bash -c "! grep -q 'thu-nguoi-dan.pdf' '$BODY'"
login thuky thuky@stp-kontum.example Demo-thuky-2026
get thuky "/quan-tri/thu-vien?q=thu+nguoi+dan"
contains "thu-nguoi-dan.pdf" "the Secretariat's library lists the citizen's file"
get thuky "/quan-tri/thu-vien?loai=pdf&q=cua+ctv"
contains "cua-ctv.pdf" "and the collaborator's"
get thuky "/quan-tri/thu-vien/$pdf"
check "the Secretariat opens the staff member's file" test "$STATUS" = 200
ttok=$(page_token)
post thuky "/quan-tri/thu-vien/$pdf" --data-urlencode "csrf=$ttok" \
	--data-urlencode "muc=mo-ta" --data-urlencode "alt=" \
	--data-urlencode "chu_thich=Kế hoạch đã biên tập"
expect_location "/quan-tri/thu-vien/$pdf?xong=mo-ta" "and edits it"

# ---- a published item's files; a correction's album ----
sql "update item set state = 'published', published_at = $now,
	source = 'Sở Tư pháp' where id = 910001"
fetch /tin/tep-910001-910001
P=$(header Location)
P=${P:-/tin/tep-910001-910001}
stem_of() { local p; p=$(sql "select path from media where id = $1"); echo "${p%-*}"; }
photostem=$(stem_of "$photo")
fetch "$P"
check "the published photo item is public" test "$STATUS" = 200
contains "$photostem" "showing the photo that the correction will remove"
for who in chuyenvien thuky; do
	t=$tok
	[[ $who == thuky ]] && t=$ttok
	post "$who" "/quan-tri/thu-vien/$photo" --data-urlencode "csrf=$t" \
		--data-urlencode "muc=mo-ta" --data-urlencode "alt=Ảnh đổi" \
		--data-urlencode "chu_thich=Đổi"
	check "$who editing a file of a published item: 422" test "$STATUS" = 422
	contains "đang dùng trong tin, bài đã đăng “Ảnh hội nghị tổng kết”" \
		"$who: the page says which published item uses it"
	contains "hãy mở bản sửa của tin, bài đó và thay tệp" "$who: and what to do"
	contains 'role="alert"' "$who: as an alert"
done
post chuyenvien "/quan-tri/thu-vien/$one" --data-urlencode "csrf=$tok" \
	--data-urlencode "muc=mo-ta" --data-urlencode "alt=Bìa đổi"
check "editing its cover photo: 422" test "$STATUS" = 422
check "the alt texts stay" test \
	"$(sql "select alt from media where id in ($photo, $one) order by id")" = \
	"$(printf 'Toàn cảnh hội nghị\nẢnh thứ nhất')"
get chuyenvien "/quan-tri/thu-vien/$photo"
contains "mở bản sửa" "the file's page says why it cannot be edited"
check "and shows no form" bash -c "! grep -q 'name=\"muc\"' '$BODY'"
post thuky "$A/cap-nhat" --data-urlencode "csrf=$ttok" \
	--data-urlencode "tep=$photo" --data-urlencode "tep=$one" \
	--data-urlencode "bo_$photo=1"
check "changing a published item's album without a correction: 403" test "$STATUS" = 403
post thuky /quan-tri/tin-bai/910001/thao-tac --data-urlencode "csrf=$ttok" \
	--data-urlencode "hanh_dong=correct" --data-urlencode "trang_thai=published"
check "the Secretariat opens a correction" test "$STATUS" = 303
post thuky "$A/cap-nhat" --data-urlencode "csrf=$ttok" \
	--data-urlencode "tep=$photo" --data-urlencode "tep=$one" \
	--data-urlencode "chu_thich_$one=Một" --data-urlencode "bo_$photo=1"
expect_location "$A?xong=cap-nhat#danh-sach" "and removes a photo in it"
check "the published album is unchanged" test "$(album)" = "$photo:Ba,$one:Một"
check "the change is pending" test \
	"$(sql "select group_concat(media_id) from item_media_pending where item_id = 910001")" = "$one"
get thuky "$A"
check "the newsroom shows the correction's album" \
	bash -c "grep -q 'bo_$one' '$BODY' && ! grep -q 'bo_$photo' '$BODY'"
fetch "$P"
contains "$photostem" "the public page still shows the removed photo"
for step in "truongban send" "truongban approve" "vanphong publish"; do
	set -- $step
	login "$1" "$1@stp-kontum.example" "Demo-$1-2026"
	wtok=$(form_token "$1" /quan-tri/ho-so)
	post "$1" /quan-tri/tin-bai/910001/thao-tac --data-urlencode "csrf=$wtok" \
		--data-urlencode "hanh_dong=$2" \
		--data-urlencode "trang_thai=$(sql "select coalesce(f.corr_state, i.state)
			from item i join item_flow f on f.item_id = i.id
			where i.id = 910001")"
	check "the correction: $2 by $1" test "$STATUS" = 303
	[[ $STATUS == 303 ]] || note "$(grep -A3 'role="alert"' "$BODY" | head -8)"
done
check "published, the correction's album is the item's" test "$(album)" = "$one:Một"
check "and no longer pending" test \
	"$(sql "select count(*) from item_media_pending; select count(*) from item_album_pending")" = "$(printf '0\n0')"
fetch "$P"
check "the public page no longer shows the removed photo" \
	bash -c "test -s '$BODY' && ! grep -q '$photostem' '$BODY'"

# The same bytes as someone else's file: a staff member who may not open
# that file is told where the bytes can still be used, not sent to a 403.
vips black "$F/office.jpg" 372 248 --bands 3
login vanphong vanphong@stp-kontum.example Demo-vanphong-2026
vtok=$(form_token vanphong /quan-tri/thu-vien/tai-len)
post vanphong /quan-tri/thu-vien/tai-len -F "csrf=$vtok" \
	-F "tep=@$F/office.jpg;filename=van-phong.jpg;type=image/jpeg" \
	-F "alt=Ảnh của Văn phòng"
check "the Office uploads a photo" test "$STATUS" = 303
n0=$(mrows)
tok=$(form_token chuyenvien /quan-tri/thu-vien/tai-len)
post chuyenvien /quan-tri/thu-vien/tai-len -F "csrf=$tok" \
	-F "tep=@$F/office.jpg;filename=cung-anh.jpg;type=image/jpeg" \
	-F "alt=Cùng ảnh"
expect_status 422 "the staff member's copy of it is not sent to a page they cannot open"
expect_body "do người khác tải lên" "and says the file is someone else's"
check "nothing new is stored" test "$(mrows)" = "$n0"

stop_server
t_done
