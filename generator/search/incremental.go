package search

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// Incremental builds the index again and again from documents that mostly
// stay the same, as the preview server does on every save. Between calls it
// keeps the postings of every term, each term's postings as written, each
// page's entry as written and the sorted list of terms; a call only does
// again the work of the documents that are not the same *Analyzed as in the
// call before, of their terms, and of the postings whose numbers moved
// because documents before them changed their number of sections or came
// and went. What it keeps between calls is some five times the size of the
// index, besides the analyses themselves.
//
// Its result is always the bytes that a Builder fed the same documents and
// options returns. It only reads the documents' analyses: an *Analyzed must
// not change once made, and may be shared with other builds. An Incremental
// is for one goroutine at a time. The zero value is ready to use.
type Incremental struct {
	items []item                      // the docs, then the glossary entries, of the last call
	docs  map[*Analyzed]*docState     // the state of each document and glossary entry of items
	gloss map[GlossaryEntry]*Analyzed // the analysis of each glossary entry of items

	ids   map[string]int32 // term → ID, for the terms of the documents of docs
	terms []termState      // by ID
	free  []int32          // IDs of no term, to use again
	order []int32          // the IDs of the terms of the index, in compareUTF16 order
	// list is the terms of order as "t" holds them, each followed by a
	// space, without the quotes; width holds the length each takes.
	list  []byte
	width []int32

	// budget is the most that diff patches, or 0 for its choice: tests
	// set it to patch always, or never.
	budget int

	// Scratch space, kept between calls.
	next    []*docState
	edits   []edit
	touched []int32 // IDs of the terms of the documents an edit takes out or puts in
	adds    []adds  // by index in touched
	dirty   []int32 // IDs of terms whose postings change
	born    []int32 // IDs of terms that enter the index
	gone    []int32 // IDs of terms that leave the index
	moves   []move
	order2  []int32 // the next order, list and width
	list2   []byte
	width2  []int32
	drop    []*docState
	buf     []byte
}

// item is a document or glossary entry at its place in the index.
type item struct {
	doc *docState
	sec int32 // its first section in the index
}

// docState is what an Incremental holds for one *Analyzed.
type docState struct {
	a    *Analyzed
	ids  []int32 // the IDs of a.terms
	uses int32   // how many items it is
}

// termState is a term of the documents of an Incremental.
type termState struct {
	name string
	// sections and pages are the term's postings, as a Builder's, and enc
	// them written as in "i", quotes included; the sections are the
	// secLen bytes after the first quote.
	sections, pages []int32
	enc             []byte
	secLen          int32
	refs            int32 // how many docStates have it
	// add is, while Incremental.touched holds the term, its index there
	// and in Incremental.adds.
	add int32
	// present is whether order holds the term; dirty whether
	// Incremental.dirty does; stale whether enc is to be written from
	// scratch.
	present, dirty, stale bool
}

// adds are the postings that an edit puts in for a term.
type adds struct{ sections, pages []int32 }

// move is a term that enters the index before the term at position at of
// order, or leaves it from there.
type move struct {
	at    int
	id    int32
	enter bool
}

// namedID is a term's ID with its name, to sort.
type namedID struct {
	name string
	id   int32
}

// edit replaces the items at positions from to to of the last call with
// the documents docs.
type edit struct {
	from, to int
	docs     []*docState
}

// NewIncremental returns an Incremental with nothing to reuse yet.
func NewIncremental() *Incremental { return &Incremental{} }

