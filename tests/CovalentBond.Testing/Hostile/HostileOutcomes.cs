using System.Collections.Concurrent;

namespace CovalentBond.Testing.Hostile;

/// <summary>
/// The outcomes of a class's hostile-input cases (one test case per input), kept as they come and written as the
/// report's tables (<see cref="HostileReport.Write"/>, when <c>HOSTILE_REPORT</c> names a file) once the class's cases
/// have run: a class fixture.
/// </summary>
public sealed class HostileOutcomes : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<HostileOutcome>> byEntryPoint = new(StringComparer.Ordinal);

    public void Add(string entryPoint, HostileOutcome outcome) => byEntryPoint.GetOrAdd(entryPoint, _ => []).Add(outcome);

    public void Dispose()
    {
        var order = HostileInputs.All.Select((input, i) => (input.ToString(), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.Ordinal);
        foreach (var (entryPoint, outcomes) in byEntryPoint.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            HostileReport.Write(entryPoint, outcomes.OrderBy(o => order.GetValueOrDefault(o.Input.ToString())).ToList());
        }
    }
}
