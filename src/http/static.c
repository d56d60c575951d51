/*
 * Static files: /static/ (the program's CSS, scripts, images) and
 * /media/ (uploaded files), each from one configured folder.
 *
 * Containment does not rely on string checks alone: after path.c has
 * refused "..", backslashes and NUL, each component is opened with
 * openat(..., O_NOFOLLOW) below the folder's descriptor, so neither a
 * symlink nor a rename race can lead outside it.  Dot-files are never
 * served.  Validators: an ETag from size and mtime, Last-Modified, and
 * 304 for If-None-Match or (without it) If-Modified-Since.
 *
 * Uploaded files (media.h) are named by 32 random hex digits that are
 * never reused, and a changed file is a new upload under a new name: a
 * /media/ file never changes, so browsers and proxies may keep it for a
 * year without asking again (RFC 8246 "immutable").  What a browser does
 * with one is decided here, by its extension (which media.c chose from
 * the bytes, never from the uploader): pictures, recordings, captions
 * and PDFs open in the page or the browser's viewer; Office documents
 * and archives download; anything that could run as the site (HTML,
 * scripts, SVG, XML) is never sent with its own type.
 */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "http_int.h"

/* Uploaded files never change under their name (see above). */
#define MEDIA_CACHE_CONTROL "public, max-age=31536000, immutable"

struct ctype {
	const char *ext;
	const char *type;
};

/* Sorted by extension for reading; searched linearly (it is short). */
static const struct ctype ctypes[] = {
        {"7z", "application/x-7z-compressed"},
        {"aac", "audio/aac"},
        {"avif", "image/avif"},
        {"css", "text/css; charset=utf-8"},
        {"csv", "text/csv; charset=utf-8"},
        {"doc", "application/msword"},
        {"docx", "application/vnd.openxmlformats-officedocument."
                 "wordprocessingml.document"},
        {"gif", "image/gif"},
        {"htm", "text/html; charset=utf-8"},
        {"html", "text/html; charset=utf-8"},
        {"ico", "image/x-icon"},
        {"jpeg", "image/jpeg"},
        {"jpg", "image/jpeg"},
        {"js", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"m4a", "audio/mp4"},
        {"map", "application/json"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"mp3", "audio/mpeg"},
        {"mp4", "video/mp4"},
        {"odp", "application/vnd.oasis.opendocument.presentation"},
        {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"oga", "audio/ogg"},
        {"ogg", "audio/ogg"},
        {"ogv", "video/ogg"},
        {"otf", "font/otf"},
        {"pdf", "application/pdf"},
        {"png", "image/png"},
        {"ppt", "application/vnd.ms-powerpoint"},
        {"pptx", "application/vnd.openxmlformats-officedocument."
                 "presentationml.presentation"},
        {"rar", "application/vnd.rar"},
        {"svg", "image/svg+xml"},
        {"ttf", "font/ttf"},
        {"txt", "text/plain; charset=utf-8"},
        {"vtt", "text/vtt; charset=utf-8"},
        {"wav", "audio/wav"},
        {"webm", "video/webm"},
        {"webp", "image/webp"},
        {"woff", "font/woff"},
        {"woff2", "font/woff2"},
        {"xls", "application/vnd.ms-excel"},
        {"xlsx", "application/vnd.openxmlformats-officedocument."
                 "spreadsheetml.sheet"},
        {"xml", "application/xml"},
        {"zip", "application/zip"},
};

const char *
static_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot && !strchr(dot, '/'))
		for (i = 0; i < ARRAY_SIZE(ctypes); i++)
			if (!strcasecmp(dot + 1, ctypes[i].ext))
				return ctypes[i].type;
	return "application/octet-stream";
}

/*
 * Uploaded HTML, scripts and SVG would run with the site's origin (and
 * CSP's 'self'): they are only ever sent as downloads.
 */
static bool
media_active(const char *type)
{
	return !strncmp(type, "text/html", 9) ||
	       !strncmp(type, "text/javascript", 15) ||
	       !strncmp(type, "image/svg+xml", 13) ||
	       !strncmp(type, "application/xml", 15);
}

/* Documents a browser cannot show: sent as downloads so they open in
 * the reader's office program, with the same result in every browser. */