// Index returns the bytes of search-index.js for docs, in order, then opts'
// glossary entries: byte for byte what a Builder returns when it is given
// docs in order with Add and then opts with Index. It reuses the work of the
// previous call for every document that is the same *Analyzed as then, and
// for every glossary entry that is equal to one of then. docs must not hold
// nil. The result belongs to the caller.
func (x *Incremental) Index(docs []*Analyzed, opts Options) []byte {
	if x.docs == nil {
		x.docs = map[*Analyzed]*docState{}
		x.ids = map[string]int32{}
	}
	next := x.next[:0]
	for _, a := range docs {
		if a == nil {
			panic("search: Incremental.Index of a nil *Analyzed")
		}
		next = append(next, x.state(a))
	}
	gloss := make(map[GlossaryEntry]*Analyzed, len(opts.Glossary))
	var z Analyzer // for the entries new since the last call
	for _, g := range opts.Glossary {
		a := x.gloss[g]
		if a == nil {
			a = gloss[g] // the same entry twice
		}
		if a == nil {
			a = z.glossary(g)
		}
		gloss[g] = a
		next = append(next, x.state(a))
	}
	x.gloss = gloss

	edits, ok := x.diff(next)
	if ok {
		// From the last edit back, so that the positions and sections of
		// the items before an edit stay those of the last call.
		for i := len(edits) - 1; i >= 0; i-- {
			x.apply(edits[i])
		}
	} else {
		x.rebuild(next)
	}
	clear(edits)
	x.edits = edits[:0]
	x.items = slices.Grow(x.items[:0], len(next))[:len(next)]
	for i, d := range next {
		x.items[i].doc = d
	}
	x.number()
	x.update()

	// Let go of the documents that left, and of the terms only they had.
	for _, d := range x.drop {
		if d.uses == 0 && x.docs[d.a] == d {
			x.release(d)
		}
	}
	clear(x.drop)
	x.drop = x.drop[:0]
	clear(next)
	x.next = next[:0]
	return x.write(len(docs))
}

// state returns the docState of a, made and counted in the terms' refs if
// a is new.
func (x *Incremental) state(a *Analyzed) *docState {
	if d := x.docs[a]; d != nil {
		return d
	}
	d := &docState{a: a, ids: make([]int32, len(a.terms))}
	for k, name := range a.terms {
		id, ok := x.ids[name]
		if !ok {
			if n := len(x.free); n > 0 {
				id = x.free[n-1]
				x.free = x.free[:n-1]
			} else {
				id = int32(len(x.terms))
				x.terms = append(x.terms, termState{})
			}
			t := &x.terms[id]
			t.name = name
			t.add = -1
			t.enc = append(t.enc[:0], '"', '"')
			x.ids[name] = id
		}
		x.terms[id].refs++
		d.ids[k] = id
	}
	x.docs[a] = d
	return d
}

// release forgets d, which no item is, and the terms no other document
// has.
func (x *Incremental) release(d *docState) {
	delete(x.docs, d.a)
	for _, id := range d.ids {
		t := &x.terms[id]
		if t.refs--; t.refs == 0 {
			delete(x.ids, t.name)
			*t = termState{add: -1}
			x.free = append(x.free, id)
		}
	}
}

