using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Hashes what a method can reach, memoized per method across all stages. A method's hash covers its own text and
/// the hashes of what it reaches, in slot order for what it references by slot and as a sorted set for the rest.
/// Recursion makes cycles: each strongly connected component (Tarjan's algorithm, iterative) is hashed as the
/// sorted set of its members' texts, with references inside it written as a placeholder, and each member's hash is
/// that and its own text. The walk visits each method once per process, so the analysis is linear in the code.
/// </summary>
internal sealed class CodeGraph(Func<IMemberDefinition, NodeScan> scan)
{
    private static readonly IReadOnlySet<IMemberDefinition> NoMembers = new HashSet<IMemberDefinition>();
    private static readonly IReadOnlySet<string> NoReasons = new HashSet<string>();

    private readonly Dictionary<IMemberDefinition, CodeNode> _done = [];
    private readonly Func<IMemberDefinition, NodeScan> _scan = scan;

    /// <summary>What <paramref name="root"/> reaches, hashed.</summary>
    public CodeNode Of(IMemberDefinition root)
    {
        if (_done.TryGetValue(root, out var known))
        {
            return known;
        }

        var walk = new Walk(this);
        walk.Run(root);
        return _done[root];
    }

    private sealed class Walk(CodeGraph graph)
    {
        private readonly Dictionary<IMemberDefinition, (int Index, int Low)> _order = [];
        private readonly Dictionary<IMemberDefinition, NodeScan> _scans = [];
        private readonly List<IMemberDefinition> _stack = [];
        private readonly HashSet<IMemberDefinition> _onStack = [];
        private readonly Stack<Frame> _frames = new();

        public void Run(IMemberDefinition root)
        {
            Push(root);
            while (_frames.TryPeek(out var frame))
            {
                if (frame.Next < frame.Edges.Count)
                {
                    var next = frame.Edges[frame.Next++];
                    if (graph._done.ContainsKey(next))
                    {
                        continue;
                    }

                    if (!_order.TryGetValue(next, out var seen))
                    {
                        Push(next);
                    }
                    else if (_onStack.Contains(next))
                    {
                        Lower(frame.Node, seen.Index);
                    }

                    continue;
                }

                _frames.Pop();
                var (index, low) = _order[frame.Node];
                if (_frames.TryPeek(out var parent))
                {
                    Lower(parent.Node, low);
                }

                if (low == index)
                {
                    var start = _stack.LastIndexOf(frame.Node);
                    var component = _stack.GetRange(start, _stack.Count - start);
                    _stack.RemoveRange(start, component.Count);
                    _onStack.ExceptWith(component);
                    Finish(component);
                }
            }
        }

        private void Push(IMemberDefinition node)
        {
            var scanned = graph._scan(node);
            _scans[node] = scanned;
            _order[node] = (_order.Count, _order.Count);
            _stack.Add(node);
            _onStack.Add(node);
            _frames.Push(new Frame(node, scanned.Ordered.Concat(scanned.Unordered).Distinct().ToList()));
        }

        private void Lower(IMemberDefinition node, int value)
        {
            var (index, low) = _order[node];
            _order[node] = (index, Math.Min(low, value));
        }

        private void Finish(List<IMemberDefinition> component)
        {
            var members = component.ToHashSet();
            var cyclic = component.Count > 1 || Edges(component[0]).Contains(component[0]);
            string Local(IMemberDefinition node)
            {
                var s = _scans[node];
                string HashOf(IMemberDefinition d) => members.Contains(d) ? "cycle" : graph._done[d].Hash;
                return Digest.Of($"{s.Text}\n>{string.Join(",", s.Ordered.Select(HashOf))}\n~{string.Join(",", s.Unordered.Select(HashOf).Order(StringComparer.Ordinal))}")[..32];
            }

            var locals = component.ToDictionary(n => n, Local);
            var cycle = cyclic ? Digest.Of(string.Join(",", locals.Values.Order(StringComparer.Ordinal))) : "";
            var outside = component.SelectMany(Edges).Where(d => !members.Contains(d)).Distinct().Select(d => graph._done[d]).ToList();
            var parameters = Union(component.SelectMany(n => _scans[n].ParametersRead), outside.Select(o => o.ParametersRead), NoMembers);
            var reasons = Union(component.SelectMany(n => _scans[n].Reasons), outside.Select(o => o.Reasons), NoReasons);
            foreach (var node in component)
            {
                var hash = cyclic ? Digest.Of(cycle + locals[node])[..32] : locals[node];
                graph._done[node] = new CodeNode(hash, parameters, reasons);
                _scans.Remove(node);
            }
        }

        private IEnumerable<IMemberDefinition> Edges(IMemberDefinition node) => _scans[node].Ordered.Concat(_scans[node].Unordered);

        // Most methods add nothing of their own: share the callees' sets instead of copying them up every chain.
        private static IReadOnlySet<T> Union<T>(IEnumerable<T> own, IEnumerable<IReadOnlySet<T>> reached, IReadOnlySet<T> empty)
        {
            var mine = own.ToList();
            var sets = reached.Where(s => s.Count > 0).Distinct().ToList();
            if (mine.Count == 0 && sets.Count <= 1)
            {
                return sets.Count == 1 ? sets[0] : empty;
            }

            var union = new HashSet<T>(mine);
            foreach (var set in sets)
            {
                union.UnionWith(set);
            }

            return union;
        }
    }

    private sealed class Frame(IMemberDefinition node, List<IMemberDefinition> edges)
    {
        public IMemberDefinition Node { get; } = node;

        public List<IMemberDefinition> Edges { get; } = edges;

        public int Next { get; set; }
    }
}
