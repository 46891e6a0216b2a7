from __future__ import annotations

from typing import Any

from soptool.graph import END, build_flow
from soptool.model import Sop, build


def sop(*steps: dict[str, Any]) -> Sop:
    full = [{"kegiatan": f"Langkah {i + 1}", "pelaksana": "a", **s} for i, s in enumerate(steps)]
    return build(Sop, {"nama": "X", "pelaksana": {"a": "A"}, "langkah": full})


def test_straight_line() -> None:
    flow = build_flow(sop({}, {}, {}))
    assert flow.main_path() == [0, 1, 2]
    assert flow.successors(2) == [END]
    assert flow.loops() == []
    assert flow.closed_loops() == []


def test_main_path_takes_the_branch_that_does_not_go_back() -> None:
    # 3 is a check: Ya goes back to 2 (rework), Tidak goes on. The main path goes on.
    flow = build_flow(sop({}, {"id": "susun"}, {"keputusan": {"ya": "susun", "tidak": "4"}}, {}))
    assert flow.main_path() == [0, 1, 2, 3]
    assert flow.loops() == [(2, 1, [1, 2])]


def test_both_forward_takes_ya_and_early_exit_is_not_a_loop() -> None:
    flow = build_flow(sop({}, {"keputusan": {"ya": "4", "tidak": "selesai"}}, {}, {}))
    assert flow.main_path() == [0, 1, 3]
    assert flow.loops() == []
    assert flow.reachable() == {0, 1, 3}


def test_branch_to_selesai_counts_as_forward() -> None:
    flow = build_flow(sop({}, {"keputusan": {"ya": "1", "tidak": "selesai"}}))
    assert flow.main_path() == [0, 1]
    assert flow.loops() == [(1, 0, [0, 1])]


def test_lanjut_jumps_and_skips() -> None:
    flow = build_flow(sop({"lanjut": "3"}, {}, {"lanjut": "selesai"}, {}))
    assert flow.main_path() == [0, 2]
    assert flow.reachable() == {0, 2}


def test_closed_loops_are_reported_once_per_cycle() -> None:
    # 1 -> 2 -> 3 -> 2 ... never ends; 4 unreachable.
    flow = build_flow(sop({}, {"id": "p"}, {"lanjut": "p"}, {}))
    assert flow.closed_loops() == [[1, 2]]
    # A self-loop.
    flow = build_flow(sop({}, {"lanjut": "2"}))
    assert flow.closed_loops() == [[1]]
    # A loop with a way out is not closed.
    flow = build_flow(sop({}, {"id": "p"}, {"keputusan": {"ya": "p", "tidak": "selesai"}}))
    assert flow.closed_loops() == []


def test_bad_targets_are_listed_not_followed() -> None:
    flow = build_flow(sop({"keputusan": {"ya": "9", "tidak": "nope"}}, {"lanjut": "0"}))
    assert [(b.step, b.branch, b.text) for b in flow.bad_targets] == [
        (0, "ya", "9"), (0, "tidak", "nope"), (1, "lanjut", "0")]


def test_long_procedure_is_linear() -> None:
    steps = [{} for _ in range(5000)]
    steps[4998] = {"keputusan": {"ya": "1", "tidak": "5000"}}
    flow = build_flow(sop(*steps))
    assert len(flow.main_path()) == 5000
    assert flow.closed_loops() == []
    assert len(flow.reachable()) == 5000


def test_revision_closed_by_lanjut_is_a_rework_loop() -> None:
    # 2 checks; Tidak goes forward to 3 (revise), whose lanjut returns to 2.
    flow = build_flow(sop({}, {"id": "periksa", "keputusan": {"ya": "4", "tidak": "3"}},
                          {"lanjut": "periksa"}, {}))
    assert flow.main_path() == [0, 1, 3]
    assert flow.loops() == [(1, 2, [2, 1])]


def test_main_path_avoids_a_forward_branch_that_only_comes_back() -> None:
    # Ya goes forward to 3, which returns to 2: the way on to the end is Tidak.
    flow = build_flow(sop({}, {"keputusan": {"ya": "3", "tidak": "4"}}, {"lanjut": "2"}, {}))
    assert flow.main_path() == [0, 1, 3]
    assert flow.loops() == [(1, 2, [2, 1])]
    assert flow.escapes(1, 3) and not flow.escapes(1, 2)


def test_many_early_exits_on_a_long_procedure() -> None:
    steps: list[dict[str, Any]] = [{} for _ in range(5000)]
    for i in range(1, 4999, 3):
        steps[i] = {"keputusan": {"ya": str(i + 2), "tidak": "selesai"}}
    flow = build_flow(sop(*steps))
    assert flow.main_path()[-1] == 4999
    assert flow.loops() == []


def test_walks_and_the_post_dominator_tree_answer_escapes_alike() -> None:
    # Flow.escapes answers its first few questions by walking the graph, then from the
    # post-dominator tree: on random graphs (loops, dead ends, steps that never finish)
    # both must give the same answer to every question.
    import random

    from soptool.graph import WALKS_BEFORE_TREE, Edge, Flow

    rng = random.Random(5)
    for _ in range(300):
        count = rng.randint(1, 12)
        edges = []
        for i in range(count):
            k = rng.choice((1, 1, 2))
            targets = [rng.choice([END, *range(count)]) for _ in range(k)]
            branches = ["ya", "tidak"] if k == 2 else [None]
            edges.append([Edge(i, t, b) for t, b in zip(targets, branches, strict=True)])
        questions = [(s, t) for s in range(count) for t in [END, *range(count)]]
        walked, tree = Flow(count, edges), Flow(count, edges)
        tree._postdom_intervals()  # the tree from the start
        for s, t in questions:
            assert walked.escapes(s, t) == tree.escapes(s, t), (edges, s, t)
            if t != END:  # the walk itself, past the first few questions too
                assert walked._walk_out(s, t) == tree.escapes(s, t), (edges, s, t)
        assert len(walked._walked) <= WALKS_BEFORE_TREE
