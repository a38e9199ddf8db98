package bindata

import (
	"encoding/binary"
	"slices"
)

// A local sort at 1M items spent nearly all its time comparing 240-byte
// items scattered over the heap. Instead each item's sort key is packed
// once into a small record (two 64-bit words that order like the key, then
// the id) and the records are radix sorted, a pass per byte that is not
// the same in every record: no comparisons, and the data moved is
// contiguous.

// packed is one item's sort key: k[0], then k[1], then the id (k[2]).
type packed struct {
	k   [3]uint64
	idx int32
}

// flip maps a signed value to an unsigned one in the same order.
func flip(v int64) uint64 { return uint64(v) ^ 1<<63 }

// chunk is 8 bytes of s from off, big-endian and zero-padded, so that
// comparing chunks compares the bytes.
func chunk(s string, off int) uint64 {
	var b [8]byte
	if off < len(s) {
		copy(b[:], s[off:])
	}
	return binary.BigEndian.Uint64(b[:])
}

// pack is item idx's record for key k.
func pack(k SortKey, r *Rows, idx int32) packed {
	w := &r.rows[idx]
	p := packed{idx: idx}
	p.k[2] = flip(w.ID)
	switch k {
	case SortName:
		p.k[0], p.k[1] = chunk(w.Name, 0), chunk(w.Name, 8)
	case SortSize:
		p.k[0] = w.Size
	case SortLeft:
		p.k[0] = flip(r.RemainingDays(idx))
	default:
		t := r.RemovalTime(idx)
		p.k[0], p.k[1] = flip(t.Unix()), uint64(t.Nanosecond())
	}
	return p
}

// sortedOrder is order sorted by k ascending (the id breaks ties), or
// exactly reversed when desc, as SortLocal defines it.
func sortedOrder(r *Rows, order []int32, k SortKey, desc bool) []int32 {
	recs := make([]packed, len(order))
	if len(order) == r.Len() {
		// Every item: read them in memory order rather than in the old
		// display order, which after a sort is a random walk over the
		// heap (the order is total, so where the sort starts is moot).
		for i := range r.rows {
			recs[i] = pack(k, r, int32(i))
		}
	} else {
		for i, idx := range order {
			recs[i] = pack(k, r, idx)
		}
	}
	recs = radixSort(recs)
	if k == SortName {
		refineNames(r, recs, 16)
	}
	out := order[:0]
	for _, r := range recs {
		out = append(out, r.idx)
	}
	if desc {
		slices.Reverse(out)
	}
	return out
}

// refineNames orders the runs of recs whose names agree up to off bytes
// (the key held that much) by the next 16 bytes, again by radix, and so on
// down; equal names stay in id order. Names that agree beyond their
// length (differing only by trailing NULs) are compared in full.
func refineNames(r *Rows, recs []packed, off int) {
	for lo := 0; lo < len(recs); {
		hi := lo + 1
		for hi < len(recs) && recs[hi].k[0] == recs[lo].k[0] && recs[hi].k[1] == recs[lo].k[1] {
			hi++
		}
		run := recs[lo:hi]
		lo = hi
		if len(run) < 2 {
			continue
		}
		same, longest := true, 0
		for _, x := range run {
			name := r.rows[x.idx].Name
			same = same && name == r.rows[run[0].idx].Name
			longest = max(longest, len(name))
		}
		switch {
		case same:
		case off >= longest || len(run) < 256:
			// Short runs: comparing costs less than the radix passes'
			// histograms; names beyond their length: only comparing tells.
			slices.SortStableFunc(run, func(a, b packed) int {
				return SortName.compare(r, a.idx, b.idx)
			})
		default:
			for i := range run {
				name := r.rows[run[i].idx].Name
				run[i].k[0], run[i].k[1] = chunk(name, off), chunk(name, off+8)
			}
			copy(run, radixSort(run))
			refineNames(r, run, off+16)
		}
	}
}

// radixSort sorts recs by k[0], k[1], k[2] (least significant byte of
// k[2] first, each pass stable), skipping the bytes every record shares.
func radixSort(recs []packed) []packed {
	if len(recs) < 2 {
		return recs
	}
	var counts [3][8][256]int
	for i := range recs {
		for w := range 3 {
			v := recs[i].k[w]
			for b := range 8 {
				counts[w][b][byte(v>>(8*b))]++
			}
		}
	}
	tmp := make([]packed, len(recs))
	for w := 2; w >= 0; w-- {
		for b := range 8 {
			c := &counts[w][b]
			if c[byte(recs[0].k[w]>>(8*b))] == len(recs) {
				continue // the same byte everywhere: the pass would change nothing
			}
			var pos [256]int
			sum := 0
			for v := range 256 {
				pos[v] = sum
				sum += c[v]
			}
			shift := 8 * b
			for i := range recs {
				d := byte(recs[i].k[w] >> shift)
				tmp[pos[d]] = recs[i]
				pos[d]++
			}
			recs, tmp = tmp, recs
		}
	}
	return recs
}
