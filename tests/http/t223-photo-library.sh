#!/usr/bin/env bash
# The public side of media (issue 4 item 7): the photo library
# /thu-vien-anh lists published photo items with <picture>, srcset and
# alt text; a photo item's page shows every photo with its caption in
# order; an audio item plays in <audio> with a captions <track> and its
# transcript; a video in <video playsinline>; documents are listed with
# type and size; /media/ files are immutable, typed by extension, Office
# files download, planted HTML is never served as HTML, ".." is
# refused; publishing a photo item through the newsroom shows it on the
# (cached) photo library at once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

demo_db "$T_TMP" || {
	not_ok "cannot make the demo database"
	t_done
}
M=$T_TMP/media
now=$(date +%s)
photo_cat=$(sql "select category_id from item where kind = 'anh' limit 1")
news_cat=$(sql "select category_id from item where kind = 'tin' limit 1")

# Files of our own, as media.c names them (random hex, month folders).
mkdir -p "$M/2026/01"
head -c 3000 /dev/urandom >"$M/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1.mp3"
printf 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nXin chào quý vị.\n' \
	>"$M/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2.vtt"
head -c 200000 /dev/urandom >"$M/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3.pdf"
head -c 1572864 /dev/urandom >"$M/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4.docx"
head -c 4000 /dev/urandom >"$M/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5.webm"
printf '<script>alert(1)</script>' >"$M/2026/01/planted.html"
printf '<svg xmlns="http://www.w3.org/2000/svg"/>' >"$M/2026/01/planted.svg"

sha() { printf '%064d' "$1"; }
sql "insert into media (id, kind, mime, bytes, sha256, path, uploaded_at,
	original_name, caption, transcript) values
 (9001, 'caption', 'text/vtt', 60, '$(sha 9001)',
  '2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2.vtt', $now, 'phu-de.vtt', '', ''),
 (9002, 'audio', 'audio/mpeg', 3000, '$(sha 9002)',
  '2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1.mp3', $now, 'ban-tin.mp3',
  'Bản tin pháp luật số 5', 'Xin chào quý vị.
Đây là bản tin pháp luật.'),
 (9003, 'pdf', 'application/pdf', 200000, '$(sha 9003)',
  '2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3.pdf', $now, 'ke-hoach.pdf',
  'Kế hoạch tuyên truyền năm 2026', ''),
 (9004, 'office',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  1572864, '$(sha 9004)', '2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4.docx',
  $now, 'mau-don.docx', '', ''),
 (9005, 'video', 'video/webm', 4000, '$(sha 9005)',
  '2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5.webm', $now, 'phong-su.webm',
  'Phóng sự hòa giải ở cơ sở', '');
update media set captions_id = 9001 where id = 9002;
insert into item (id, kind, state, category_id, created_at, published_at,
	updated_at, title, slug, summary, author_name, source) values
 (90001, 'am-thanh', 'published', $news_cat, $now, $now, $now,
  'Bản tin pháp luật phát thanh', 'ban-tin-phat-thanh', 'Nghe bản tin.',
  'Văn phòng Sở', 'Sở Tư pháp'),
 (90002, 'tin', 'published', $news_cat, $now, $now, $now,
  'Kế hoạch tuyên truyền có tệp đính kèm', 'ke-hoach-dinh-kem',
  'Tệp đính kèm.', 'Văn phòng Sở', 'Sở Tư pháp'),
 (90003, 'video', 'published', $news_cat, $now, $now, $now,
  'Phóng sự hòa giải', 'phong-su-hoa-giai', 'Xem phóng sự.',
  'Văn phòng Sở', 'Sở Tư pháp');
insert into item_media (item_id, media_id, position, caption) values
 (90001, 9002, 1, ''), (90002, 9003, 1, ''), (90002, 9004, 2, ''),
 (90003, 9005, 1, '');" || not_ok "cannot insert the test media"

# A photo item waiting for publication, with its album, for the end.
sql "insert into item (id, kind, state, category_id, created_at,
	updated_at, title, slug, summary, author_name, source, cover_image,
	cover_alt) values
 (90010, 'anh', 'approved', $photo_cat, $now, $now,
  'Ảnh mới: Ngày Pháp luật tại xã Đắk Rơ Wa', 'anh-moi-ngay-phap-luat',
  'Ảnh hoạt động.', 'Văn phòng Sở', 'Sở Tư pháp', 'demo/03.jpg',
  'Hội trường');
