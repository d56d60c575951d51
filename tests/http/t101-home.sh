#!/usr/bin/env bash
# The home page: the agency's name from the configuration, sections,
# newest items, the header and footer the regulation requires.
. "$(dirname "$0")/lib.sh"

# A name no template could contain, to prove it comes from the config.
start_server "[site]" "name = Sở Tư pháp tỉnh Thử Nghiệm" \
	"address = Số 9 đường Thử, phường Thử, tỉnh Thử Nghiệm" \
	"phone = 0260 3999 888" "email = thu.nghiem@example.vn"

fetch /
expect_status 200 "GET /"
expect_header Content-Type '^text/html; *charset=utf-8' "HTML in UTF-8"
expect_body 'lang="vi"' "lang=\"vi\""
expect_body 'Sở Tư pháp tỉnh Thử Nghiệm' "the agency name from the config"
expect_body 'Ủy ban nhân dân tỉnh Kon Tum' "the parent agency's name"
expect_body 'Số 9 đường Thử' "the address from the config"
expect_body '0260 3999 888' "the phone number from the config"
expect_body_re '<title>[^<]+</title>' "a title"
expect_body_re '<meta name="viewport"' "a viewport meta"
expect_body_re '<meta name="description"' "a meta description"
n=$(grep -oE 'href="/chuyen-muc/[a-z0-9-]+"' "$BODY" | sort -u | wc -l)
check "links to at least 4 sections ($n)" test "$n" -ge 4
n=$(grep -oE 'href="/tin/[^"]+-[0-9]+"' "$BODY" | sort -u | wc -l)
check "links to at least 5 items ($n)" test "$n" -ge 5
expect_body 'href="/tim-kiem' "links to the search page, or has a search form"
expect_body 'href="/so-do-trang"' "links to the site map"
expect_body 'href="/tro-nang-tiep-can"' "links to the accessibility page"
expect_body 'href="/rss.xml"' "links to the RSS feed"
expect_no_body '<script>' "no inline script"
expect_no_body 'style="' "no inline style attribute"
expect_header Content-Security-Policy "default-src" "a Content-Security-Policy"
expect_header X-Content-Type-Options nosniff "X-Content-Type-Options: nosniff"
if iconv -f UTF-8 -t UTF-8 "$BODY" >/dev/null 2>&1; then
	ok "the page is valid UTF-8"
else
	not_ok "the page is not valid UTF-8"
fi
if python3 -c 'import sys, unicodedata
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if unicodedata.is_normalized("NFC", t) else 1)' "$BODY"; then
	ok "the page is NFC"
else
	not_ok "the page is not NFC"
fi
fetch /?trang=2
expect_status_in "200 404" "/?trang=2 does not break"
t_done
