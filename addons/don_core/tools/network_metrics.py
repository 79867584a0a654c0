# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Graph metrics for the network analysis, in plain Python.

The graph is undirected and unweighted for these metrics: a directed
relation (recruiter > recruited) still connects both people, and two
relations between the same pair count as one connection. Nodes are any
sortable, hashable keys; every function is deterministic.
"""

from collections import deque


def adjacency(nodes, edges):
    """{node: sorted list of neighbours}; self-loops and edges to unknown
    nodes are ignored, parallel edges collapse."""
    adj = {node: set() for node in nodes}
    for a, b in edges:
        if a != b and a in adj and b in adj:
            adj[a].add(b)
            adj[b].add(a)
    return {node: sorted(neigh) for node, neigh in adj.items()}


def degree(adj):
    return {node: len(neigh) for node, neigh in adj.items()}


def betweenness(adj):
    """Betweenness centrality (Brandes 2001) of an undirected graph, not
    normalised: the number of shortest paths between other pairs that pass
    through a node, each pair counted once (paths shared by several shortest
    routes count fractionally)."""
    result = dict.fromkeys(adj, 0.0)
    for source in sorted(adj):
        stack = []
        predecessors = {node: [] for node in adj}
        sigma = dict.fromkeys(adj, 0)
        sigma[source] = 1
        dist = dict.fromkeys(adj, -1)
        dist[source] = 0
        queue = deque([source])
        while queue:
            v = queue.popleft()
            stack.append(v)
            for w in adj[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    predecessors[w].append(v)
        delta = dict.fromkeys(adj, 0.0)
        while stack:
            w = stack.pop()
            for v in predecessors[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != source:
                result[w] += delta[w]
    # Undirected: every pair was counted from both ends.
    return {node: value / 2 for node, value in result.items()}


def normalise_betweenness(values):
    """Betweenness as a fraction of the pairs of other nodes (0..1)."""
    n = len(values)
    if n < 3:
        return dict.fromkeys(values, 0.0)
    pairs = (n - 1) * (n - 2) / 2
    return {node: value / pairs for node, value in values.items()}


def communities(adj, max_passes=50):
    """Communities by modularity, greedy local moving (the first phase of
    the Louvain method) in a fixed node order with ties broken by the
    smallest community number: deterministic. Returns {node: community
    number}, numbered 0, 1, ... in the order of the sorted nodes."""
    nodes = sorted(adj)
    m2 = sum(len(neigh) for neigh in adj.values())  # 2 x number of edges
    community = {node: index for index, node in enumerate(nodes)}
    if m2:
        deg = {node: len(adj[node]) for node in nodes}
        total = {community[node]: deg[node] for node in nodes}
        for _pass in range(max_passes):
            moved = False
            for node in nodes:
                current = community[node]
                total[current] -= deg[node]
                links = {}
                for neigh in adj[node]:
                    links[community[neigh]] = links.get(community[neigh], 0) + 1
                best, best_gain = current, links.get(current, 0) - total[current] * deg[node] / m2
                for comm in sorted(links):
                    gain = links[comm] - total[comm] * deg[node] / m2
                    if gain > best_gain + 1e-12:
                        best, best_gain = comm, gain
                total[best] += deg[node]
                if best != current:
                    community[node] = best
                    moved = True
            if not moved:
                break
    numbers = {}
    result = {}
    for node in nodes:
        result[node] = numbers.setdefault(community[node], len(numbers))
    return result


def components(adj):
    """Connected components: {node: component number} in sorted node order."""
    result = {}
    number = 0
    for start in sorted(adj):
        if start in result:
            continue
        result[start] = number
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for w in adj[v]:
                if w not in result:
                    result[w] = number
                    queue.append(w)
        number += 1
    return result
