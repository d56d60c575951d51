#!/usr/bin/env bash
# The item's page in the newsroom (issue 4 items 1, 2, 6): what it shows
# (title, kind, section, state in words, author, unit, source, deadline,
# what is missing, the steps the account may take, the tab bar), the
# flash after a step, editorial comments (an empty or too long one is
# refused with 422 and changes nothing), the revisions page (compare
# inline and side by side shows the changed word in <ins>/<del>),
# restoring an old revision as a new one, 404 for an unknown item and
# 403 for an account that may not see it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

start_server

uid() { sql "select id from account where email = '$1@stp-kontum.example'"; }
for w in chuyenvien daumoi thuky truongban; do
	sql "delete from login_attempt"
	login "$w" "$w@stp-kontum.example" "Demo-$w-2026"
done
cv=$(uid chuyenvien)
cv_unit=$(sql "select unit_id from account where id = $cv")
now=$(date +%s)
id=990001
# A draft of the staff member with two revisions; its event ended two
# hours ago (Điều 9.2.a: due 24 hours after); no source yet.
sql "insert into item (id, kind, state, category_id, created_at,
	author_user_id, title, slug, author_name, body_html)
	values ($id, 'tin', 'draft', 6, $now - 7200, $cv,
	'Hội nghị sơ kết công tác hòa giải', 'hoi-nghi', 'Trần Thị Tác Giả',
	'<p>Hội nghị diễn ra sáng thứ Hai tại Hội trường.</p>');
	insert into item_flow (item_id, unit_id, contribution, sender_name,
	sender_agency, sender_contact, event_ended_at, due_at, revision)
	values ($id, $cv_unit, 1, 'Trần Thị Tác Giả', 'Phòng Hành chính',
	'0260 3862 111', $now - 7200, $now + 79200, 2);
	insert into item_revision (item_id, number, at, user_id, category_id,
	title, body_html) values
	($id, 1, $now - 7000, $cv, 6, 'Hội nghị sơ kết công tác hòa giải',
	 '<p>Hội nghị diễn ra sáng thứ Ba tại Hội trường.</p>'),
	($id, 2, $now - 3600, $cv, 6, 'Hội nghị sơ kết công tác hòa giải',
	 '<p>Hội nghị diễn ra sáng thứ Hai tại Hội trường.</p>')"

get chuyenvien "/quan-tri/tin-bai/$id"
expect_status 200 "the author opens the item's page"
expect_body "Hội nghị sơ kết công tác hòa giải" "it shows the title"
expect_body "Bản nháp" "it shows the state in Vietnamese"
expect_body "Trần Thị Tác Giả" "it shows the author"
expect_body "Tin tức - sự kiện" "it shows the section"
expect_body "đúng hạn" "it shows the deadline's status in words"
expect_body "Sự kiện kết thúc lúc" "it shows when the deadline started"
expect_body "Chưa ghi nguồn thông tin (Điều 7.1.d)." "it says what is missing"
expect_body 'aria-label="Tin, bài"' "it has the item's tab bar"
expect_body "/quan-tri/tin-bai/$id/sua\"" "the author may edit: the tab is there"
expect_body 'name="hanh_dong" value="submit"' "the author may submit"
expect_no_body 'value="publish"' "there is no publish button for the author"
expect_body "Hội nghị diễn ra sáng thứ Hai" "it previews the body"

# The Secretariat sees it, with no step to take on a draft but archive.
get thuky "/quan-tri/tin-bai/$id"
expect_status 200 "the Secretariat reads every item"
expect_no_body 'value="submit"' "the Secretariat cannot submit another's draft"

# Submitting an item that lacks its source: 422, listed, nothing changes.
tok=$(form_token chuyenvien "/quan-tri/tin-bai/$id")
n=$(sql "select count(*) from audit")
post chuyenvien "/quan-tri/tin-bai/$id/thao-tac" --data-urlencode "csrf=$tok" \
	--data-urlencode hanh_dong=submit --data-urlencode trang_thai=draft
expect_status 422 "an incomplete item cannot be submitted"
expect_body 'role="alert"' "the problems are announced"
expect_body "Chưa ghi nguồn thông tin (Điều 7.1.d)." "the missing source is named"
check "the refused step changed nothing" \
	test "$(sql "select state from item where id = $id")/$(sql "select count(*) from audit")" = "draft/$n"

sql "update item set source = 'Phòng Hành chính' where id = $id"
post chuyenvien "/quan-tri/tin-bai/$id/thao-tac" --data-urlencode "csrf=$tok" \
	--data-urlencode hanh_dong=submit --data-urlencode trang_thai=draft
expect_location "/quan-tri/tin-bai/$id?xong=submit" "the complete item is submitted"
get chuyenvien "/quan-tri/tin-bai/$id?xong=submit"
expect_body_re 'role="status">Đã gửi tin, bài' "the page says what happened"
expect_body "Đã gửi, chờ tiếp nhận" "the new state is shown"
expect_body "Gửi tin, bài</strong>, Bản nháp → Đã gửi, chờ tiếp nhận" \
	"the history shows the step"

# Comments.
tok=$(form_token thuky "/quan-tri/tin-bai/$id")
post thuky "/quan-tri/tin-bai/$id/binh-luan" --data-urlencode "csrf=$tok" \
	--data-urlencode "noi_dung=Đề nghị bổ sung ảnh hội nghị <b>gấp</b>."
