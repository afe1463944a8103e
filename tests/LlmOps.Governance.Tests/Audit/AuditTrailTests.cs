using LlmOps.Governance.Audit;

namespace LlmOps.Governance.Tests.Audit;

public sealed class AuditTrailTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Appended_entries_chain_each_to_the_one_before_and_carry_actor_run_and_commit()
    {
        AuditFixtures.Write(_root.Root, 3);

        var verification = AuditFixtures.Trail(_root.Root).Verify();

        Assert.True(verification.Intact, string.Join("\n", verification.Problems));
        Assert.Equal([1L, 2, 3], verification.Entries.Select(e => e.Seq));
        Assert.Equal(AuditEntry.Genesis, verification.Entries[0].PrevHash);
        Assert.Equal(verification.Entries[0].Hash, verification.Entries[1].PrevHash);
        Assert.All(verification.Entries, e => Assert.Equal(("alice (github)", "github:42/1", "0123456789abcdef0123456789abcdef01234567"), (e.Actor, e.RunId, e.Commit)));
        Assert.Equal(Path.Combine(_root.Root, ".llmops", "audit", "audit.jsonl"), AuditFixtures.Trail(_root.Root).FilePath);
    }

    [Fact]
    public void A_local_decision_records_the_checked_out_commit_read_from_git()
    {
        Directory.CreateDirectory(_root.Path_(".git", "refs", "heads"));
        File.WriteAllText(_root.Path_(".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(_root.Path_(".git", "refs", "heads", "main"), "feedfacefeedfacefeedfacefeedfacefeedface\n");

        var entry = AuditTrail.Open(_root.Root, name => name == "USER" ? "bob" : null).Append(new AuditDecision(AuditKinds.Approval, "production", new Dictionary<string, string>()));

        Assert.Equal(("bob (local)", "local", "feedfacefeedfacefeedfacefeedfacefeedface"), (entry.Actor, entry.RunId, entry.Commit));
    }

    [Fact]
    public void An_edited_entry_is_named_by_its_seq()
    {
        var lines = AuditFixtures.Write(_root.Root, 5);
        var trail = AuditFixtures.Trail(_root.Root);
        lines[2] = lines[2].Replace("decision 2", "decision 9", StringComparison.Ordinal);
        AuditFixtures.Rewrite(trail, lines);

        var problem = Assert.Single(trail.Verify().Problems);

        Assert.Equal(AuditProblemKind.Edited, problem.Kind);
        Assert.StartsWith("entry seq 3 (line 3, threshold-change intent-model 1.0.2) was edited", problem.What);
    }

    [Fact]
    public void An_edited_entry_whose_hash_was_recomputed_is_named_by_the_entry_after_it()
    {
        AuditFixtures.Write(_root.Root, 4);
        var trail = AuditFixtures.Trail(_root.Root);
        var entries = trail.Read().ToList();
        var forged = entries[1] with { Subject = "intent-model 9.9.9" };
        forged = forged with { Hash = AuditJson.HashOf(forged) };
        entries[1] = forged;
        AuditFixtures.Rewrite(trail, entries.Select(AuditJson.Line));

        var problem = Assert.Single(trail.Verify().Problems);

        Assert.Equal((AuditProblemKind.Edited, 2L), (problem.Kind, problem.Seq));
        Assert.Contains("entry seq 2 (line 2, override intent-model 9.9.9) was changed after seq 3 was written", problem.What);
    }

    [Fact]
    public void A_removed_entry_is_named()
    {
        var lines = AuditFixtures.Write(_root.Root, 5).ToList();
        var trail = AuditFixtures.Trail(_root.Root);
        lines.RemoveAt(1);
        AuditFixtures.Rewrite(trail, lines);

        var problem = Assert.Single(trail.Verify().Problems);

        Assert.Equal(AuditProblemKind.Deleted, problem.Kind);
        Assert.Equal("entry seq 2 was deleted: seq 1 at line 1 is followed by seq 3 at line 2", problem.What);
    }

    [Fact]
    public void A_reordered_pair_is_named()
    {
        var lines = AuditFixtures.Write(_root.Root, 5);
        var trail = AuditFixtures.Trail(_root.Root);
        (lines[2], lines[3]) = (lines[3], lines[2]);
        AuditFixtures.Rewrite(trail, lines);

        var problem = Assert.Single(trail.Verify().Problems);

        Assert.Equal(AuditProblemKind.Reordered, problem.Kind);
        Assert.Equal("entries seq 3 and seq 4 are reordered: seq 4 is at line 3, before seq 3 at line 4", problem.What);
    }

    [Fact]
    public void An_inserted_entry_that_chains_correctly_is_named_as_the_inserted_one()
    {
        AuditFixtures.Write(_root.Root, 4);
        var trail = AuditFixtures.Trail(_root.Root);
        var entries = trail.Read().ToList();
        var inserted = entries[2] with { Kind = AuditKinds.Approval, Subject = "production (forged)", Details = new Dictionary<string, string>(), PrevHash = entries[1].Hash };
        inserted = inserted with { Hash = AuditJson.HashOf(inserted) };
        entries.Insert(2, inserted);
        AuditFixtures.Rewrite(trail, entries.Select(AuditJson.Line));

        var problem = Assert.Single(trail.Verify().Problems);

        Assert.Equal(AuditProblemKind.Inserted, problem.Kind);
        Assert.Equal("an entry was inserted at line 3 (approval production (forged)): seq 3 appears twice, at lines 3 and 4", problem.What);
    }

    [Fact]
    public void A_torn_last_line_is_reported_then_moved_aside_and_recorded_by_the_next_append()
    {
        AuditFixtures.Write(_root.Root, 2);
        var trail = AuditFixtures.Trail(_root.Root);
        File.AppendAllText(trail.FilePath, "{\"actor\":\"half");

        var torn = Assert.Single(trail.Verify().Problems);
        Assert.Equal((AuditProblemKind.Torn, 3L), (torn.Kind, torn.Line));
        Assert.StartsWith("line 3 is torn", torn.What);

        var reports = new List<string>();
        trail.Report = reports.Add;
        var appended = trail.Append(new AuditDecision(AuditKinds.Policy, "after repair", new Dictionary<string, string>()));

        var after = trail.Verify();
        Assert.True(after.Intact, string.Join("\n", after.Problems));
        Assert.Equal([AuditKinds.Repair, AuditKinds.Policy], after.Entries.Skip(2).Select(e => e.Kind));
        Assert.Equal("{\"actor\":\"half\n", File.ReadAllText(trail.FilePath + ".torn"));
        Assert.Contains("line 3", Assert.Single(reports));
        Assert.Equal(4, appended.Seq);
    }

    [Fact]
    public void Concurrent_writers_never_interleave_or_fork_the_chain()
    {
        var trail = AuditFixtures.Trail(_root.Root);
        Parallel.For(0, 8, writer =>
        {
            for (var i = 0; i < 25; i++)
            {
                AuditTrail.Open(_root.Root, AuditFixtures.Ci).Append(new AuditDecision(AuditKinds.Policy, $"writer {writer}", new Dictionary<string, string> { ["i"] = $"{i}" }));
            }
        });

        var verification = trail.Verify();

        Assert.True(verification.Intact, string.Join("\n", verification.Problems.Take(5)));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), verification.Entries.Select(e => e.Seq));
    }

    [Fact]
    public void Appending_after_a_damaged_last_entry_is_refused_with_a_sentence()
    {
        var lines = AuditFixtures.Write(_root.Root, 2);
        var trail = AuditFixtures.Trail(_root.Root);
        lines[1] = "not json";
        AuditFixtures.Rewrite(trail, lines);

        var error = Assert.Throws<AuditTrailException>(() => trail.Append(new AuditDecision(AuditKinds.Policy, "x", new Dictionary<string, string>())));

        Assert.Contains("line 2 is not an audit entry", error.Message);
        Assert.Contains("nothing was appended", error.Message);
    }
}