// diff returns the edits that make the items of the last call into next,
// or false when building everything again is quicker. An edit costs about
// the postings of its documents' terms; one that changes the number of
// sections or pages costs a pass over every term after it, some ten times
// more for a typical page.
func (x *Incremental) diff(next []*docState) ([]edit, bool) {
	const shiftCost = 10
	old := x.items
	budget := x.budget
	if budget == 0 {
		budget = 8 + len(next)/32
	}
	edits := x.edits[:0]
	if len(old) == len(next) {
		cost := 0
		for i, d := range next {
			if old[i].doc == d {
				continue
			}
			cost++
			if d.a.sections != old[i].doc.a.sections {
				cost += shiftCost
			}
			if cost > budget {
				return edits, false
			}
			edits = append(edits, edit{i, i + 1, next[i : i+1]})
		}
		return edits, true
	}
	p := 0
	for p < len(old) && p < len(next) && old[p].doc == next[p] {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(next)-p && old[len(old)-1-s].doc == next[len(next)-1-s] {
		s++
	}
	if shiftCost+len(old)-s-p+len(next)-s-p > budget {
		return edits, false
	}
	return append(edits, edit{p, len(old) - s, next[p : len(next)-s]}), true
}

// apply makes edit e to the postings: the postings of the items it
// replaces make way for those of its documents, and the postings after
// them move by the difference in sections and pages. The positions and
// sections of x.items are still those of the last call.
func (x *Incremental) apply(e edit) {
	secFrom, secTo := x.sectionAt(e.from), x.sectionAt(e.to)
	sec := secFrom
	for j, d := range e.docs {
		page := int32(e.from + j)
		for k, id := range d.ids {
			add := &x.adds[x.touch(id)]
			add.sections, add.pages = d.a.appendPostings(k, page, sec, add.sections, add.pages)
		}
		d.uses++
		sec += d.a.sections
	}
	for _, it := range x.items[e.from:e.to] {
		for _, id := range it.doc.ids {
			x.touch(id)
		}
		it.doc.uses--
		x.drop = append(x.drop, it.doc)
	}
	secShift := (sec - secTo) << 2 // sec is where the next item starts now
	pageShift := int32(len(e.docs)-(e.to-e.from)) << 1
	for i, id := range x.touched {
		t, add := &x.terms[id], &x.adds[i]
		x.spliceSections(t, secFrom<<2, secTo<<2, add.sections, secShift)
		x.splicePages(t, int32(e.from)<<1, int32(e.to)<<1, add.pages, pageShift)
		add.sections, add.pages = add.sections[:0], add.pages[:0]
		x.mark(id)
	}
	if secShift != 0 || pageShift != 0 {
		// The postings of the other terms after the edit move: those of
		// terms of the index, and of terms that an edit after this one
		// brought in.
		for id := range x.terms {
			t := &x.terms[id]
			if t.add >= 0 {
				continue
			}
			if n := len(t.sections); secShift != 0 && n > 0 && t.sections[n-1] >= secTo<<2 {
				x.spliceSections(t, secTo<<2, secTo<<2, nil, secShift)
				x.mark(int32(id))
			}
			if n := len(t.pages); pageShift != 0 && n > 0 && t.pages[n-1] >= int32(e.to)<<1 {
				x.splicePages(t, int32(e.to)<<1, int32(e.to)<<1, nil, pageShift)
				x.mark(int32(id))
			}
		}
	}
	for _, id := range x.touched {
		x.terms[id].add = -1
	}
	x.touched = x.touched[:0]
}

// sectionAt returns the first section of the item at position i of the last
// call, or the number of their sections for the position after the last.
func (x *Incremental) sectionAt(i int) int32 {
	if i < len(x.items) {
		return x.items[i].sec
	}
	if i == 0 {
		return 0
	}
	last := x.items[i-1]
	return last.sec + last.doc.a.sections
}

// spliceSections replaces the section postings of t from from up to to
// with add, and moves those after by by.
func (x *Incremental) spliceSections(t *termState, from, to int32, add []int32, by int32) {
	n := len(t.enc)
	t.sections, t.enc = x.splice(t.sections, t.enc, 1, 1+int(t.secLen), from, to, add, by, 2)
	t.secLen += int32(len(t.enc) - n)
}

// splicePages replaces the page postings of t from from up to to with add,
// and moves those after by by.
func (x *Incremental) splicePages(t *termState, from, to int32, add []int32, by int32) {
	dot := 1 + int(t.secLen) // where the "." before the pages is, if there are pages
	if len(t.pages) == 0 {
		t.enc = slices.Insert(t.enc, dot, '.')
	}
	t.pages, t.enc = x.splice(t.pages, t.enc, dot+1, len(t.enc)-1, from, to, add, by, 1)
	if len(t.pages) == 0 {
		t.enc = slices.Delete(t.enc, dot, dot+1)
	}
}

// splice replaces the postings of list from from up to to with add, and
// moves those after by by. enc[start:end] is the writing of list; splice
// returns the new list, and enc with the writing of the new list in its
// place. shift is 2 for a list of sections and 1 for one of pages.
func (x *Incremental) splice(list []int32, enc []byte, start, end int, from, to int32, add []int32, by int32, shift uint) ([]int32, []byte) {
	lo, _ := slices.BinarySearch(list, from)
	hi := lo
	if to > from {
		i, _ := slices.BinarySearch(list[lo:], to)
		hi += i
	}
	n := len(list)
	list = slices.Replace(list, lo, hi, add...)
	if by != 0 {
		for i := lo + len(add); i < len(list); i++ {
			list[i] += by
		}
	}
	// The writing of the postings before lo stays; so does that of the
	// postings after the first after the new ones, whose gaps are the
	// same. Write the new ones and the first after them, in place of the
	// old ones and the first after those.
	start = numberStart(enc, start, end, n, lo)
	if hi < n {
		end = skipNumbers(enc, start, hi+1-lo)
	}
	prev := int32(-1)
	if lo > 0 {
		prev = list[lo-1] >> shift
	}
	x.buf = appendGaps(x.buf[:0], prev, list[lo:min(lo+len(add)+1, len(list))], shift)
	return list, slices.Replace(enc, start, end, x.buf...)
}

// numberStart returns the offset in enc of number i of the n numbers that
// enc[start:end] holds, as appendNumber writes them. It reads from the end
// nearer to number i.
func numberStart(enc []byte, start, end, n, i int) int {
	if i <= n/2 {
		return skipNumbers(enc, start, i)
	}
	// After the last digit of number i-1, the (n-i+1)th last digit from
	// the end.
	k := n - i + 1
	for end-8 >= start {
		last := lastDigits(binary.LittleEndian.Uint64(enc[end-8:]))
		c := bits.OnesCount64(last)
		if c >= k {
			// The kth of them from the high end of the word.
			for ; k > 1; k-- {
				last &^= 1 << (63 - bits.LeadingZeros64(last))
			}
			return end - 8 + (63-bits.LeadingZeros64(last))/8 + 1
		}
		k -= c
		end -= 8
	}
	for {
		end--
		if lastDigit[enc[end]] {
			if k--; k == 0 {
				return end + 1
			}
		}
	}
}

// skipNumbers returns the offset in enc, a list of numbers as appendNumber
// writes them, of the end of the next n numbers from offset i. It reads
// eight bytes at a time, which may be past the numbers: the nth number ends
// before any of those bytes.
func skipNumbers(enc []byte, i, n int) int {
	if n == 0 {
		return i
	}
	for i+8 <= len(enc) {
		last := lastDigits(binary.LittleEndian.Uint64(enc[i:]))
		c := bits.OnesCount64(last)
		if c >= n {
			// The nth of them from the low end of the word.
			for ; n > 1; n-- {
				last &= last - 1
			}
			return i + bits.TrailingZeros64(last)/8 + 1
		}
		n -= c
		i += 8
	}
	for ; n > 0; i++ {
		if lastDigit[enc[i]] {
			n--
		}
	}
	return i
}

// lastDigit tells the digits of alphabet that end a number. It is a lookup
// table: filled once, then only read.
var lastDigit = func() (last [256]bool) {
	for _, c := range []byte(alphabet[:32]) {
		last[c] = true
	}
	return last
}()

// lastDigits returns the top bit of each byte of w that is at most 'V' but
// not '-': of the bytes of a writing of numbers, the digits that end a
// number. The bytes of w are all below 0x80.
func lastDigits(w uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
		low  = 0x7f * ones
	)
	upToV := (0xd6*ones - w) & high // the byte is at most 'V' (0x56)
	y := w ^ ('-' * ones)
	dash := ^((y&low + low) | y | low) // the top bit of each byte of w that is '-'
	return upToV &^ dash
}

