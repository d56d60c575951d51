#!/usr/bin/env bash
# A section page: list, pagination (?trang=N), out-of-range and malformed
# page numbers, unknown section, per-section RSS.
. "$(dirname "$0")/lib.sh"

start_server

fetch /so-do-trang
expect_status 200 "the site map lists sections"
mapfile -t slugs < <(grep -oE 'href="/chuyen-muc/[a-z0-9-]+"' "$BODY" |
	sed 's|href="/chuyen-muc/||; s|"$||' | awk '!seen[$0]++')
check "the site map names sections (${#slugs[@]})" test "${#slugs[@]}" -gt 0
for s in tin-tuc-su-kien van-ban-phap-luat; do
	if printf '%s\n' "${slugs[@]}" | grep -qx "$s"; then
		ok "section $s exists"
	else
		not_ok "section $s is not in the site map"
	fi
done

# The section with a second page (the demo has hundreds of items).
paged=
for s in "${slugs[@]}"; do
	fetch "/chuyen-muc/$s"
	[[ $STATUS == 200 ]] || { not_ok "GET /chuyen-muc/$s: $STATUS"; continue; }
	if grep -qE "href=\"/chuyen-muc/$s\?(amp;)?trang=2\"" "$BODY"; then
		paged=$s
		break
	fi
done
if [[ -z $paged ]]; then
	not_ok "no section has a link to ?trang=2"
	t_done
fi
ok "section $paged has a second page"
fetch "/chuyen-muc/$paged"
expect_body 'lang="vi"' "section page is Vietnamese"
expect_body_re '<h1[^>]*>' "section page has an h1"
grep -oE 'href="/tin/[^"]+-[0-9]+"' "$BODY" | sort -u >"$T_TMP/p1"
check "page 1 lists items ($(wc -l <"$T_TMP/p1"))" test -s "$T_TMP/p1"
expect_body_re '<link rel="canonical"' "section page has a canonical link"
fetch "/chuyen-muc/$paged?trang=2"
expect_status 200 "page 2"
grep -oE 'href="/tin/[^"]+-[0-9]+"' "$BODY" | sort -u >"$T_TMP/p2"
check "page 2 lists items" test -s "$T_TMP/p2"
check "page 2 lists items page 1 does not" \
	test -n "$(comm -13 "$T_TMP/p1" "$T_TMP/p2")"
expect_body_re "href=\"/chuyen-muc/$paged(\?(amp;)?trang=1)?\"" \
	"page 2 links back to page 1"
fetch "/chuyen-muc/$paged?trang=99999"
expect_vi_error 404 "?trang=99999 gives 404"
fetch "/chuyen-muc/$paged?trang=abc"
expect_status_in "400 404" "?trang=abc is refused"
fetch "/chuyen-muc/$paged?trang=-1"
expect_status_in "400 404" "?trang=-1 is refused"
fetch "/chuyen-muc/$paged?trang=99999999999999999999999"
expect_status_in "400 404" "a huge ?trang is refused"
fetch "/chuyen-muc/$paged?trang=1"
expect_status_in "200 301" "?trang=1 is the first page"
fetch /chuyen-muc/khong-co-chuyen-muc-nay
expect_vi_error 404 "an unknown section gives 404"
fetch "/chuyen-muc/$paged/rss.xml"
expect_status 200 "the section's RSS feed"
expect_header Content-Type 'xml' "the section feed is XML"
t_done
