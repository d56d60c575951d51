#!/usr/bin/env bash
# The site map page and the accessibility statement.
. "$(dirname "$0")/lib.sh"

start_server

fetch /so-do-trang
expect_status 200 "/so-do-trang"
expect_body 'lang="vi"' "site map is Vietnamese"
expect_body_re '<h1[^>]*>[^<]*Sơ đồ' "site map's h1 says Sơ đồ"
n=$(grep -oE 'href="/chuyen-muc/[a-z0-9-]+"' "$BODY" | sort -u | wc -l)
check "site map links every section ($n)" test "$n" -ge 4
expect_body_re '<ul' "site map is a list"
bad=0
for s in $(grep -oE 'href="/chuyen-muc/[a-z0-9-]+"' "$BODY" | sort -u |
	sed 's/href="//; s/"//'); do
	fetch "$s"
	if [[ $STATUS != 200 ]]; then
		not_ok "site map link $s gives $STATUS"
		bad=1
	fi
done
((bad)) || ok "every section in the site map answers 200"

fetch /tro-nang-tiep-can
expect_status 200 "/tro-nang-tiep-can"
expect_body 'lang="vi"' "accessibility page is Vietnamese"
expect_body_re '<h1[^>]*>' "accessibility page has an h1"
expect_body_re 'WCAG|tiếp cận' "accessibility page speaks of accessibility"
t_done
