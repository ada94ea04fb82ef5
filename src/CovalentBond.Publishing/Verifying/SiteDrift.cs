namespace CovalentBond.Publishing.Verifying;

/// <summary>The ways sources, index and site can disagree.</summary>
public enum DriftKind
{
    /// <summary>A source in the <c>posts</c> container that the index does not know.</summary>
    SourceNotIndexed,

    /// <summary>An index row whose source has changed since it was indexed.</summary>
    StaleIndexRow,

    /// <summary>An index row of a published or scheduled post whose source is gone.</summary>
    IndexRowWithoutSource,

    /// <summary>A source that does not read as a post; only its author can fix it.</summary>
    InvalidSource,

    /// <summary>A page the index calls for that the site does not have.</summary>
    MissingPage,

    /// <summary>A page whose bytes differ from what the index renders to now.</summary>
    StalePage,

    /// <summary>A page the index says must not exist (a withdrawn post's page, an empty tag's page).</summary>
    PageToRemove,

    /// <summary>A file of the site that nothing in the index accounts for.</summary>
    OrphanPage,

    /// <summary>A processed image some of whose variants are not on the site; repair makes them again from the original.</summary>
    VariantMissing,

    /// <summary>An image in the <c>posts</c> container that a post uses but that was never processed; repair processes it.</summary>
    ImageUnprocessed,

    /// <summary>An image an author names that was never uploaded; only its author can fix it.</summary>
    ImageNotUploaded,

    /// <summary>
    /// A page held by the wrong owner: an alias's redirect standing where the home page, a list page or another post's
    /// article belongs, whatever version it was written with. Repair removes it and writes the owner's page.
    /// </summary>
    PageOfAnotherOwner,

    /// <summary>
    /// An alias in the index that no post may hold (an index written before the ownership checks: the site's own file,
    /// a control character, a dot segment once decoded). Repair removes the file the old code wrote for it.
    /// </summary>
    InvalidAlias,

    /// <summary>The site could not be listed (a file name the storage service cannot list): pages are read one by one, orphans are not looked for.</summary>
    SiteNotListed,

    /// <summary>An image whose variants were made under other settings (ladder, formats, quality); repair makes them anew.</summary>
    VariantsOutdated,
}

/// <summary>One disagreement, about a file of the site, a source or a post.</summary>
/// <param name="Subject">The site path, source name or slug concerned.</param>
public sealed record SiteDrift(DriftKind Kind, string Subject, string Detail)
{
    public override string ToString() => $"{Kind}: {Subject} ({Detail})";
}

/// <summary>What a verification found and, with repair, what it did.</summary>
public sealed record VerifyReport(IReadOnlyList<SiteDrift> Drifts, bool Repaired, int FilesChecked, int SourcesChecked)
{
    /// <summary>Drift is what repair can fix or only an author can; warnings (<see cref="Warnings"/>) do not count.</summary>
    public bool IsClean => Drifts.Count == 0;

    /// <summary>
    /// What an editor should look at in the posts on the site, as publishing warns of it (an image without a text
    /// alternative, a template tag left out, markup the sanitizer removed), as <c>file:line: field: message</c>.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The scheduled verification. Bound from the <c>Verify</c> section.</summary>
public sealed class VerifyOptions
{
    public const string SectionName = "Verify";

    /// <summary>Whether the scheduled run also repairs what it finds (off: it reports, an operator repairs).</summary>
    public bool RepairOnSchedule { get; set; }
}
