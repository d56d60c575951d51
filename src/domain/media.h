/*
 * The media pipeline (issue 4 item 7): uploads of photos, audio, video,
 * PDF and Office files into the media library, the photos of a photo
 * item (Thư viện ảnh) and the captions of recordings.
 *
 * What a file is comes from its bytes only (libmagic, and our own check
 * of WebVTT): never from its name or the browser's Content-Type.  Photos
 * are re-encoded (image.h): upright, metadata stripped, JPEG and WebP at
 * the responsive widths; other files are stored as they came.  Files are
 * named "YYYY/MM/<32 random hex>" below config.media_dir, never with the
 * uploader's name, and written atomically (temporary file, fsync,
 * rename); an upload that fails at any step leaves no file and no row.
 * Every change is audited ("media.add", "media.edit", "item.media").
 *
 * Messages in *why are Vietnamese, for the person who uploaded, and live
 * in the caller's arena.
 */
#ifndef TTDT_MEDIA_H
#define TTDT_MEDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "image.h"
#include "store.h"

#define MEDIA_NAME_MAX 200                /* bytes of a cleaned file name */
#define MEDIA_ALT_MAX 300                 /* characters of alt text */
#define MEDIA_CAPTION_MAX 1000            /* characters of a caption */
#define MEDIA_TRANSCRIPT_MAX (512 * 1024) /* bytes */
#define MEDIA_VTT_MAX (2 * 1024 * 1024)   /* bytes of a WebVTT file */
#define MEDIA_ALBUM_MAX 300               /* media of one item */
#define MEDIA_PAGE_MAX 100                /* rows of one library page */

/* A type we accept: the kind, the MIME type the file is stored and served
 * with, and the extension of its stored name (static strings). */
struct media_type {
	enum media_kind kind;
	const char *mime;
	const char *ext;
};

/*
 * Tells what p[0..len) is from its content: a WebVTT file (a "WEBVTT"
 * first line, after an optional byte-order mark) or what libmagic finds.
 * ERR_INVALID, with *why (in a) saying what the content is and what is
 * accepted, for anything else: HTML, scripts, PHP, programs, SVG (it can
 * carry scripts: refused, not cleaned), archives, plain text...
 * ERR_IO if libmagic cannot start (logged).  Thread-safe: one libmagic
 * handle per thread.
 */
enum err media_sniff(struct arena *a, const void *p, size_t len,
                     struct media_type *out, const char **why);

/* True if p[0..len) is a WebVTT file we accept: at most MEDIA_VTT_MAX
 * bytes of valid UTF-8 (an optional byte-order mark), a first line
 * "WEBVTT" alone or followed by a space or tab and text, and at least
 * one cue timing line ("-->").  Else false with *why (static). */
bool media_vtt_check(const char *p, size_t len, const char **why);

/*
 * The display form of an uploaded file's name, in a: its last path
 * component (after '/' or '\'), NFC, control characters and
 * <>:"|?* removed, spaces and dots trimmed at the ends, cut to
 * MEDIA_NAME_MAX bytes on a character boundary; "tệp" if nothing is
 * left or the name is not UTF-8.
 */
const char *media_name_clean(struct arena *a, const char *name);

/* An upload, as the web layer received it. */
struct media_upload {
	const void *data;
	size_t len;
	const char *name;    /* the browser's file name: display only */
	const char *alt;     /* required for an image (WCAG 1.1.1) */
	const char *caption; /* may be NULL or "" */
	unsigned kinds;      /* accepted kinds, a mask of 1u << enum
	                        media_kind; 0: any */
};

/*
 * Checks, stores and records u, uploaded by actor at now, and fills *out
 * (strings in a).  If the same bytes were uploaded before (same SHA-256)
 * nothing is written: *out is the existing row and *duplicate true.
 * ERR_INVALID with *why for an empty, oversized (config.upload_max) or
 * unaccepted file, a kind not in u->kinds, an image without alt text or
 * that cannot be decoded or is too large, a bad WebVTT, alt text or
 * caption too long or not UTF-8; ERR_IO if a file cannot be written;
 * the store's errors.  On any failure no file is left behind.
 */
enum err media_upload(struct store *s, struct arena *a,
                      const struct audit_actor *actor,
                      const struct media_upload *u, time_t now,
                      struct media *out, bool *duplicate, const char **why);

/*
 * Who sees which files (issue 4 item 7): the roles of ROLES_LIBRARY (the
 * Board, the Secretariat, the Office) see and may edit every file; any
 * other author only the files it uploaded itself (not those sent through
 * the public contribution form, which have no uploader).
 */
bool media_sees_all(const struct user *u);
/* True if u may see m: its page, in the library, to add to an item. */
bool media_may_see(const struct user *u, const struct media *m);

/*
 * Whether u may change the text of medium m now: ERR_DENIED unless
 * media_may_see; ERR_CONFLICT with *why (Vietnamese, in a) if m is shown
 * by a published item, in its album or as its cover: the public page
 * would change without approval (Điều 17.1.c), so the way is a
 * correction of that item with the file replaced; the store's errors.
 */
enum err media_editable(struct store *s, struct arena *a, const struct user *u,
                        const struct media *m, const char **why);

/* The three edits below are u's (account), recorded as actor.  Each
 * checks media_editable (inside its transaction): ERR_DENIED,
 * ERR_CONFLICT with *why as it says. */

/* Sets the alt text and caption of medium id ("media.edit").
 * ERR_INVALID with *why if an image's alt text is empty or either is too
 * long or not UTF-8; ERR_NOTFOUND. */
enum err media_set_text(struct store *s, struct arena *a, const struct user *u,
                        const struct audit_actor *actor, int64_t id,
                        const char *alt, const char *caption, time_t now,
                        const char **why);