// touch notes that an edit changes the postings of term id, and returns
// its index in x.touched and x.adds.
func (x *Incremental) touch(id int32) int32 {
	t := &x.terms[id]
	if t.add < 0 {
		t.add = int32(len(x.touched))
		x.touched = append(x.touched, id)
		if len(x.adds) < len(x.touched) {
			x.adds = append(x.adds, adds{})
		}
	}
	return t.add
}

// mark notes that the postings of term id are to be written again.
func (x *Incremental) mark(id int32) {
	if t := &x.terms[id]; !t.dirty {
		t.dirty = true
		x.dirty = append(x.dirty, id)
	}
}

// rebuild makes the postings of every term again from the documents of
// next.
func (x *Incremental) rebuild(next []*docState) {
	for _, it := range x.items {
		it.doc.uses--
		x.drop = append(x.drop, it.doc)
	}
	for id := range x.terms {
		t := &x.terms[id]
		t.sections, t.pages = t.sections[:0], t.pages[:0]
		t.enc, t.secLen = append(t.enc[:0], '"', '"'), 0
		if t.present {
			x.mark(int32(id))
		}
	}
	sec := int32(0)
	for i, d := range next {
		d.uses++
		page := int32(i)
		for k, id := range d.ids {
			t := &x.terms[id]
			t.sections, t.pages = d.a.appendPostings(k, page, sec, t.sections, t.pages)
			x.mark(id)
		}
		sec += d.a.sections
	}
	for _, id := range x.dirty {
		x.terms[id].stale = true
	}
}

// number gives each item its first section.
func (x *Incremental) number() {
	sec := int32(0)
	for i := range x.items {
		it := &x.items[i]
		it.sec = sec
		sec += it.doc.a.sections
	}
}

