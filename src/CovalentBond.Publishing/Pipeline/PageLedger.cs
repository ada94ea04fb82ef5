using CovalentBond.Publishing.Ports;

namespace CovalentBond.Publishing.Pipeline;

/// <summary>
/// What a republish batch left on the site, page by page, as a listing would show it after the batch. While a ledger
/// is open on the calling flow (an ambient scope, as <see cref="System.Diagnostics.Activity.Current"/> is), the site
/// store notes each page it wrote, or found right, with the ETag it has now. The republish after a theme change takes
/// its pages' ETags from the ledgers of the last one instead of listing the whole site.
/// </summary>
public sealed class PageLedger : IDisposable
{
    private static readonly AsyncLocal<PageLedger?> Open = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DeployedPage> pages = new(StringComparer.Ordinal);
    private readonly PageLedger? outer;

    private PageLedger(PageLedger? outer) => this.outer = outer;

    /// <summary>The ledger open on this flow, or null.</summary>
    public static PageLedger? Current => Open.Value;

    /// <summary>Opens a ledger for the calling flow until it is disposed.</summary>
    public static PageLedger Begin()
    {
        var ledger = new PageLedger(Open.Value);
        Open.Value = ledger;
        return ledger;
    }

    /// <summary>The pages as they are now, in no particular order.</summary>
    public IReadOnlyList<DeployedPage> Pages => [.. pages.Values];

    public void Note(DeployedPage page) => pages[page.Path] = page;

    public void Forget(string path) => pages.TryRemove(path, out _);

    public void Dispose() => Open.Value = outer;
}
