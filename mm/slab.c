// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmalloc: a small-object allocator on top of the buddy.
 *
 * Power-of-two size classes from 16 bytes to PAGE_SIZE/2. Each class owns
 * order-0 slab pages (unmovable allocations, PG_slab, page->private ->
 * the class). Slot 0 of every slab page holds its header (free list and
 * in-use count); objects are the other slots, so every object is aligned
 * to its class size. Pages with free objects sit on the class's partial
 * list; a page that becomes empty is returned to the buddy unless it is
 * the class's only partial page. One spinlock per class.
 *
 * Larger requests take whole pages: PG_head with the order in the flags
 * (order 0 included), so kfree() can tell them apart.
 *
 * Under CONFIG_DEBUG_MM a free object carries a marker in its second word;
 * kfree() of an object that has the marker and is on its page's free list
 * is a double free and panics.
 */
#define pr_fmt(fmt) "slab: " fmt

#include <contig/kernel.h>
#include <contig/mm.h>
#include <contig/slab.h>
#include <contig/spinlock.h>
#include <contig/string.h>
#include <contig/atomic.h>

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT (PAGE_SHIFT - 1)
#define NR_KMALLOC_CLASSES (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)
#define SLAB_FREE_MARKER ((unsigned long)0x5ab5f7eedeadbeefULL)

struct slab_header {
	void *freelist;
	unsigned long inuse;
};

struct kmalloc_class {
	spinlock_t lock;
	unsigned int size;
	unsigned int objs_per_page; /* excluding the header slot */
	struct list_head partial;
	unsigned long nr_partial;
};

_Static_assert(sizeof(struct slab_header) <= (1u << KMALLOC_MIN_SHIFT),
	       "slab header must fit in the smallest slot");

static struct kmalloc_class classes[NR_KMALLOC_CLASSES];
static atomic_long_t nr_objects, nr_pages;

/**
 * kmalloc_init - set up the size classes (called by mm_core_init())
 */
void kmalloc_init(void)
{
	unsigned int i;

	for (i = 0; i < NR_KMALLOC_CLASSES; i++) {
		struct kmalloc_class *c = &classes[i];

		spin_lock_init(&c->lock, "kmalloc class");
		c->size = 1u << (i + KMALLOC_MIN_SHIFT);
		c->objs_per_page = PAGE_SIZE / c->size - 1;
		INIT_LIST_HEAD(&c->partial);
		c->nr_partial = 0;
	}
}

static unsigned int size_to_class(size_t size)
{
	unsigned int shift = KMALLOC_MIN_SHIFT;

	while ((1UL << shift) < size)
		shift++;
	return shift - KMALLOC_MIN_SHIFT;
}

static inline struct slab_header *slab_hdr(struct page *page)
{
	return page_address(page);
}

static inline void mark_free(void *obj)
{
	if (IS_ENABLED(CONFIG_DEBUG_MM))
		((unsigned long *)obj)[1] = SLAB_FREE_MARKER;
}

/* A new slab page with every object on its free list, or NULL. */
static struct page *new_slab(struct kmalloc_class *c)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	struct slab_header *h;
	char *base;
	unsigned int i;

	if (!page)
		return NULL;
	SetPageSlab(page);
	page->private = (unsigned long)c;
	INIT_LIST_HEAD(&page->lru);
	base = page_address(page);
	h = (struct slab_header *)base;
	h->inuse = 0;
	h->freelist = NULL;
	for (i = c->objs_per_page; i >= 1; i--) {
		void *obj = base + (size_t)i * c->size;

		*(void **)obj = h->freelist;
		mark_free(obj);
		h->freelist = obj;
	}
	atomic_long_inc(&nr_pages);
	return page;
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = 0;
	struct page *page;

	/* Checked first: PAGE_SIZE << order wraps to 0 for a size near SIZE_MAX. */
	if (size > (PAGE_SIZE << (MAX_ORDER - 1)))
		return NULL;
	while ((PAGE_SIZE << order) < size)
		order++;
	page = alloc_pages((gfp & (__GFP_ZERO | __GFP_NOWARN)), order);
	if (!page)
		return NULL;
	if (!order) {
		SetPageHead(page);
		set_page_order(page, 0);
	}
	atomic_long_inc(&nr_objects);
	atomic_long_add(1L << order, &nr_pages);
	return page_address(page);
}

