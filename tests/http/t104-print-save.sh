#!/usr/bin/env bash
# The print view and the download ("tải về"): a self-contained page.
. "$(dirname "$0")/lib.sh"

start_server
fetch /
item=$(first_link '/tin/[^"/?#]+-[0-9]+')
check "the home page links to an item" test -n "$item"
fetch "$item"
title=$(grep -oE '<h1[^>]*>[^<]+' "$BODY" | head -n 1 | sed 's/<h1[^>]*>//')

fetch "$item/ban-in"
expect_status 200 "print view"
expect_header Content-Type '^text/html' "print view is HTML"
expect_body 'lang="vi"' "print view is Vietnamese"
[[ -z $title ]] || expect_body "$title" "print view has the title"
expect_body_re '<meta name="robots" content="noindex' "print view is noindex"
expect_body_re '<link rel="canonical"' "print view names the canonical URL"

fetch "$item/tai-ve"
expect_status 200 "download"
expect_header Content-Disposition '^attachment; *filename' \
	"download is an attachment with a file name"
expect_header Content-Type '^text/html' "download is HTML"
[[ -z $title ]] || expect_body "$title" "download has the title"
expect_no_body 'src="http' "download loads nothing from the network"
expect_no_body 'href="/static' "download links no local stylesheet"
expect_no_body 'src="/' "download has no root-relative src"
expect_no_body '<script' "download has no script"
expect_body '<style' "download carries its own style"
fetch "$item/tai-ve" -I
expect_header Content-Disposition '^attachment' "HEAD download too"
fetch "/tin/x-999999999/tai-ve"
expect_status 404 "download of an unknown item gives 404"
t_done
