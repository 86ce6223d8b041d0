/** The result of a union attempt: joined, already together, or blocked by a split. */
export type UnionOutcome =
  { kind: 'joined' } | { kind: 'same' } | { kind: 'blocked'; byTag: string };

const SIDE_A = 1;
const SIDE_B = 2;

/**
 * Union-find over string nodes with split constraints: a split (tag) puts nodes on side A or B, and
 * no set may ever hold nodes of both sides of one split. Each root keeps the sides its set touches
 * (tag -> bits), so a split costs O(|A| + |B|), not |A| x |B| pairs. The lower node becomes the
 * root, so the structure is the same whatever order equal unions arrive in.
 */
export class ConstrainedUnionFind {
  private readonly parent = new Map<string, string>();
  /** Per root: for each split its set touches, which side(s) (bit 1 = A, bit 2 = B). */
  private readonly sides = new Map<string, Map<string, number>>();

  /** Adds a node (idempotent). */
  add(node: string): void {
    if (!this.parent.has(node)) this.parent.set(node, node);
  }

  /** Returns the root of a node's set (adding the node if unknown). */
  find(node: string): string {
    this.add(node);
    let root = node;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let current = node;
    while (current !== root) {
      const next = this.parent.get(current)!;
      this.parent.set(current, root);
      current = next;
    }
    return root;
  }

  /**
   * Registers a split: no set may hold a node of `sideA` and one of `sideB`. Call before any union;
   * a node named on both sides is ignored (it cannot be kept apart from itself).
   */
  split(tag: string, sideA: readonly string[], sideB: readonly string[]): void {
    const inB = new Set(sideB);
    const inA = new Set(sideA);
    for (const node of sideA) if (!inB.has(node)) this.mark(node, tag, SIDE_A);
    for (const node of sideB) if (!inA.has(node)) this.mark(node, tag, SIDE_B);
  }

  private mark(node: string, tag: string, bit: number): void {
    const root = this.find(node);
    const map = this.sides.get(root) ?? new Map<string, number>();
    map.set(tag, (map.get(tag) ?? 0) | bit);
    this.sides.set(root, map);
  }

  /** Joins the sets of a and b unless a split forbids it. */
  union(a: string, b: string): UnionOutcome {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return { kind: 'same' };
    const sa = this.sides.get(ra);
    const sb = this.sides.get(rb);
    const [small, large] = (sa?.size ?? 0) <= (sb?.size ?? 0) ? [sa, sb] : [sb, sa];
    if (small && large) {
      for (const [tag, bits] of small) {
        const other = large.get(tag);
        if (other !== undefined && (bits | other) === (SIDE_A | SIDE_B)) {
          return { kind: 'blocked', byTag: tag };
        }
      }
    }
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    if (small && large) {
      for (const [tag, bits] of small) large.set(tag, (large.get(tag) ?? 0) | bits);
    }
    const merged = large ?? small;
    this.sides.delete(child);
    if (merged) this.sides.set(root, merged);
    else this.sides.delete(root);
    return { kind: 'joined' };
  }
}
