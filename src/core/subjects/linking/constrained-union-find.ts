/** The result of a union attempt: joined, already together, or blocked by a cannot-link. */
export type UnionOutcome =
  { kind: 'joined' } | { kind: 'same' } | { kind: 'blocked'; byTag: string };

/**
 * Union-find over string nodes with cannot-link constraints; the lower node becomes the root so the
 * structure is the same whatever order equal unions arrive in.
 */
export class ConstrainedUnionFind {
  private readonly parent = new Map<string, string>();
  /** Per root: the cannot-link partners of any node in its set, with the tag that forbade them. */
  private readonly forbidden = new Map<string, Array<{ partner: string; tag: string }>>();

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

  /** Forbids a and b from ever being in one set. */
  cannotLink(a: string, b: string, tag: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    this.forbidden.set(ra, [...(this.forbidden.get(ra) ?? []), { partner: b, tag }]);
    this.forbidden.set(rb, [...(this.forbidden.get(rb) ?? []), { partner: a, tag }]);
  }

  /** Joins the sets of a and b unless a cannot-link forbids it. */
  union(a: string, b: string): UnionOutcome {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return { kind: 'same' };
    const small = (this.forbidden.get(ra)?.length ?? 0) <= (this.forbidden.get(rb)?.length ?? 0);
    const [from, to] = small ? [ra, rb] : [rb, ra];
    const clash = (this.forbidden.get(from) ?? []).find((f) => this.find(f.partner) === to);
    if (clash) return { kind: 'blocked', byTag: clash.tag };
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    const childForbidden = this.forbidden.get(child);
    if (childForbidden) {
      this.forbidden.set(root, [...(this.forbidden.get(root) ?? []), ...childForbidden]);
      this.forbidden.delete(child);
    }
    return { kind: 'joined' };
  }
}
