#!/usr/bin/env bash
# RSS, sitemap.xml and robots.txt: well-formed and pointing at the site.
. "$(dirname "$0")/lib.sh"

start_server

# well_formed FILE: XML parses.
well_formed() {
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$1" 2>"$T_TMP/xml.err"
	else
		python3 -c 'import sys, xml.dom.minidom
xml.dom.minidom.parse(sys.argv[1])' "$1" 2>"$T_TMP/xml.err"
	fi
}

fetch /rss.xml
expect_status 200 "/rss.xml"
expect_header Content-Type '^application/(rss\+)?xml|^text/xml' "RSS type"
if well_formed "$BODY"; then ok "/rss.xml is well-formed XML"; else
	not_ok "/rss.xml is not well-formed"
	note "$(head -n 5 "$T_TMP/xml.err")"
fi
expect_body '<rss version="2.0"' "RSS 2.0"
n=$(grep -c '<item>' "$BODY")
check "the feed has items ($n)" test "$n" -gt 0
expect_body "<link>http://$T_LISTEN/tin/" "item links use base_url"
expect_body_re '<pubDate>[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} ' \
	"RFC 822 dates"

fetch /sitemap.xml
expect_status 200 "/sitemap.xml"
expect_header Content-Type 'xml' "sitemap type"
if well_formed "$BODY"; then ok "/sitemap.xml is well-formed XML"; else
	not_ok "/sitemap.xml is not well-formed"
	note "$(head -n 5 "$T_TMP/xml.err")"
fi
expect_body '<urlset' "a urlset"
n=$(grep -o '<loc>' "$BODY" | wc -l)
check "the sitemap lists URLs ($n)" test "$n" -gt 10
expect_body "<loc>http://$T_LISTEN/chuyen-muc/" "sections in the sitemap"
expect_body "<loc>http://$T_LISTEN/tin/" "items in the sitemap"
loc=$(grep -oE "<loc>http://$T_LISTEN/tin/[^<]+</loc>" "$BODY" | head -n 1 |
	sed 's/<[^>]*>//g')
if [[ -n $loc ]]; then
	fetch "$loc"
	expect_status 200 "a sitemap item URL answers"
fi

fetch /robots.txt
expect_status 200 "/robots.txt"
expect_header Content-Type '^text/plain' "robots.txt is plain text"
expect_body_re '^User-agent:' "robots.txt has User-agent"
expect_body "Sitemap: http://$T_LISTEN/sitemap.xml" "robots.txt names the sitemap"

fetch /rss.xml -H 'Accept-Encoding: gzip'
expect_status 200 "/rss.xml with gzip"
t_done
