"""The step graph: targets, successors, reachability, the main path and rework loops.

Steps are numbered by position (index 0 is step 1). The end of the procedure (``selesai``) is
the node ``END``. Flow (docs/format.md): a step goes to the following one, unless it has
``lanjut``, or it is a decision (then ``ya`` and ``tidak``), or it is the last step (then
the procedure ends).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from soptool.model import END as END_WORD
from soptool.model import Sop

END = -1
# Distinct questions to Flow.escapes answered by a walk through the graph, before the
# post-dominator tree is built. A walk passes each step at most once and usually stops
# within a few; the tree takes about ten passes. So SOPs that ask a few questions (most do)
# never build it, and a large SOP with many decisions pays at most about one tree's worth
# of walks before it does, instead of walks quadratic in its steps.
WALKS_BEFORE_TREE = 8


@dataclass(frozen=True)
class Edge:
    """One arrow of the flow: from a step to a step (or END), with its branch."""

    source: int
    target: int
    branch: str | None = None  # "ya", "tidak", "lanjut" or None (to the following step)


@dataclass(frozen=True)
class BadTarget:
    """A branch or ``lanjut`` whose target names no step."""

    step: int
    branch: str  # "ya", "tidak" or "lanjut"
    text: str


@dataclass
class Flow:
    """The flow graph of one SOP."""

    count: int
    edges: list[list[Edge]]
    bad_targets: list[BadTarget] = field(default_factory=list)
    # Caches of what the graph implies (not part of its value).
    _intervals: tuple[list[int], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False)
    _main: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _walked: dict[tuple[int, int], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def successors(self, step: int) -> list[int]:
        """The steps (or END) that ``step`` can go to."""
        return [e.target for e in self.edges[step]]

    def reachable(self) -> set[int]:
        """Steps reached by some flow from step 1."""
        seen = {0} if self.count else set()
        queue = deque(seen)
        while queue:
            for t in self.successors(queue.popleft()):
                if t != END and t not in seen:
                    seen.add(t)
                    queue.append(t)
        return seen

    def can_finish(self) -> set[int]:
        """Steps from which some flow reaches the end."""
        back: list[list[int]] = [[] for _ in range(self.count)]
        done: set[int] = set()
        for step in range(self.count):
            for t in self.successors(step):
                if t == END:
                    done.add(step)
                else:
                    back[t].append(step)
        queue = deque(done)
        while queue:
            for s in back[queue.popleft()]:
                if s not in done:
                    done.add(s)
                    queue.append(s)
        return done

    def closed_loops(self) -> list[list[int]]:
        """Loops with no way out: cycles of steps reached from step 1 that never reach the end.

        Each loop is a strongly connected component (iterative Tarjan) of the reachable steps
        that cannot finish, holding a cycle; its steps are sorted.
        """
        nodes = self.reachable() - self.can_finish()
        index: dict[int, int] = {}
        low: dict[int, int] = {}
        stack: list[int] = []
        on_stack: set[int] = set()
        loops: list[list[int]] = []
        counter = 0
        for root in sorted(nodes):
            if root in index:
                continue
            work: list[tuple[int, int]] = [(root, 0)]
            while work:
                node, i = work.pop()
                if i == 0:
                    index[node] = low[node] = counter
                    counter += 1
                    stack.append(node)
                    on_stack.add(node)
                succ = [t for t in self.successors(node) if t in nodes]
                if i < len(succ):
                    work.append((node, i + 1))
                    t = succ[i]
                    if t not in index:
                        work.append((t, 0))
                    elif t in on_stack:
                        low[node] = min(low[node], index[t])
                    continue
                if low[node] == index[node]:
                    comp = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        comp.append(top)
                        if top == node:
                            break
                    if len(comp) > 1 or node in self.successors(node):
                        loops.append(sorted(comp))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
        return sorted(loops)

    def is_back(self, step: int, target: int) -> bool:
        """Whether an arrow from ``step`` to ``target`` goes back (to it or an earlier step)."""
        return target != END and target <= step

    def escapes(self, step: int, target: int) -> bool:
        """Whether some flow from ``target`` reaches the end without passing ``step`` again.

        A branch that goes forward but can only come back to its decision (a revision step
        whose ``lanjut`` returns to the check) is a rework loop, not the way on. The first
        few questions are answered by a walk from ``target``; then in constant time from the
        post-dominator tree, computed once.
        """
        if target == END:
            return True
        if self._intervals is None and len(self._walked) < WALKS_BEFORE_TREE:
            key = (step, target)
            known = self._walked.get(key)
            if known is None:
                known = self._walked[key] = self._walk_out(step, target)
            return known
        tin, tout = self._postdom_intervals()
        if tin[target] < 0:
            return False  # never reaches the end at all
        if tin[step] < 0:
            return True
        # ``step`` post-dominates ``target`` iff it is its ancestor in the tree.
        return not (tin[step] <= tin[target] and tout[target] <= tout[step])

    def _walk_out(self, step: int, target: int) -> bool:
        """Whether some flow from ``target`` reaches the end without passing ``step``."""
        if target == step:
            return False
        seen = {target}
        todo = [target]
        while todo:
            for edge in self.edges[todo.pop()]:
                t = edge.target
                if t == END:
                    return True
                if t != step and t not in seen:
                    seen.add(t)
                    todo.append(t)
        return False

    def _postdom_intervals(self) -> tuple[list[int], list[int]]:
        if self._intervals is None:
            self._intervals = _postdominator_intervals(self)
        return self._intervals

    def next_on_main_path(self, step: int) -> int:
        """Where the main path goes after ``step``.

        At a decision it takes the branch that does not go back (docs/format.md); where both go
        forward, the one that leads on to the end without coming back to this decision,
        and ``ya`` where both do.
        """
        edges = self.edges[step]
        if len(edges) == 2 and edges[0].branch == "ya":
            ya, tidak = edges[0].target, edges[1].target
            back_ya, back_tidak = self.is_back(step, ya), self.is_back(step, tidak)
            if back_ya and not back_tidak:
                return tidak
            if not back_ya and not back_tidak and not self.escapes(step, ya) \
                    and self.escapes(step, tidak):
                return tidak
            return ya
        return edges[0].target if edges else END

    def main_path(self) -> list[int]:
        """The steps the main path passes, in order, from step 1 to the end."""
        if self._main is None:
            path: list[int] = []
            seen: set[int] = set()
            step = 0 if self.count else END
            while step != END and step not in seen:
                path.append(step)
                seen.add(step)
                step = self.next_on_main_path(step)
            self._main = path
        return list(self._main)  # a copy: callers keep it (Estimate.path)

    def loops(self) -> list[tuple[int, int, list[int]]]:
        """Rework loops on the main path: (decision, target, steps of one pass round the loop).

        A loop is a decision branch that the main path does not take and that goes back, or
        that goes forward but can only return to the decision (a revision whose ``lanjut``
        leads back to the check). One pass repeats the steps from its target to the decision.
        """
        path = self.main_path()
        index = {s: i for i, s in enumerate(path)}
        found = []
        for step in path:
            nxt = self.next_on_main_path(step)
            for edge in self.edges[step]:
                if edge.branch not in ("ya", "tidak") or edge.target == nxt:
                    continue
                if not self.is_back(step, edge.target) and self.escapes(step, edge.target):
                    continue  # a way on (an early exit), not a loop
                if edge.target in index:
                    body = path[index[edge.target] : index[step] + 1]
                else:
                    body = self._walk(edge.target, step)
                    if not body:  # the branch never comes back to the decision: an exit
                        continue
                found.append((step, edge.target, body))
        return found

    def _walk(self, start: int, stop: int) -> list[int]:
        """Steps from ``start`` along the main-path rule up to ``stop``; [] if never there."""
        body, step = [], start
        while step != END and step not in body:
            body.append(step)
            if step == stop:
                return body
            step = self.next_on_main_path(step)
        return []


def _postdominator_intervals(flow: Flow) -> tuple[list[int], list[int]]:
    """Entry and exit times of each step in the post-dominator tree rooted at the end.

    Immediate post-dominators by the iterative algorithm of Cooper, Harvey and Kennedy on the
    reversed graph; steps that never reach the end have the time -1 (lists indexed by step).
    """
    n = flow.count
    exit_node = n
    succ: list[list[int]] = []
    preds: list[list[int]] = [[] for _ in range(n + 1)]
    for i, edges in enumerate(flow.edges):
        targets = [exit_node if e.target == END else e.target for e in edges]
        succ.append(targets)
        for t in targets:
            preds[t].append(i)
    order: list[int] = []  # postorder of the reversed graph from the end
    rank = [-1] * (n + 1)  # position in ``order``; -1: never reaches the end
    seen = [False] * (n + 1)
    seen[exit_node] = True
    nxt = [0] * (n + 1)  # the next predecessor to look at, per node on the stack
    stack = [exit_node]
    while stack:
        node = stack[-1]
        ps = preds[node]
        k = nxt[node]
        while k < len(ps) and seen[ps[k]]:
            k += 1
        if k < len(ps):
            nxt[node] = k + 1
            seen[ps[k]] = True
            stack.append(ps[k])
        else:
            stack.pop()
            rank[node] = len(order)
            order.append(node)
    ipdom = [-1] * (n + 1)  # -1: not known yet
    ipdom[exit_node] = exit_node
    todo = order[-2::-1]  # reverse postorder, the end (last in postorder) left out
    changed = True
    while changed:
        changed = False
        for node in todo:
            new = -1
            for a in succ[node]:
                if ipdom[a] == -1:
                    continue
                if new == -1:
                    new = a
                    continue
                b = new  # meet: walk both up the tree to their common ancestor
                while a != b:
                    while rank[a] < rank[b]:
                        a = ipdom[a]
                    while rank[b] < rank[a]:
                        b = ipdom[b]
                new = a
            if new != -1 and ipdom[node] != new:
                ipdom[node] = new
                changed = True
    children: list[list[int]] = [[] for _ in range(n + 1)]
    for node in todo:
        children[ipdom[node]].append(node)
    tin = [-1] * (n + 1)
    tout = [-1] * (n + 1)
    clock = 0
    walk = [(exit_node, False)]
    while walk:
        node, done = walk.pop()
        if done:
            tout[node] = clock
            clock += 1
            continue
        tin[node] = clock
        clock += 1
        walk.append((node, True))
        walk.extend((c, False) for c in children[node])
    return tin, tout


def resolve_target(text: str, ids: dict[str, int], count: int) -> int | None:
    """A target as a step index, END, or None when it names no step."""
    t = text.strip()
    if t.lower() == END_WORD:
        return END
    if t.isascii() and t.isdigit():
        n = int(t)
        return n - 1 if 1 <= n <= count else None
    return ids.get(t)


def step_ids(sop: Sop) -> dict[str, int]:
    """Step id -> index (the first step that uses an id)."""
    ids: dict[str, int] = {}
    for i, step in enumerate(sop.langkah):
        if step.id is not None:
            ids.setdefault(step.id, i)
    return ids


def build_flow(sop: Sop) -> Flow:
    """The flow graph of an SOP; targets that name no step are listed, not followed."""
    count = len(sop.langkah)
    ids = step_ids(sop)
    flow = Flow(count, [[] for _ in range(count)])
    for i, step in enumerate(sop.langkah):
        following = i + 1 if i + 1 < count else END
        if step.keputusan is not None:
            for branch, text in (("ya", step.keputusan.ya), ("tidak", step.keputusan.tidak)):
                target = resolve_target(text, ids, count)
                if target is None:
                    flow.bad_targets.append(BadTarget(i, branch, text))
                    target = following
                flow.edges[i].append(Edge(i, target, branch))
        elif step.lanjut is not None:
            target = resolve_target(step.lanjut, ids, count)
            if target is None:
                flow.bad_targets.append(BadTarget(i, "lanjut", step.lanjut))
                target = following
            flow.edges[i].append(Edge(i, target, "lanjut"))
        else:
            flow.edges[i].append(Edge(i, following))
    return flow
