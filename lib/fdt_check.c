// SPDX-License-Identifier: GPL-2.0-only
/*
 * A safe first walk of a flattened device tree, before libfdt reads it.
 *
 * libfdt trusts the lengths in the structure block: Debian 12's libfdt
 * (1.6.1) loops for ever in fdt_next_tag() when a property's 32-bit length
 * wraps the offset back onto its own tag (e.g. 0xfffffff4; fixed upstream
 * in dtc v1.7.0, commit "libfdt: prevent integer overflow in
 * fdt_next_tag"), and fdt_check_full() and every node iterator go through
 * that function. of_fdt_validate() walks the header, the memory
 * reservation block, the structure block and the property names with
 * every offset checked against the block it must stay in, always moving
 * forward, so it ends on any input; the first defect is described in one
 * sentence with its offset in the blob. The ports call it before anything
 * else reads the DTB. of_fdt_salvage() then makes a corrupt blob safe for
 * libfdt in place, so that a port can still find its console in the
 * sound part to report the defect.
 *
 * Nothing here allocates, takes locks or prints.
 */
#include <contig/errno.h>
#include <contig/kernel.h>
#include <contig/of.h>
#include <contig/string.h>

#define FDT_MAGIC_VALUE 0xd00dfeedU
#define FDT_TAG_BEGIN_NODE 0x1
#define FDT_TAG_END_NODE 0x2
#define FDT_TAG_PROP 0x3
#define FDT_TAG_NOP 0x4
#define FDT_TAG_END 0x9
#define FDT_HDR_V17 40U /* header size of version 17 */
#define FDT_HDR_V16 36U
/* Linux's unflattening stops at this depth too (FDT_MAX_DEPTH). */
#define FDT_CHECK_MAX_DEPTH 64