// update writes again the postings of the terms that changed, and
// updates the sorted list of terms.
func (x *Incremental) update() {
	born, gone := x.born[:0], x.gone[:0]
	for _, id := range x.dirty {
		t := &x.terms[id]
		t.dirty = false
		if now := len(t.sections)+len(t.pages) > 0; now != t.present {
			t.present = now
			if now {
				born = append(born, id)
			} else {
				gone = append(gone, id)
			}
		}
		if t.stale {
			var secLen int
			t.enc, secLen = appendEntry(t.enc[:0], t.sections, t.pages)
			t.secLen = int32(secLen)
			t.stale = false
		}
	}
	x.dirty = x.dirty[:0]
	if len(born) > 0 || len(gone) > 0 {
		x.reorder(born, gone)
	}
	x.born, x.gone = born[:0], gone[:0]
}

// reorder takes the terms of gone out of order and puts those of born in,
// and list and width with them. Few terms come and go on most calls: it
// finds their places by binary search and copies the runs between them.
func (x *Incremental) reorder(born, gone []int32) {
	byName := func(a, b int32) int { return compareUTF16(x.terms[a].name, x.terms[b].name) }
	if len(born) < 64 {
		slices.SortFunc(born, byName)
	} else {
		// Sorting by the names themselves reads less memory.
		named := make([]namedID, len(born))
		for i, id := range born {
			named[i] = namedID{x.terms[id].name, id}
		}
		slices.SortFunc(named, func(a, b namedID) int { return compareUTF16(a.name, b.name) })
		for i, n := range named {
			born[i] = n.id
		}
	}
	moves := x.moves[:0]
	order := x.order
	// Gone terms still have their names, and are in order.
	if len(gone)*16 < len(order) {
		for _, id := range gone {
			at, _ := slices.BinarySearchFunc(order, id, byName)
			moves = append(moves, move{at, id, false})
		}
	} else {
		for at, id := range order {
			if !x.terms[id].present {
				moves = append(moves, move{at, id, false})
			}
		}
	}
	if len(born)*16 < len(order) {
		for _, id := range born {
			at, _ := slices.BinarySearchFunc(order, id, byName)
			moves = append(moves, move{at, id, true})
		}
	} else {
		at := 0
		for _, id := range born {
			for at < len(order) && byName(order[at], id) < 0 {
				at++
			}
			moves = append(moves, move{at, id, true})
		}
	}
	// By place; the terms that enter at the same place in their order.
	slices.SortStableFunc(moves, func(a, b move) int { return a.at - b.at })
	order2, list2, width2 := x.order2[:0], x.list2[:0], x.width2[:0]
	from, off := 0, 0 // in order, and in list
	for _, m := range moves {
		if m.at > from {
			w := 0
			for _, n := range x.width[from:m.at] {
				w += int(n)
			}
			order2 = append(order2, order[from:m.at]...)
			width2 = append(width2, x.width[from:m.at]...)
			list2 = append(list2, x.list[off:off+w]...)
			from, off = m.at, off+w
		}
		if m.enter {
			// JSON writes each character on its own: the writing of the
			// terms joined by spaces is that of each term joined by
			// spaces.
			n := len(list2)
			list2 = appendString(list2, x.terms[m.id].name)
			list2[len(list2)-1] = ' '
			list2 = append(list2[:n], list2[n+1:]...) // the opening quote
			order2 = append(order2, m.id)
			width2 = append(width2, int32(len(list2)-n))
		} else {
			off += int(x.width[from])
			from++
		}
	}
	order2 = append(order2, order[from:]...)
	width2 = append(width2, x.width[from:]...)
	list2 = append(list2, x.list[off:]...)
	x.order, x.order2 = order2, order[:0]
	x.list, x.list2 = list2, x.list[:0]
	x.width, x.width2 = width2, x.width[:0]
	clear(moves)
	x.moves = moves[:0]
}

// write returns the script, of which the first pages items are pages and
// the rest glossary entries.
func (x *Incremental) write(pages int) []byte {
	size := len(x.list) + 64
	for _, it := range x.items {
		size += len(it.doc.a.page) + 1
	}
	for _, id := range x.order {
		size += len(x.terms[id].enc) + 1
	}
	out := make([]byte, 0, size)
	out = appendHead(out, pages)
	for i, it := range x.items {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, it.doc.a.page...)
	}
	out = append(out, "],\"t\":\""...)
	if n := len(x.list); n > 0 {
		out = append(out, x.list[:n-1]...) // not the last space
	}
	out = append(out, "\",\"i\":["...)
	for i, id := range x.order {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, x.terms[id].enc...)
	}
	return append(out, tail...)
}