/* Gives audio or video medium id the WebVTT medium vtt_id as captions
 * (0: none) ("media.edit").  ERR_INVALID with *why if id is not audio or
 * video, or vtt_id not a caption file; ERR_DENIED also if u may not see
 * vtt_id; ERR_NOTFOUND. */
enum err media_set_captions(struct store *s, struct arena *a,
                            const struct user *u,
                            const struct audit_actor *actor, int64_t id,
                            int64_t vtt_id, time_t now, const char **why);
/* Sets the transcript of audio or video medium id ("" removes it)
 * ("media.edit").  ERR_INVALID with *why if id is not audio or video or
 * the text is too long or not UTF-8; ERR_NOTFOUND. */
enum err media_set_transcript(struct store *s, struct arena *a,
                              const struct user *u,
                              const struct audit_actor *actor, int64_t id,
                              const char *text, time_t now, const char **why);

/* A page of the library. */
struct media_query {
	enum media_kind kind; /* MEDIA_KIND__MAX: every kind */
	const char *text;     /* words in the name, alt text or caption,
	                         accents and case ignored; NULL or "": any */
	size_t offset;
	size_t limit;        /* 0 or more than MEDIA_PAGE_MAX: MEDIA_PAGE_MAX */
	int64_t uploaded_by; /* only this account's uploads; 0: anyone's
	                        (for media_sees_all only) */
};

/* The library, newest first, matching q; out->total is the number of
 * matches.  ERR_INVALID if q->text is not UTF-8. */
enum err media_find(struct store *s, struct arena *a,
                    const struct media_query *q, struct media_list *out);

/* Appends the path below the media folder of image m's variant of width
 * w in format f ("2026/01/<hex>-640.webp"). */
void media_variant_path(struct buf *out, const struct media *m, int w,
                        enum image_format f);
/*
 * Appends a srcset for image m in format f: prefix (the URL of the media
 * folder, "/media/") before each variant's path, then its width:
 * "/media/2026/01/ab-320.webp 320w, /media/2026/01/ab-640.webp 640w".
 * The characters are safe in an attribute; the template escapes anyway.
 * Appends nothing for a medium that is not an image.
 */
void media_srcset(struct buf *out, const struct media *m, const char *prefix,
                  enum image_format f);

/* One medium of an item as the editor sets it. */
struct media_album_entry {
	int64_t media_id;
	const char *caption; /* may be NULL or "" */
};

/*
 * Sets the media of item item_id to v[0..n) in that order, as account u
 * (recorded as actor, "item.media"): the photos of a photo item ("anh":
 * images only), the recording of an audio or video item (audio, or
 * video, files only), the attachments of other items (any kind but
 * caption files).  In one transaction that reloads u, the item and its
 * flow and requires WF_EDIT now (workflow_allowed): ERR_DENIED
 * otherwise (a published item with no correction open among others).
 * During a correction of a published item the list goes to the item's
 * pending album (the newsroom's, media_album_work), and the public keeps
 * the published one until the correction is published
 * (media_album_commit); else to the item's media.  ERR_INVALID with *why
 * for a medium listed twice, of the wrong kind, a caption too long or
 * not UTF-8, more than MEDIA_ALBUM_MAX; ERR_NOTFOUND for an unknown item
 * or medium.
 */
enum err media_album_edit(struct store *s, struct arena *a,
                          const struct user *u, const struct audit_actor *actor,
                          int64_t item_id, const struct media_album_entry *v,
                          size_t n, time_t now, const char **why);
/*
 * The same without an account: only for an item that was never
 * published, created in the caller's transaction by a sender who has no
 * account (contribution.c); ERR_CONFLICT for an item published or
 * published before.  Everything the newsroom does goes through
 * media_album_edit.
 */
enum err media_album_set(struct store *s, struct arena *a,
                         const struct audit_actor *actor, int64_t item_id,
                         const struct media_album_entry *v, size_t n,
                         time_t now, const char **why);
/* The published (live) media of item_id in order, rows joined, in a: what
 * the public pages show. */
enum err media_album_get(struct store *s, struct arena *a, int64_t item_id,
                         struct item_media **out, size_t *n);
/* The media the newsroom works on: the pending album of a correction
 * while one is open and its album was changed, else media_album_get's. */
enum err media_album_work(struct store *s, struct arena *a, int64_t item_id,
                          struct item_media **out, size_t *n);
/* For workflow.c, inside the transaction that publishes a correction of
 * item_id: its pending album (if any) becomes its media. */
enum err media_album_commit(struct store *s, int64_t item_id);
/* For workflow.c, inside the transaction that closes a correction of
 * item_id without publishing it: its pending album (if any) is dropped. */
enum err media_album_drop(struct store *s, int64_t item_id);

/* What an item's media lack before it may be sent on or published. */
struct media_lack {
	const char **v; /* Vietnamese sentences, in a */
	size_t n;       /* 0: nothing lacks */
};

/*
 * The accessibility check of an item's media (WCAG 1.1.1, 1.2; issue 4
 * item 4), for the workflow's completeness check, of the media the
 * newsroom works on (media_album_work): an audio or video item needs its
 * recording, a photo item at least one photo, every photo of a photo
 * item a caption, every audio file a transcript (WCAG 1.2.1: browsers
 * show no <track> of an <audio>, so captions alone show no text), every
 * video file captions (WebVTT) or a transcript, every image alt text.
 * Fills out with one sentence per problem naming the file.  Errors: the
 * store's.
 */
enum err media_accessible(struct store *s, struct arena *a,
                          const struct item *it, struct media_lack *out);

#endif
