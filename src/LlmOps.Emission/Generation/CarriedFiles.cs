using System.Text.RegularExpressions;

namespace LlmOps.Emission;

/// <summary>
/// Links the jobs that carry the same file (<see cref="LlmOps.Dsl.CiCarriedFile"/>) into a chain: each starts from
/// the copy of the latest carrying job it waits for. Two carrying jobs that do not wait for each other would each
/// start from the same copy and one's additions would be lost, so that is an emission error naming both.
/// </summary>
internal static partial class CarriedFiles
{
    public static void Link(IReadOnlyList<WorkflowJob> ordered, string where)
    {
        var upstream = new Dictionary<WorkflowJob, HashSet<WorkflowJob>>();
        foreach (var job in ordered)
        {
            upstream[job] = job.Needs.SelectMany(n => upstream[n].Append(n)).ToHashSet();
        }

        foreach (var job in ordered)
        {
            var links = new Dictionary<string, WorkflowJob?>();
            foreach (var file in job.Requirements.CarriedFiles)
            {
                if (!ArtifactName().IsMatch(file.Name))
                {
                    throw new EmissionException($"{where}: job '{job.Name}' carries '{file.Name}', which cannot be an artifact name; use letters, digits and '-'.");
                }

                var earlier = ordered.TakeWhile(j => j != job).Where(j => j.Requirements.CarriedFiles.Any(c => c.Name == file.Name)).ToList();
                var unordered = earlier.FirstOrDefault(j => !upstream[job].Contains(j));
                if (unordered is not null)
                {
                    throw new EmissionException($"{where}: jobs '{unordered.Name}' and '{job.Name}' both append to {file.Path} ('{file.Name}') but neither waits for the other, so one's entries would be lost; make one depend on the other (DependsOn) or put them in one Group.");
                }

                links[file.Name] = earlier.LastOrDefault();
            }

            job.CarriedFrom = links;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,99}\z")]
    private static partial Regex ArtifactName();
}