insert into item_flow (item_id, approved_at) values (90010, $now);
insert into item_media (item_id, media_id, position, caption)
 select 90010, id, row_number() over (order by id), 'Ảnh thứ ' || id
 from media where kind = 'image' order by id limit 3;" ||
	not_ok "cannot insert the pending photo item"

start_server "[server]" "page_cache = true"

# ---- the photo library ----
fetch /thu-vien-anh
expect_status 200 "GET /thu-vien-anh"
expect_body '<h1>Thư viện ảnh</h1>' "the page is the photo library"
expect_body_re '<source type="image/webp" srcset="/media/demo/[0-9]{2}-400\.webp 400w, /media/demo/[0-9]{2}-1200\.webp 1200w"' \
	"cards have a WebP srcset"
expect_body_re '<img src="/media/demo/[0-9]{2}-1200\.jpg" srcset="/media/demo/[0-9]{2}-400\.jpg 400w, [^"]*1200w" sizes="[^"]+" width="1200" height="675" alt="" loading="lazy"' \
	"cards have a JPEG fallback with sizes, dimensions and lazy loading; alt is empty"
check "no card picture adds to its link's name: the title names the link" \
	test "$(grep -A8 '<li class="album-card">' "$BODY" | grep -c 'alt="[^"]')" = 0
expect_body_re '[0-9]+ ảnh<' "cards say how many photos"
expect_body_re '<time datetime="[^"]+">[0-3][0-9]/[01][0-9]/20[0-9]{2}</time>' \
	"cards are dated dd/mm/yyyy"
expect_no_body 'Ảnh mới: Ngày Pháp luật' "an approved item is not listed"
expect_header Cache-Control 'max-age=0' "the page may be cached like others"
first=$(sql "select id from item where kind = 'anh' and state = 'published'
	order by published_at desc, id desc limit 1")
photo=$(first_link '/tin/[^"/?#]+-[0-9]+')
check "the newest photo item comes first ($photo)" \
	test "${photo##*-}" = "$first"
ncards=$(grep -c '<li class="album-card">' "$BODY")
total=$(sql "select count(*) from item where kind = 'anh'
	and state = 'published'")
want=$((total < 24 ? total : 24))
check "one card per photo item, 24 at most ($ncards of $total)" \
	test "$ncards" -eq "$want"
check "the footer links to the photo library" \
	grep -q 'href="/thu-vien-anh"' "$BODY"
fetch '/thu-vien-anh?trang=0'
expect_status 404 "page 0 is refused"
fetch '/thu-vien-anh?trang=999'
expect_status 404 "a page beyond the last is refused"

# ---- a photo item: its album in order ----
fetch "$photo"
expect_status 200 "GET the photo item $photo"
nphotos=$(grep -c '<figure class="album-photo">' "$BODY")
want=$(sql "select count(*) from item_media where item_id = $first")
check "every photo of the album is shown ($nphotos of $want)" \
	test "$nphotos" -eq "$want" -a "$want" -ge 3
got=$(grep -oE '<figcaption>[^<]*</figcaption>' "$BODY" |
	sed 's/<[^>]*>//g')
exp=$(sql "select im.caption from item_media im where im.item_id = $first
	order by im.position")
check "captions are shown, in album order" test "$got" = "$exp"
srcs=$(grep -oE '<img src="/media/[^"]+"' "$BODY" | grep -v 'data:' |
	sed 's/<img src="\/media\///; s/"$//')
exp=$(sql "select m.path from item_media im join media m on m.id = im.media_id
	where im.item_id = $first order by im.position")
check "photos come in album order" test "$srcs" = "$exp"
expect_body_re '<img [^>]*alt="[^"]+"' "photos have alt text"
expect_no_body 'class="article-cover"' "the cover is not shown twice"
expect_body_re '<picture>' "photos are <picture> elements"

# ---- audio with captions and transcript ----
fetch /tin/ban-tin-phat-thanh-90001
expect_status 200 "GET the audio item"
expect_body '<audio controls preload="metadata">' "an HTML5 audio player"
expect_body '<source src="/media/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1.mp3" type="audio/mpeg">' \
	"the recording with its type"
expect_body '<track kind="captions" srclang="vi" label="Tiếng Việt" src="/media/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2.vtt" default>' \
	"the captions track"
expect_body '<summary>Lời thoại (bản chữ)</summary>' "the transcript's summary"
expect_body 'Đây là bản tin pháp luật.' "the transcript's text"
expect_body_re 'download>Tải về \(MP3, 3 KB\)</a>' "a download link with format and size"

fetch /tin/phong-su-hoa-giai-90003
expect_body '<video controls preload="metadata" playsinline>' \
	"an HTML5 video player"
expect_body 'type="video/webm"' "the video's type"
expect_no_body '<track' "no track without captions"

# ---- attachments ----
fetch /tin/ke-hoach-dinh-kem-90002
expect_status 200 "GET the item with attachments"
expect_body '<h2 id="tep-dinh-kem">Tệp đính kèm</h2>' "an attachments list"
expect_body 'Kế hoạch tuyên truyền năm 2026</a> <span class="file-meta">(PDF, 196 KB)</span>' \
	"the PDF with type and size"
expect_body 'mau-don.docx</a> <span class="file-meta">(Word, 1,5 MB)</span>' \
	"the Word file with type and size in Vietnamese notation"

# ---- /media/ serving ----
fetch /media/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2.vtt
expect_status 200 "GET a caption file"
expect_header Content-Type '^text/vtt; charset=utf-8$' "WebVTT is text/vtt"
expect_header Cache-Control '^public, max-age=31536000, immutable$' \
	"media files are immutable for a year"
expect_header X-Content-Type-Options '^nosniff$' "nosniff"
fetch "/media/demo/00-400.webp"
expect_header Content-Type '^image/webp$' "WebP is image/webp"
fetch /media/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa3.pdf
expect_header Content-Type '^application/pdf$' "a PDF is a PDF"
check "a PDF opens in the browser" test -z "$(header Content-Disposition)"
fetch /media/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa4.docx
expect_header Content-Type 'wordprocessingml' "a docx has its type"
expect_header Content-Disposition '^attachment' "a docx downloads"
fetch /media/2026/01/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1.mp3
expect_header Content-Type '^audio/mpeg$' "an MP3 is audio/mpeg"
fetch /media/2026/01/planted.html
expect_status 200 "a planted HTML file"
expect_header Content-Type '^application/octet-stream$' \
	"planted HTML is sent as octet-stream"
expect_header Content-Disposition '^attachment' "planted HTML downloads"
fetch /media/2026/01/planted.svg
expect_header Content-Type '^application/octet-stream$' \
	"planted SVG is sent as octet-stream"
fetch /media/2026/01/../../demo/00.jpg
expect_status_in "400 404" "a path with .. is refused"
fetch /media/2026/01/%2e%2e/%2e%2e/demo/00.jpg
expect_status_in "400 404" "an encoded .. is refused"
fetch /static/css/site.css
expect_header Cache-Control '^public, max-age=86400$' \
	"static files keep their one-day cache"

# ---- publishing shows the new album at once ----
fetch /thu-vien-anh
etag=$(header ETag)
fetch /thu-vien-anh
check "the photo library is cached (same ETag)" \
	test -n "$etag" -a "$(header ETag)" = "$etag"
expect_no_body 'Ảnh mới: Ngày Pháp luật' "the cached page lacks the new item"
login office vanphong@stp-kontum.example Demo-vanphong-2026
tok=$(form_token office /quan-tri/tin-bai/90010)
post office /quan-tri/tin-bai/90010/thao-tac --data-urlencode "csrf=$tok" \
	--data-urlencode hanh_dong=publish --data-urlencode trang_thai=approved
expect_location '/quan-tri/tin-bai/90010?xong=*' "the Office publishes it"
check "the item is published" \
	test "$(sql "select state from item where id = 90010")" = published
fetch /thu-vien-anh
expect_body 'Ảnh mới: Ngày Pháp luật tại xã Đắk Rơ Wa' \
	"the newly published photo item is listed at once"
new=$(first_link '/tin/[^"/?#]+-[0-9]+')
check "and it comes first" test "${new##*-}" = 90010
expect_body '3 ảnh' "with its number of photos"
cover=$(sql "select m.path from item_media im join media m on m.id = im.media_id
	where im.item_id = 90010 order by im.position limit 1")
expect_body "<img src=\"/media/$cover\"" "with its first photo as the cover"

t_done