static bool
media_download(const char *type)
{
	static const char *const prefixes[] = {
	        "application/msword",
	        "application/vnd.ms-",
	        "application/vnd.openxmlformats-officedocument.",
	        "application/vnd.oasis.opendocument.",
	        "application/zip",
	        "application/x-7z-compressed",
	        "application/vnd.rar",
	};

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(type, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* Opens rel below dirfd component by component; -1 if not possible. */
static int
open_beneath(int dirfd, const char *rel)
{
	char comp[256];
	const char *p = rel;
	int fd = dirfd;

	while (*p) {
		const char *s = p;
		size_t n;
		int nfd;
		bool last;

		while (*p && *p != '/')
			p++;
		n = (size_t)(p - s);
		last = !*p || !p[1];
		if (!n || n >= sizeof(comp) || *s == '.')
			goto fail;
		memcpy(comp, s, n);
		comp[n] = '\0';
		nfd = openat(fd, comp,
		             O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		                     (last ? O_NONBLOCK : O_DIRECTORY));
		if (fd != dirfd)
			close(fd);
		if (nfd < 0)
			return -1;
		fd = nfd;
		if (last)
			return fd;
		p++;
	}
fail:
	if (fd != dirfd)
		close(fd);
	return -1;
}

/*
 * Queues the regular file fd (or a 304); takes the descriptor.  The 304
 * is built from the file too, so that its Content-Length is the file's
 * (RFC 9110 section 8.6: never a length other than the 200's); MHD sends
 * no body for a 304, so the file is not read.
 */
static int
serve_fd(struct MHD_Connection *c, int fd, const char *type, bool download,
         const char *cc, const struct resp *rs, uint64_t *bytes)
{
	struct MHD_Response *mr;
	struct stat st;
	char etag[64], lm[40];
	const char *inm, *ims;
	bool not_mod = false;
	time_t since;
	int status;

	*bytes = 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	/* Clear O_NONBLOCK, set only so a FIFO could not block open. */
	fcntl(fd, F_SETFL, 0);
	snprintf(etag, sizeof(etag), "\"%llx-%llx\"",
	         (unsigned long long)st.st_size,
	         (unsigned long long)st.st_mtim.tv_sec * 1000000000ULL +
	                 (unsigned long long)st.st_mtim.tv_nsec);
	http_date_format(st.st_mtime, lm, sizeof(lm));
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                  "If-Modified-Since");
	if (inm)
		not_mod = http_etag_match(inm, etag);
	else if (ims && http_date_parse(ims, &since))
		not_mod = st.st_mtime <= since;
	status = not_mod ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK;
	if (!(mr = MHD_create_response_from_fd((uint64_t)st.st_size, fd))) {
		close(fd);
		return -1;
	}
	if (!not_mod) {
		*bytes = (uint64_t)st.st_size;
		http_add_header(mr, "Content-Type", type);
		if (download)
			http_add_header(mr, "Content-Disposition",
			                "attachment");
		for (size_t i = 0; rs && i < rs->nheaders; i++)
			http_add_header(mr, rs->headers[i].name,
			                rs->headers[i].value);
	}
	http_add_header(mr, "ETag", etag);
	http_add_header(mr, "Last-Modified", lm);
	http_add_header(mr, "Cache-Control", cc);
	http_add_security_headers(mr);
	if (MHD_queue_response(c, (unsigned)status, mr) != MHD_YES)
		status = -1;
	MHD_destroy_response(mr);
	return status;
}

int
static_serve(struct MHD_Connection *c, int dirfd, const char *rel, bool media,
             bool head, uint64_t *bytes)
{
	const char *type = static_type(rel);
	char cc[48];
	int fd;

	(void)head; /* MHD sends no body for HEAD; headers stay the same */
	*bytes = 0;
	if (dirfd < 0 || !*rel || rel[strlen(rel) - 1] == '/')
		return 0;
	if ((fd = open_beneath(dirfd, rel)) < 0)
		return 0;
	if (!media) {
		http_cache_control_age(86400, cc, sizeof(cc));
		return serve_fd(c, fd, type, false, cc, NULL, bytes);
	}
	if (media_active(type))
		return serve_fd(c, fd, "application/octet-stream", true,
		                MEDIA_CACHE_CONTROL, NULL, bytes);
	return serve_fd(c, fd, type, media_download(type), MEDIA_CACHE_CONTROL,
	                NULL, bytes);
}

int
static_serve_path(struct MHD_Connection *c, const char *path,
                  const struct resp *rs, uint64_t *bytes)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	const char *type;
	char cc[48];

	*bytes = 0;
	if (fd < 0)
		return 0;
	type = rs->content_type ? rs->content_type : static_type(path);
	http_cache_control_age(rs->max_age, cc, sizeof(cc));
	return serve_fd(c, fd, type, false, cc, rs, bytes);
}