static u32 be32_at(const void *fdt, u64 off)
{
	const u8 *p = (const u8 *)fdt + off;

	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

__printf(3, 4) static int bad(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (msg && len) {
		va_start(ap, fmt);
		vsnprintf(msg, len, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* The NUL-terminated string at [@off, @end), or NULL when it runs past @end. */
static const char *str_in(const void *fdt, u64 off, u64 end)
{
	const char *s = (const char *)fdt + off;

	if (off >= end || !memchr(s, '\0', (size_t)(end - off)))
		return NULL;
	return s;
}

/*
 * /memreserve/: 16-byte (address, size) entries up to a 0, 0 entry. Checked
 * after the structure block, so that a defect here (where->tag = -1) means
 * the structure block is sound.
 */
static int check_rsvmap(const void *fdt, u64 off, u64 total, char *msg, size_t len,
			struct of_fdt_defect *where)
{
	for (;; off += 16) {
		if (total - off < 16) {
			if (where)
				where->tag = -1;
			return bad(msg, len, "offset 0x%llx: the memory reservation block has no terminating 0 0 entry before totalsize",
				   (unsigned long long)off);
		}
		if (!be32_at(fdt, off) && !be32_at(fdt, off + 4) && !be32_at(fdt, off + 8) &&
		    !be32_at(fdt, off + 12))
			return 0;
	}
}

/**
 * of_fdt_validate - check that a DTB can be walked safely
 * @fdt: the blob
 * @size: bytes readable at @fdt; 0 when unknown (the header's totalsize is
 *        then trusted, after its other checks)
 * @msg: receives one sentence naming the offset and what is wrong (may be
 *       NULL)
 * @len: size of @msg
 * @where: if not NULL, where the first defect is: the structure-block
 *         offset of the first bad tag (the part before it is sound), or -1
 *         when the header is bad or the reservation block is (the
 *         structure block is sound then); and the bad
 *         tag's length when its extent is sound (a property whose only
 *         defect is its name), else 0
 *
 * Checks the header (magic, version, block offsets and sizes inside the
 * blob), the /memreserve/ entries, and every tag of the structure block:
 * node names and property values inside the block, property names inside
 * the strings block, nodes properly nested (at most 64 deep), one root, an
 * FDT_END at the end. It reads every byte at most a few times and always
 * moves forward, so it ends on any input.
 *
 * Return: 0, or -EINVAL with @msg filled in.
 */
int of_fdt_validate(const void *fdt, size_t size, char *msg, size_t len,
		    struct of_fdt_defect *where)
{
	u64 total, off_struct, off_strings, off_rsv, size_struct, size_strings;
	u64 off, end, send, hdr;
	u32 version, last_comp;
	const char *names[FDT_CHECK_MAX_DEPTH];
	int depth = 0;
	bool root_done = false;

	if (where) {
		where->tag = -1;
		where->len = 0;
	}
	if (!fdt)
		return bad(msg, len, "no device tree blob");
	if (size && size < FDT_HDR_V16)
		return bad(msg, len, "the blob has %zu bytes, less than a DTB header (%u)", size,
			   FDT_HDR_V16);
	if (be32_at(fdt, 0) != FDT_MAGIC_VALUE)
		return bad(msg, len, "offset 0x0: magic is 0x%08x, not 0x%08x: this is not a DTB",
			   be32_at(fdt, 0), FDT_MAGIC_VALUE);
	total = be32_at(fdt, 4);
	off_struct = be32_at(fdt, 8);
	off_strings = be32_at(fdt, 12);
	off_rsv = be32_at(fdt, 16);
	version = be32_at(fdt, 20);
	last_comp = be32_at(fdt, 24);
	size_strings = be32_at(fdt, 32);
	if (version < 16 || last_comp > 17)
		return bad(msg, len, "offset 0x14: version %u (compatible with %u) is not 16 or 17, the versions libfdt reads",
			   version, last_comp);
	if (total < (version >= 17 ? FDT_HDR_V17 : FDT_HDR_V16))
		return bad(msg, len, "offset 0x4: totalsize %llu is smaller than the header",
			   (unsigned long long)total);
	if (size && total > size)
		return bad(msg, len, "offset 0x4: totalsize %llu is more than the %zu bytes of the blob (truncated?)",
			   (unsigned long long)total, size);
	size_struct = version >= 17 ? be32_at(fdt, 36) : total - min(total, off_struct);
	hdr = version >= 17 ? FDT_HDR_V17 : FDT_HDR_V16;
	if (off_struct < hdr || off_strings < hdr)
		return bad(msg, len, "offset 0x%x: the %s block at 0x%llx overlaps the header",
			   off_struct < hdr ? 8 : 12, off_struct < hdr ? "structure" : "strings",
			   (unsigned long long)(off_struct < hdr ? off_struct : off_strings));
	if (off_struct > total || size_struct > total - off_struct)
		return bad(msg, len, "offset 0x8: the structure block (0x%llx, %llu bytes) runs past totalsize %llu",
			   (unsigned long long)off_struct, (unsigned long long)size_struct,
			   (unsigned long long)total);
	if (off_strings > total || size_strings > total - off_strings)
		return bad(msg, len, "offset 0xc: the strings block (0x%llx, %llu bytes) runs past totalsize %llu",
			   (unsigned long long)off_strings, (unsigned long long)size_strings,
			   (unsigned long long)total);
	if (off_rsv < hdr || off_rsv > total || off_rsv % 8)
		return bad(msg, len, "offset 0x10: the memory reservation block at 0x%llx is misplaced or misaligned",
			   (unsigned long long)off_rsv);
	if (off_struct % 4)
		return bad(msg, len, "offset 0x8: the structure block at 0x%llx is not 4-byte aligned",
			   (unsigned long long)off_struct);

	end = off_struct + size_struct;
	send = off_strings + size_strings;
	for (off = off_struct;;) {
		u64 tag_off = off;
		u32 tag;

		if (where)
			where->tag = (long)(tag_off - off_struct);
		if (end - off < 4)
			return bad(msg, len, "offset 0x%llx: the structure block ends without FDT_END",
				   (unsigned long long)off);
		tag = be32_at(fdt, off);
		off += 4;
		switch (tag) {
		case FDT_TAG_BEGIN_NODE: {
			const char *name = str_in(fdt, off, end);

			if (!name)
				return bad(msg, len, "offset 0x%llx: node name runs past the end of the structure block",
					   (unsigned long long)tag_off);
			if (root_done)
				return bad(msg, len, "offset 0x%llx: node \"%.40s\" after the end of the root node",
					   (unsigned long long)tag_off, name);
			if (!depth && *name)
				return bad(msg, len, "offset 0x%llx: the root node has the name \"%.40s\"; it must have none",
					   (unsigned long long)tag_off, name);
			if (depth == FDT_CHECK_MAX_DEPTH)
				return bad(msg, len, "offset 0x%llx: node \"%.40s\" is nested more than %d deep",
					   (unsigned long long)tag_off, name, FDT_CHECK_MAX_DEPTH);
			names[depth] = depth || *name ? name : "/";
			depth++;
			off = ALIGN(off + strlen(name) + 1, 4);
			break;
		}
		case FDT_TAG_END_NODE:
			if (!depth)
				return bad(msg, len, "offset 0x%llx: FDT_END_NODE without a node to end",
					   (unsigned long long)tag_off);
			if (!--depth)
				root_done = true;
			break;
		case FDT_TAG_PROP: {
			u64 plen, nameoff;

			if (end - off < 8)
				return bad(msg, len, "offset 0x%llx: property header runs past the end of the structure block",
					   (unsigned long long)tag_off);
			plen = be32_at(fdt, off);
			nameoff = be32_at(fdt, off + 4);
			off += 8;
			if (!depth || root_done)
				return bad(msg, len, "offset 0x%llx: property outside any node",
					   (unsigned long long)tag_off);
			if (plen > end - off)
				return bad(msg, len, "offset 0x%llx: property in node \"%.40s\" has length 0x%llx, past the end of the structure block (0x%llx bytes left)",
					   (unsigned long long)tag_off, names[depth - 1],
					   (unsigned long long)plen, (unsigned long long)(end - off));
			if (nameoff >= size_strings || !str_in(fdt, off_strings + nameoff, send)) {
				if (where)
					where->len = (long)(ALIGN(off + plen, 4) - tag_off);
				return bad(msg, len, "offset 0x%llx: property in node \"%.40s\" has name offset 0x%llx, outside the strings block (%llu bytes)",
					   (unsigned long long)tag_off, names[depth - 1],
					   (unsigned long long)nameoff, (unsigned long long)size_strings);
			}
			off = ALIGN(off + plen, 4);
			break;
		}
		case FDT_TAG_NOP:
			break;
		case FDT_TAG_END:
			if (depth || !root_done)
				return bad(msg, len, "offset 0x%llx: FDT_END with %d node(s) still open",
					   (unsigned long long)tag_off, depth);
			if (where)
				where->tag = (long)(off - off_struct);
			return check_rsvmap(fdt, off_rsv, total, msg, len, where);
		default:
			return bad(msg, len, "offset 0x%llx: unknown tag 0x%08x%s%.40s%s",
				   (unsigned long long)tag_off, tag, depth ? " in node \"" : "",
				   depth ? names[depth - 1] : "", depth ? "\"" : "");
		}
		/* A tag that fails to move forward would be a bug here: never loop. */
		if (off <= tag_off || off > end)
			return bad(msg, len, "offset 0x%llx: tag 0x%x runs past the end of the structure block",
				   (unsigned long long)tag_off, tag);
	}
}

/**
 * of_fdt_salvage - make a corrupt DTB safe for libfdt to read, in place
 * @fdt: the blob, writable; of_fdt_validate() refused it
 *
 * A property whose only defect is its name is overwritten with FDT_NOP
 * tags (libfdt skips them); at any other defect in the structure block
 * the header's size_dt_struct is cut to the bad tag, which libfdt checks
 * every tag against, so its walks end there. What comes before the first
 * defect stays readable (a console node, /chosen).
 *
 * Return: 0 when the blob is sound now (only names were bad), 1 when the
 * structure block was cut, -EINVAL when the defect is in the header or
 * the reservation block, or the blob is older than version 17 (nothing
 * is changed then).
 */
int of_fdt_salvage(void *fdt)
{
	struct of_fdt_defect d;
	int i;

	if (!fdt || be32_at(fdt, 0) != FDT_MAGIC_VALUE || be32_at(fdt, 20) < 17)
		return -EINVAL;
	/* Each pass removes one bad property; the walk is bounded anyway. */
	for (i = 0; i < 1024; i++) {
		u8 *tag;
		long off;

		if (!of_fdt_validate(fdt, 0, NULL, 0, &d))
			return 0;
		if (d.tag < 0)
			return -EINVAL;
		tag = (u8 *)fdt + be32_at(fdt, 8) + d.tag;
		if (!d.len)
			break;
		for (off = 0; off < d.len; off += 4) {
			tag[off] = tag[off + 1] = tag[off + 2] = 0;
			tag[off + 3] = FDT_TAG_NOP;
		}
	}
	/* size_dt_struct, big-endian, at offset 36 of a version 17 header. */
	((u8 *)fdt)[36] = (u8)(d.tag >> 24);
	((u8 *)fdt)[37] = (u8)(d.tag >> 16);
	((u8 *)fdt)[38] = (u8)(d.tag >> 8);
	((u8 *)fdt)[39] = (u8)d.tag;
	return 1;
}