expect_location "/quan-tri/tin-bai/$id#gop-y" "a comment is added"
check "the comment is stored" \
	test "$(sql "select count(*) from item_comment where item_id = $id")" = 1
check "the comment is audited" test "$(last_action)" = item.comment
get chuyenvien "/quan-tri/tin-bai/$id"
expect_body "Đề nghị bổ sung ảnh hội nghị &lt;b&gt;gấp&lt;/b&gt;." \
	"the author sees the comment, escaped"
n=$(sql "select count(*) from audit")
for text in "   " "$(head -c 4100 /dev/zero | tr '\0' 'a')"; do
	post thuky "/quan-tri/tin-bai/$id/binh-luan" --data-urlencode "csrf=$tok" \
		--data-urlencode "noi_dung=$text"
	expect_status 422 "an empty or too long comment is refused"
	expect_body 'id="loi-gop-y" role="alert"' "the refusal is announced"
done
check "refused comments changed nothing" \
	test "$(sql "select count(*) from item_comment")/$(sql "select count(*) from audit")" = "1/$n"
get chuyenvien "/quan-tri/tin-bai/$id"
expect_body '<label for="noi-dung-gop-y">Góp ý của anh/chị</label>' \
	"the newsroom says anh/chị, not bạn"
expect_no_body 'name="noi_dung" rows="4" maxlength' \
	"the comment box has no maxlength (the limit is in bytes; the server says it)"

# A document's issue date is a date: shown without a time (Điều 9.2.b).
sql "update item_flow set event_ended_at = NULL,
	doc_issued_at = (strftime('%s', date('now', '+7 hours')) - 25200)
	where item_id = $id"
get chuyenvien "/quan-tri/tin-bai/$id"
expect_body_re 'Văn bản ban hành ngày</dt> <dd>[0-3][0-9]/[01][0-9]/20[0-9]{2}</dd>' \
	"the document's issue date is shown as dd/mm/yyyy, no time"
sql "update item_flow set event_ended_at = $now - 7200, doc_issued_at = NULL
	where item_id = $id"

# Opening a correction changes nothing yet: the flash says it was opened.
get chuyenvien "/quan-tri/tin-bai/$id?xong=correct"
expect_body 'role="status">Đã mở bản sửa cho tin, bài đã đăng.</p>' \
	"after Sửa tin đã đăng the flash says a correction was opened"

# Revisions: the two newest are compared by default.
get thuky "/quan-tri/tin-bai/$id/phien-ban"
expect_status 200 "the revisions page opens"
expect_body '<ins class="wd-ins">Hai</ins>' "inline: the new word is marked inserted"
expect_body '<del class="wd-del">Ba</del>' "inline: the old word is marked deleted"
get thuky "/quan-tri/tin-bai/$id/phien-ban?a=1&b=2&kieu=hai-cot"
expect_status 200 "side by side opens"
expect_body '<table class="wd-sides">' "side by side is a table"
expect_body 'tabindex="0" role="region"' "in a scroll frame that takes the focus"
expect_body_re '<td class="wd-a">.*<del class="wd-del">Ba</del>' "the old word on the left"
expect_body_re '<td class="wd-b">.*<ins class="wd-ins">Hai</ins>' "the new word on the right"
get thuky "/quan-tri/tin-bai/$id/phien-ban?a=1&b=9"
expect_status 404 "an unknown revision answers 404"
get thuky "/quan-tri/tin-bai/$id/phien-ban?kieu=x"
expect_status 400 "an unknown kind of comparison answers 400"

# Restore (the Secretariat may edit a submitted item).
get thuky "/quan-tri/tin-bai/$id/phien-ban"
expect_body "/phien-ban/1/khoi-phuc" "an old revision has a restore button"
tok=$(page_token)
post thuky "/quan-tri/tin-bai/$id/phien-ban/1/khoi-phuc" --data-urlencode "csrf=$tok"
expect_location "/quan-tri/tin-bai/$id/phien-ban?khoi-phuc=3" "restoring makes revision 3"
check "the item has the restored text" \
	test "$(sql "select count(*) from item where id = $id and body_html like '%thứ Ba%'")" = 1
check "the restore is audited as a save" test "$(last_action)" = item.save
post chuyenvien "/quan-tri/tin-bai/$id/phien-ban/1/khoi-phuc" \
	--data-urlencode "csrf=$(form_token chuyenvien /quan-tri/ho-so)"
expect_vi_error 403 "the author may not restore a submitted item"
post thuky "/quan-tri/tin-bai/$id/phien-ban/7/khoi-phuc" --data-urlencode "csrf=$tok"
expect_status 404 "restoring an unknown revision answers 404"

# Who may not see it, and what does not exist.
get daumoi "/quan-tri/tin-bai/$id"
expect_vi_error 403 "another unit's focal point may not see the item"
get daumoi "/quan-tri/tin-bai/$id/phien-ban"
expect_status 403 "nor its revisions"
get thuky /quan-tri/tin-bai/999999999
expect_vi_error 404 "an unknown item answers 404"
get thuky /quan-tri/tin-bai/abc
expect_status 404 "a malformed id answers 404"

t_done
