using CovalentBond.Publishing.Ports;
using Xunit;

namespace CovalentBond.Testing.InMemory.Contracts;

/// <summary>
/// What every <see cref="IAuditTrail"/> does: an entry comes back as it was written, newest first; a query selects by
/// post, caller and time, across days, and no more than its limit.
/// </summary>
public abstract class AuditTrailContract : PortContract<IAuditTrail>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(DateTimeOffset at, string caller, string? subject, string action = "publish") => new()
    {
        At = at,
        Action = action,
        Outcome = "updated",
        CallerId = caller,
        CallerName = "Name of " + caller,
        CallerKind = "person",
        Subject = subject,
        HashBefore = "before",
        HashAfter = "after",
        RequestId = "0af7651916cd43dd8448eb211c80319c",
        Detail = "ünïcode, \"quotes\" and a\nnew line",
    };

    [Fact]
    public async Task An_entry_comes_back_whole_and_entries_newest_first_across_days()
    {
        var first = Entry(Now.AddDays(-2), "ana", "story");
        await Port.AppendAsync(first, None);
        await Port.AppendAsync(Entry(Now.AddHours(-1), "boris", "story"), None);
        await Port.AppendAsync(Entry(Now.AddMinutes(-1), "ana", "other"), None);

        var all = await Port.ReadAsync(new AuditQuery(), Now, None);

        Assert.Equal([Now.AddMinutes(-1), Now.AddHours(-1), Now.AddDays(-2)], all.Select(e => e.At));
        Assert.Equal(first, all[^1]);
    }

    [Fact]
    public async Task A_query_selects_by_post_caller_time_and_limit()
    {
        for (var i = 0; i < 5; i++)
        {
            await Port.AppendAsync(Entry(Now.AddHours(-i), i % 2 == 0 ? "ana" : "boris", i < 3 ? "story" : "other"), None);
        }

        await Port.AppendAsync(Entry(Now.AddDays(-40), "ana", "story"), None);

        Assert.Equal(3, (await Port.ReadAsync(new AuditQuery(Subject: "story"), Now, None)).Count);
        Assert.Equal(2, (await Port.ReadAsync(new AuditQuery(Subject: "story", CallerId: "ana"), Now, None)).Count);
        Assert.Equal(2, (await Port.ReadAsync(new AuditQuery(From: Now.AddHours(-1).AddMinutes(-1), To: Now.AddMinutes(1)), Now, None)).Count);
        Assert.Equal(2, (await Port.ReadAsync(new AuditQuery(Limit: 2), Now, None)).Count);
        // Without a start, the last 30 days; an older entry is there for a query that asks for it.
        Assert.DoesNotContain(await Port.ReadAsync(new AuditQuery(), Now, None), e => e.At < Now.AddDays(-30));
        Assert.Single(await Port.ReadAsync(new AuditQuery(From: Now.AddDays(-41), To: Now.AddDays(-39)), Now, None));
    }
}
