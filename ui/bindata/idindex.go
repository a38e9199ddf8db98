package bindata

import "math/bits"

// idIndex finds a row by its item's id. A map[int64]int32 cost about 24
// bytes per item; this table holds only row indexes (the ids are in the
// rows) in an open-addressed table at most three quarters full: 5–11
// bytes per item. Linear probing; a deletion shifts the run after it
// back, so there are no tombstones.
type idIndex struct {
	slots []int32 // row index + 1; 0 is an empty slot
	shift uint8   // 64 - log2(len(slots))
	n     int
}

// hash spreads an id over the table (Fibonacci hashing: ids are often
// consecutive, and the top bits of the product mix all of them).
func (x *idIndex) home(id int64) int {
	return int((uint64(id) * 0x9E3779B97F4A7C15) >> x.shift)
}

// get is the row of id.
func (x *idIndex) get(rows []Row, id int64) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.slots) - 1
	for i := x.home(id); ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if rows[s-1].ID == id {
			return s - 1, true
		}
	}
}

// put records row idx under its id, which must not be in the index.
func (x *idIndex) put(rows []Row, idx int32) {
	if (x.n+1)*4 > len(x.slots)*3 {
		x.grow(rows, x.n+1)
	}
	x.place(rows[idx].ID, idx)
	x.n++
}

// place stores idx in the first free slot from id's home.
func (x *idIndex) place(id int64, idx int32) {
	mask := len(x.slots) - 1
	i := x.home(id)
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = idx + 1
}

// del forgets id.
func (x *idIndex) del(rows []Row, id int64) {
	if x.n == 0 {
		return
	}
	mask := len(x.slots) - 1
	i := x.home(id)
	for {
		s := x.slots[i]
		if s == 0 {
			return
		}
		if rows[s-1].ID == id {
			break
		}
		i = (i + 1) & mask
	}
	x.slots[i] = 0
	x.n--
	// Move back every entry of the run after i that a lookup could no
	// longer reach across the hole.
	for j := (i + 1) & mask; x.slots[j] != 0; j = (j + 1) & mask {
		h := x.home(rows[x.slots[j]-1].ID)
		// The entry at j may fill the hole at i when its home is not
		// in the cyclic range (i, j].
		if (j > i && (h <= i || h > j)) || (j < i && h <= i && h > j) {
			x.slots[i], x.slots[j] = x.slots[j], 0
			i = j
		}
	}
}

// grow sizes the table for n entries and re-places the existing ones.
func (x *idIndex) grow(rows []Row, n int) {
	if slotsFor(n) > len(x.slots) {
		x.adopt(rows, make([]int32, slotsFor(n)))
	}
}

// slotsFor is the table size for n entries: a power of two, at most
// three quarters full.
func slotsFor(n int) int {
	size := 16
	if need := (n*4 + 2) / 3; need > size {
		size = 1 << bits.Len(uint(need-1))
	}
	return size
}

// adopt moves the table into slots (zeroed, a power of two in size,
// larger than the table's) and re-places the existing entries.
func (x *idIndex) adopt(rows []Row, slots []int32) {
	old := x.slots
	x.slots = slots
	x.shift = uint8(64 - bits.TrailingZeros(uint(len(slots))))
	for _, s := range old {
		if s != 0 {
			x.place(rows[s-1].ID, s-1)
		}
	}
}