/**
 * kmalloc - allocate a kernel object
 * @size: bytes (0 gives the smallest object)
 * @gfp: GFP_KERNEL, optionally with __GFP_ZERO / __GFP_NOWARN
 * Return: memory aligned to its size class (page aligned above
 * PAGE_SIZE/2), or NULL when out of memory.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	struct kmalloc_class *c;
	struct slab_header *h;
	struct page *page;
	void *obj;

	if (size > PAGE_SIZE / 2)
		return kmalloc_large(size, gfp);
	c = &classes[size_to_class(size)];
	spin_lock(&c->lock);
	if (list_empty(&c->partial)) {
		spin_unlock(&c->lock);
		page = new_slab(c);
		if (!page) {
			if (!(gfp & __GFP_NOWARN))
				pr_warn("out of memory for a %u-byte object\n", c->size);
			return NULL;
		}
		spin_lock(&c->lock);
		list_add(&page->lru, &c->partial);
		c->nr_partial++;
	}
	page = list_first_entry(&c->partial, struct page, lru);
	h = slab_hdr(page);
	obj = h->freelist;
	h->freelist = *(void **)obj;
	h->inuse++;
	if (!h->freelist) {
		list_del_init(&page->lru);
		c->nr_partial--;
	}
	spin_unlock(&c->lock);
	if (IS_ENABLED(CONFIG_DEBUG_MM))
		((unsigned long *)obj)[1] = 0;
	atomic_long_inc(&nr_objects);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->size);
	return obj;
}

/**
 * kzalloc - kmalloc() that zeroes
 * @size: bytes
 * @gfp: allocation flags
 * Return: zeroed memory, or NULL.
 */
void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/**
 * kcalloc - zeroed array of @n elements of @size bytes
 * @n: element count
 * @size: element size
 * @gfp: allocation flags
 * Return: zeroed memory, or NULL (also when @n * @size overflows).
 */
void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

/**
 * kstrdup - copy a string into kmalloc memory
 * @s: the string (NULL gives NULL)
 * @gfp: allocation flags
 * Return: the copy, or NULL.
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	p = kmalloc(len, gfp);
	if (p)
		memcpy(p, s, len);
	return p;
}

static __noreturn void bad_kfree(const void *ptr, const char *why)
{
	panic("slab: kfree(%p): %s", ptr, why);
}

static bool on_freelist(const struct slab_header *h, const void *obj, unsigned int max)
{
	const void *p = h->freelist;
	unsigned int n = 0;

	while (p && n++ <= max) {
		if (p == obj)
			return true;
		p = *(void *const *)p;
	}
	return false;
}

/**
 * kfree - free memory from kmalloc()
 * @ptr: the pointer kmalloc() returned, or NULL (ignored)
 * Panics, naming @ptr, when it is not something kmalloc() returned or was
 * already freed (a kernel bug).
 */
void kfree(const void *ptr)
{
	struct kmalloc_class *c;
	struct slab_header *h;
	struct page *page;
	unsigned long off;
	void *obj = (void *)ptr;

	if (!ptr)
		return;
	page = virt_to_page(ptr);
	if (!PageSlab(page)) {
		unsigned int order;

		if (!PageHead(page) || PageBuddy(page) || PagePcp(page) || PageReserved(page))
			bad_kfree(ptr, "not memory from kmalloc (no slab or kmalloc page)");
		if ((unsigned long)ptr & (PAGE_SIZE - 1))
			bad_kfree(ptr, "not the start of a kmalloc page");
		order = page_order(page);
		if (!order)
			ClearPageHead(page);
		atomic_long_dec(&nr_objects);
		atomic_long_sub(1L << order, &nr_pages);
		__free_pages(page, order);
		return;
	}
	c = (struct kmalloc_class *)page->private;
	if (c < classes || c >= classes + NR_KMALLOC_CLASSES)
		bad_kfree(ptr, "slab page has no size class");
	off = (unsigned long)ptr & (PAGE_SIZE - 1);
	if (!off || off % c->size)
		bad_kfree(ptr, "not aligned to an object of its size class");
	h = slab_hdr(page);
	spin_lock(&c->lock);
	if (IS_ENABLED(CONFIG_DEBUG_MM) && ((unsigned long *)obj)[1] == SLAB_FREE_MARKER &&
	    on_freelist(h, obj, c->objs_per_page)) {
		spin_unlock(&c->lock);
		bad_kfree(ptr, "double free");
	}
	*(void **)obj = h->freelist;
	mark_free(obj);
	h->freelist = obj;
	h->inuse--;
	if (list_empty(&page->lru)) {
		list_add(&page->lru, &c->partial);
		c->nr_partial++;
	}
	if (!h->inuse && c->nr_partial > 1) {
		list_del_init(&page->lru);
		c->nr_partial--;
		spin_unlock(&c->lock);
		ClearPageSlab(page);
		page->private = 0;
		atomic_long_dec(&nr_pages);
		atomic_long_dec(&nr_objects);
		__free_pages(page, 0);
		return;
	}
	spin_unlock(&c->lock);
	atomic_long_dec(&nr_objects);
}

/**
 * kmalloc_stats - objects and pages in use by kmalloc
 * @objects: out, live allocations (small objects and large blocks)
 * @pages: out, pages held (slab pages and large blocks)
 */
void kmalloc_stats(unsigned long *objects, unsigned long *pages)
{
	if (objects)
		*objects = (unsigned long)atomic_long_read(&nr_objects);
	if (pages)
		*pages = (unsigned long)atomic_long_read(&nr_pages);
}
